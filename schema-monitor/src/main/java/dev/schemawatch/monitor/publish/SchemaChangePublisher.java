package dev.schemawatch.monitor.publish;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes a schema-change event and returns only once Kafka has acknowledged it. */
public class SchemaChangePublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Duration ackTimeout;

    public SchemaChangePublisher(KafkaTemplate<String, byte[]> kafka, String topic, Duration ackTimeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
    }

    public static URI sourceOf(String database) {
        return URI.create("/schemawatch/schema-monitor/" + database);
    }

    /**
     * @param json the payload exactly as {@link EventSizePolicy} sized it
     * @throws PublishFailedException when Kafka did not acknowledge within the timeout
     */
    public void publish(SchemaChangeEvent event, byte[] json, Instant commitTime) throws InterruptedException {
        Instant ddlCommitTime = commitTime != null ? commitTime : event.occurredAt();
        CloudEvent cloudEvent = EventEnvelope.originating(event.eventId(), sourceOf(event.database()),
                SchemaChangeEvent.TYPE, event.key(), event.occurredAt(), ddlCommitTime, json);
        ProducerRecord<String, byte[]> record = EventEnvelope.toRecord(topic, event.key(), cloudEvent);
        try {
            kafka.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge event " + event.eventId() + " on " + topic
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
