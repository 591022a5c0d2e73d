package dev.schemawatch.contracts.envelope;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one way every schemawatch service wraps and unwraps its events: CloudEvents 1.0 in Kafka
 * binary mode ({@code ce_*} headers, JSON body), with two extensions that travel unchanged through
 * every stage: {@value #CORRELATION_ID} (the id of the originating DDL event) and
 * {@value #DDL_COMMIT_TIME} (when that DDL committed, for end-to-end latency).
 */
public final class EventEnvelope {

    public static final String CORRELATION_ID = "correlationid";
    public static final String DDL_COMMIT_TIME = "ddlcommittime";
    public static final String CONTENT_TYPE = "application/json";

    private EventEnvelope() {
    }

    /**
     * The id of an event that starts a chain, from the natural key of what it describes (for a DDL:
     * the cluster, database and ddl_log row). The same key always yields the same id, so a
     * re-published event is recognisably the same event.
     */
    public static String originId(String... naturalKey) {
        return nameBasedId(String.join("\u0000", naturalKey));
    }

    /**
     * The id of an event produced in answer to {@code inputId}: deterministic, so a redelivered input
     * yields an output with the same id and consumers can ignore the repeat.
     */
    public static String derivedId(String inputId, String outputType) {
        return nameBasedId(outputType + "\u0000" + inputId);
    }

    /**
     * An event that starts a chain: it is its own correlation id.
     *
     * @param ddlCommitTime when the DDL it describes committed; null for a chain no DDL started
     *                      (e.g. a suite generated on request), which then carries no such extension
     */
    public static CloudEvent originating(
            String id, URI source, String type, String subject, Instant time, Instant ddlCommitTime, byte[] data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(utc(time))
                .withDataContentType(CONTENT_TYPE)
                .withData(data)
                .withExtension(CORRELATION_ID, id);
        if (ddlCommitTime != null) {
            builder.withExtension(DDL_COMMIT_TIME, utc(ddlCommitTime));
        }
        return builder.build();
    }

    /** An event produced in answer to {@code cause}: derived id, correlation and DDL commit time carried over. */
    public static CloudEvent following(CloudEvent cause, URI source, String type, String subject, Instant time, byte[] data) {
        return following(cause.getId(), correlationId(cause), ddlCommitTime(cause), source, type, subject, time, data);
    }

    /**
     * An event produced in answer to a cause known only by its id and extensions, e.g. one stored
     * earlier: derived id, correlation and DDL commit time carried over.
     */
    public static CloudEvent following(String causeId, String correlationId, Instant ddlCommitTime,
                                       URI source, String type, String subject, Instant time, byte[] data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(derivedId(causeId, type))
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(utc(time))
                .withDataContentType(CONTENT_TYPE)
                .withData(data)
                .withExtension(CORRELATION_ID, correlationId);
        if (ddlCommitTime != null) {
            builder.withExtension(DDL_COMMIT_TIME, utc(ddlCommitTime));
        }
        return builder.build();
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, String key, CloudEvent event) {
        return KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
    }

    /**
     * Reads a binary-mode record back into an event.
     *
     * @throws MalformedEventException when the headers are not a valid CloudEvent
     */
    public static CloudEvent fromRecord(Headers headers, byte[] value) {
        try {
            return KafkaMessageFactory.createReader(headers, value).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new MalformedEventException("not a CloudEvents 1.0 binary-mode record: " + e.getMessage(), e);
        }
    }

    public static CloudEvent fromRecord(ConsumerRecord<?, byte[]> record) {
        return fromRecord(record.headers(), record.value());
    }

    /**
     * The binary-mode Kafka headers of {@code event}, as raw bytes, for frameworks that map message
     * headers onto Kafka headers themselves (Spring Cloud Stream passes {@code byte[]} values through
     * unchanged).
     */
    public static Map<String, Object> toHeaders(CloudEvent event) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : KafkaMessageFactory.createWriter("unused", (String) null).writeBinary(event).headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    /**
     * Reads an event whose Kafka headers arrived as framework message headers: {@code ce_*} and
     * {@code content-type} values as {@code byte[]} or text; other headers are ignored.
     *
     * @throws MalformedEventException when the headers are not a valid CloudEvent
     */
    public static CloudEvent fromHeaders(Map<String, Object> headers, byte[] value) {
        Headers kafkaHeaders = new RecordHeaders();
        headers.forEach((name, headerValue) -> {
            if (name.startsWith("ce_") || name.equals("content-type")) {
                byte[] bytes = headerValue instanceof byte[] raw ? raw : String.valueOf(headerValue).getBytes(StandardCharsets.UTF_8);
                kafkaHeaders.add(name, bytes);
            }
        });
        return fromRecord(kafkaHeaders, value);
    }

    public static String correlationId(CloudEvent event) {
        Object correlation = event.getExtension(CORRELATION_ID);
        return correlation == null ? event.getId() : correlation.toString();
    }

    /** The DDL commit time carried by the event, or null if it has none. */
    public static Instant ddlCommitTime(CloudEvent event) {
        Object value = event.getExtension(DDL_COMMIT_TIME);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return Objects.requireNonNull(instant, "time").atOffset(ZoneOffset.UTC);
    }

    private static String nameBasedId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
