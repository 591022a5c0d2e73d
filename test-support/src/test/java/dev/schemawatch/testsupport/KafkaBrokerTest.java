package dev.schemawatch.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerTest {

    private final KafkaBroker kafka = KafkaBroker.get();

    @Test
    void leavesSpringsBootstrapPropertyAlone() {
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).isNull();
    }

    @Test
    void aMessageJustUnderTheDefaultLimitMakesTheRoundTrip() throws Exception {
        String topic = uniqueTopic();
        kafka.createTopics(topic);
        byte[] payload = new byte[900 * 1024];
        Arrays.fill(payload, (byte) 'x');

        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "big", payload)).get();
        }

        List<ConsumerRecord<String, byte[]>> records = kafka.awaitRecords(topic, 1, Duration.ofSeconds(30));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("big");
            assertThat(record.value()).isEqualTo(payload);
        });
    }

    @Test
    void aMessageOverTheDefaultLimitIsRejectedByTheProducer() {
        String topic = uniqueTopic();
        kafka.createTopics(topic);

        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "too-big", new byte[1200 * 1024])).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    @Test
    void theBrokerKeepsItsDefaultMessageSizeLimit() {
        String topic = uniqueTopic();
        kafka.createTopics(topic);

        // The producer is allowed to send it, so only the broker's message.max.bytes can refuse it.
        try (KafkaProducer<String, byte[]> producer = producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024)))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "too-big", new byte[1200 * 1024])).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    @Test
    void readAllReturnsExactlyWhatWasPublishedAndAwaitRecordsFilters() throws Exception {
        String topic = uniqueTopic();
        kafka.createTopics(topic);
        kafka.createTopics(topic);

        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, ("event " + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        assertThat(kafka.awaitRecords(topic, 5, record -> Integer.parseInt(record.key().substring(4)) % 2 == 0, Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("key-0", "key-2", "key-4", "key-6", "key-8");
        assertThat(kafka.readAll(topic, Duration.ofMillis(500)).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet()))
                .hasSize(10)
                .contains("event 0", "event 9");
    }

    @Test
    void awaitRecordsReportsWhatItSawWhenTooFewArrive() throws Exception {
        String topic = uniqueTopic();
        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "only", new byte[1])).get();
        }

        assertThatThrownBy(() -> kafka.awaitRecords(topic, 2, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 of the 1 records")
                .hasMessageContaining("key=only");
    }

    @Test
    void readingATopicNobodyWroteToFindsNothingAndDoesNotCreateIt() throws Exception {
        String topic = uniqueTopic();

        assertThat(kafka.readAll(topic, Duration.ofMillis(500))).isEmpty();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    private KafkaProducer<String, byte[]> producer(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        config.putAll(overrides);
        return new KafkaProducer<>(config);
    }

    private static String uniqueTopic() {
        return "test-support-" + UUID.randomUUID();
    }
}
