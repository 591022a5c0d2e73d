package dev.schemawatch.notifier.delivery;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.notification.NotificationOutcome;
import io.cloudevents.CloudEvent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends delivery outcomes through the {@value #BINDING} binding (destination and producer settings
 * in application.yml). Without waiting for the acknowledgement: the delivery's state is stored
 * before its outcome is sent, and the deliveries API is the full record, so an attempt need not
 * wait for the audit trail.
 */
public class OutcomePublisher {

    public static final String BINDING = "notificationOutcomes-out-0";
    static final URI SOURCE = URI.create("/schemawatch/notifier");

    private final StreamBridge bridge;

    public OutcomePublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    public NotificationOutcome publish(Delivery delivery, NotificationOutcome.Outcome outcome, String reason, Instant occurredAt) {
        // The attempt's time keeps a replay's outcomes apart from the first round's, whose attempt numbers they repeat.
        String cause = delivery.id() + "/" + outcome + "/" + delivery.attempts() + "/" + delivery.updatedAt();
        String outcomeId = EventEnvelope.derivedId(cause, NotificationOutcome.TYPE);
        Long latency = delivery.earliestCommitTime() == null ? null : Duration.between(delivery.earliestCommitTime(), occurredAt).toMillis();
        List<String> inputs = delivery.inputEventIds().size() > NotificationOutcome.MAX_INPUT_EVENT_IDS
                ? delivery.inputEventIds().subList(0, NotificationOutcome.MAX_INPUT_EVENT_IDS) : delivery.inputEventIds();
        NotificationOutcome payload = new NotificationOutcome(outcomeId, delivery.id(), delivery.channelId(), delivery.channelType(),
                delivery.kind(), outcome, delivery.attempts(), delivery.httpStatus(), reason,
                outcome == NotificationOutcome.Outcome.RETRIED ? delivery.dueAt() : null, delivery.severity(), delivery.groupKey(),
                inputs, delivery.itemCount(), latency, occurredAt);
        String correlationId = delivery.correlationIds().isEmpty() ? delivery.id() : delivery.correlationIds().get(0);
        CloudEvent event = EventEnvelope.following(cause, correlationId, delivery.earliestCommitTime(), SOURCE, NotificationOutcome.TYPE,
                payload.key(), occurredAt, EventJson.write(payload));
        Message<byte[]> message = MessageBuilder.withPayload(event.getData().toBytes())
                .copyHeaders(EventEnvelope.toHeaders(event))
                .setHeader(KafkaHeaders.KEY, payload.key().getBytes(StandardCharsets.UTF_8))
                .build();
        if (!bridge.send(BINDING, message)) {
            throw new IllegalStateException("the " + BINDING + " binding did not accept outcome " + outcomeId);
        }
        return payload;
    }
}
