package dev.schemawatch.contracts.notification;

import dev.schemawatch.contracts.impact.Severity;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.schemawatch.notification.outcome.v1} on {@code schemawatch.notifications}:
 * what happened to one delivery attempt, for audit and for subscribers.
 *
 * @param outcomeId      equals the CloudEvents {@code ce_id}; derived from the delivery id, the
 *                       outcome and the attempt
 * @param deliveryId     the delivery; equals the {@code webhook-id} of its requests and the
 *                       notification's id
 * @param channelId      the channel
 * @param channelType    SLACK or WEBHOOK
 * @param kind           IMPACT or TEST_RESULT
 * @param outcome        what happened
 * @param attempt        the attempt this outcome ends (1-based); 0 for SUPPRESSED
 * @param httpStatus     the endpoint's answer; null when there was none (unreachable, circuit open)
 * @param reason         why it was retried, failed or suppressed; null when delivered
 * @param nextAttemptAt  when the next attempt is due; only for RETRIED
 * @param severity       the highest severity among the delivery's items
 * @param groupKey       what the items share: {@code database:txid} for one transaction's DDL
 * @param inputEventIds  the input events the delivery carries, at most {@link #MAX_INPUT_EVENT_IDS}
 * @param itemCount      how many input events it carries in all
 * @param latencyMillis  from the earliest DDL commit among the items to this outcome; null when unknown
 * @param occurredAt     when the attempt ended
 */
public record NotificationOutcome(
        String outcomeId,
        String deliveryId,
        String channelId,
        ChannelType channelType,
        NoticeKind kind,
        Outcome outcome,
        int attempt,
        Integer httpStatus,
        String reason,
        Instant nextAttemptAt,
        Severity severity,
        String groupKey,
        List<String> inputEventIds,
        int itemCount,
        Long latencyMillis,
        Instant occurredAt) {

    public static final String TYPE = "dev.schemawatch.notification.outcome.v1";
    public static final int MAX_INPUT_EVENT_IDS = 1_000;

    public NotificationOutcome {
        inputEventIds = inputEventIds == null ? List.of() : List.copyOf(inputEventIds);
    }

    /** The channel: all outcomes of one channel stay in order. */
    public String key() {
        return channelId;
    }

    public enum Outcome {
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** The attempt failed in a way worth retrying; another is scheduled. */
        RETRIED,
        /** No more attempts: kept in the notifier and replayable through its API. */
        FAILED,
        /** Not sent because the channel is disabled; kept and replayable once it is enabled again. */
        SUPPRESSED
    }
}
