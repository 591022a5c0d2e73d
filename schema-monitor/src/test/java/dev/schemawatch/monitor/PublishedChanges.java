package dev.schemawatch.monitor;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the monitor publishes during a test JVM, read back from the real topic by a background
 * consumer. Every record is checked on arrival: a valid CloudEvent whose payload validates against
 * the committed JSON Schema.
 */
final class PublishedChanges {

    private static PublishedChanges instance;

    private final List<Published> records = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    static synchronized PublishedChanges from(String bootstrapServers) {
        if (instance == null) {
            instance = new PublishedChanges(bootstrapServers);
        }
        return instance;
    }

    private PublishedChanges(String bootstrapServers) {
        Thread reader = new Thread(() -> readForever(bootstrapServers), "published-changes-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readForever(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "published-changes-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.SCHEMA_CHANGES));
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    accept(record);
                }
            }
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent cloudEvent = EventEnvelope.fromRecord(record);
            var errors = ContractSchemas.validate(ContractSchemas.SCHEMA_CHANGE_EVENT, record.value());
            if (!errors.isEmpty()) {
                violations.add(record.key() + ": " + errors);
            }
            SchemaChangeEvent event = EventJson.read(record.value(), SchemaChangeEvent.class);
            if (!cloudEvent.getId().equals(event.eventId()) || !record.key().equals(event.key())) {
                violations.add(record.key() + ": ce_id/key do not match the payload");
            }
            records.add(new Published(record.key(), cloudEvent, event, record.serializedValueSize()));
        } catch (RuntimeException e) {
            violations.add(record.key() + ": " + e);
        }
    }

    /** Waits until exactly {@code count} events match, then a little longer to be sure no more come. */
    List<SchemaChangeEvent> await(int count, Predicate<SchemaChangeEvent> matching) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> matching(matching).size() >= count);
        assertThat(violations).as("events that break the contract").isEmpty();
        return matching(matching);
    }

    SchemaChangeEvent awaitOne(Predicate<SchemaChangeEvent> matching) {
        return await(1, matching).get(0);
    }

    List<SchemaChangeEvent> matching(Predicate<SchemaChangeEvent> matching) {
        List<SchemaChangeEvent> found = new ArrayList<>();
        for (Published published : records) {
            if (matching.test(published.event())) {
                found.add(published.event());
            }
        }
        return found;
    }

    List<Published> all() {
        return List.copyOf(records);
    }

    record Published(String key, CloudEvent cloudEvent, SchemaChangeEvent event, int serializedSize) {
    }
}
