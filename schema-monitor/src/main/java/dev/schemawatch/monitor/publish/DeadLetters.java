package dev.schemawatch.monitor.publish;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where ddl_log rows go that the monitor cannot turn into an event: the row as JSON, with the
 * reason in Spring Kafka's dead-letter headers, so nothing is silently lost and the stream goes on.
 */
public class DeadLetters {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final JsonConverter rowToJson = new JsonConverter();

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        rowToJson.configure(Map.of("schemas.enable", "false"), false);
    }

    public void send(String database, SourceRecord row, Exception reason) throws InterruptedException {
        byte[] value = rowToJson.fromConnectData(row.topic(), row.valueSchema(), row.value());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, database, value);
        record.headers()
                .add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes(String.valueOf(reason.getMessage())))
                .add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(reason.getClass().getName()))
                .add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(row.topic()))
                .add("schemawatch_database", bytes(database));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("Kafka did not take the dead letter for " + database + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
