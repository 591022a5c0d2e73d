package dev.schemawatch.contracts.envelope;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    private static final URI MONITOR = URI.create("/schemawatch/schema-monitor/shop");
    private static final Instant COMMIT = Instant.parse("2026-11-22T10:15:30.123456Z");

    @Test
    void writesBinaryModeHeadersWithBothExtensions() {
        CloudEvent event = EventEnvelope.originating("id-1", MONITOR, "dev.schemawatch.schema.change.v1",
                "shop.public.orders", COMMIT, COMMIT, "{}".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<String, byte[]> record = EventEnvelope.toRecord("schemawatch.schema-changes", "shop.public.orders", event);

        Map<String, String> headers = StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).containsEntry("ce_id", "id-1")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", "dev.schemawatch.schema.change.v1")
                .containsEntry("ce_source", MONITOR.toString())
                .containsEntry("ce_subject", "shop.public.orders")
                .containsEntry("ce_correlationid", "id-1")
                .containsEntry("content-type", "application/json")
                .containsKeys("ce_time", "ce_ddlcommittime");
        assertThat(record.key()).isEqualTo("shop.public.orders");
        assertThat(record.value()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsThroughFrameworkMessageHeadersAsBytesOrText() {
        CloudEvent event = EventEnvelope.originating("id-7", MONITOR, "dev.schemawatch.schema.change.v1",
                "shop.public.orders", COMMIT, COMMIT, "{}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> headers = new java.util.HashMap<>(EventEnvelope.toHeaders(event));
        assertThat(headers.values()).allSatisfy(value -> assertThat(value).isInstanceOf(byte[].class));
        headers.put("ce_subject", "shop.public.orders");
        headers.put("kafka_offset", 12L);

        CloudEvent read = EventEnvelope.fromHeaders(headers, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(read.getId()).isEqualTo("id-7");
        assertThat(read.getSubject()).isEqualTo("shop.public.orders");
        assertThat(EventEnvelope.ddlCommitTime(read)).isEqualTo(COMMIT);
        assertThat(EventEnvelope.correlationId(read)).isEqualTo("id-7");
    }

    @Test
    void messageHeadersThatAreNoCloudEventAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventEnvelope.fromHeaders(Map.of("kafka_offset", 1L), new byte[0]))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aFollowingEventHasADeterministicIdAndCarriesCorrelationAndCommitTime() {
        CloudEvent cause = EventEnvelope.originating("ddl-42", MONITOR, "dev.schemawatch.schema.change.v1",
                "shop.public.orders", COMMIT, COMMIT, new byte[0]);

        CloudEvent first = EventEnvelope.following(cause, URI.create("/schemawatch/change-analyzer"),
                "dev.schemawatch.impact.report.v1", "shop.public.orders", Instant.now(), new byte[0]);
        CloudEvent redelivered = EventEnvelope.following(cause, URI.create("/schemawatch/change-analyzer"),
                "dev.schemawatch.impact.report.v1", "shop.public.orders", Instant.now(), new byte[0]);

        assertThat(first.getId()).isEqualTo(redelivered.getId()).isNotEqualTo(cause.getId());
        assertThat(EventEnvelope.correlationId(first)).isEqualTo("ddl-42");
        assertThat(EventEnvelope.ddlCommitTime(first)).isEqualTo(COMMIT);
        assertThat(EventEnvelope.derivedId("ddl-42", "other.type")).isNotEqualTo(first.getId());
    }

    @Test
    void readsBackWhatItWrote() {
        CloudEvent event = EventEnvelope.originating(EventEnvelope.originId("cluster", "shop", "7"), MONITOR,
                "dev.schemawatch.schema.change.v1", "shop.public.orders", COMMIT, COMMIT, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> produced = EventEnvelope.toRecord("t", "k", event);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>("t", 0, 0L, "k", produced.value());
        produced.headers().forEach(h -> consumed.headers().add(h));

        CloudEvent read = EventEnvelope.fromRecord(consumed);

        assertThat(read.getId()).isEqualTo(event.getId());
        assertThat(EventEnvelope.ddlCommitTime(read)).isEqualTo(COMMIT);
        assertThat(EventEnvelope.correlationId(read)).isEqualTo(event.getId());
        assertThat(read.getData().toBytes()).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordWithoutCloudEventsHeadersIsMalformed() {
        assertThatThrownBy(() -> EventEnvelope.fromRecord(new RecordHeaders(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("CloudEvents");
    }
}
