package dev.schemawatch.notifier.delivery;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.Notification;
import dev.schemawatch.contracts.notification.NotificationItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message to one channel and everything that happened to it. While COLLECTING it gathers the
 * items of its group; then it is rendered once and attempted until DELIVERED or FAILED. Its id is
 * the {@code webhook-id} of every attempt, so a receiver can drop a repeat.
 *
 * @param items             the first {@link Notification#MAX_ITEMS} items, in arrival order
 * @param itemCount         all items, listed or not
 * @param inputEventIds     every input event it carries: what makes a redelivered input a no-op
 * @param correlationIds    the originating DDL events, distinct, at most {@link #MAX_CORRELATION_IDS}
 * @param earliestCommitTime the earliest DDL commit among the items, for the end-to-end latency; null when unknown
 * @param dueAt             when the group closes (COLLECTING) or the next attempt is due (PENDING, RETRYING)
 * @param body              the rendered request body, fixed at the first attempt so every retry sends the same bytes
 */
public record Delivery(
        String id,
        String channelId,
        ChannelType channelType,
        NoticeKind kind,
        String groupKey,
        Severity severity,
        List<NotificationItem> items,
        int itemCount,
        List<String> inputEventIds,
        List<String> correlationIds,
        Instant earliestCommitTime,
        Status status,
        int attempts,
        Instant dueAt,
        Instant createdAt,
        Instant updatedAt,
        Instant deliveredAt,
        Integer httpStatus,
        String lastError,
        String body) {

    public static final int MAX_CORRELATION_IDS = 1_000;

    public Delivery {
        items = items == null ? List.of() : List.copyOf(items);
        inputEventIds = inputEventIds == null ? List.of() : List.copyOf(inputEventIds);
        correlationIds = correlationIds == null ? List.of() : List.copyOf(correlationIds);
    }

    public static Delivery open(String id, String channelId, ChannelType channelType, String groupKey, NotificationItem item,
                                Instant ddlCommitTime, Instant dueAt, Instant now) {
        return new Delivery(id, channelId, channelType, item.kind(), groupKey, item.severity(), List.of(item), 1,
                List.of(item.inputEventId()), item.correlationId() == null ? List.of() : List.of(item.correlationId()),
                ddlCommitTime, Status.COLLECTING, 0, dueAt, now, now, null, null, null, null);
    }

    public boolean carries(String inputEventId) {
        return inputEventIds.contains(inputEventId);
    }

    public Delivery with(NotificationItem item, Instant ddlCommitTime, Instant now) {
        List<NotificationItem> nextItems = items;
        if (items.size() < Notification.MAX_ITEMS) {
            nextItems = new ArrayList<>(items);
            nextItems.add(item);
        }
        List<String> nextInputs = new ArrayList<>(inputEventIds);
        nextInputs.add(item.inputEventId());
        List<String> nextCorrelations = correlationIds;
        if (item.correlationId() != null && correlationIds.size() < MAX_CORRELATION_IDS && !correlationIds.contains(item.correlationId())) {
            nextCorrelations = new ArrayList<>(correlationIds);
            nextCorrelations.add(item.correlationId());
        }
        Instant earliest = earliestCommitTime == null || (ddlCommitTime != null && ddlCommitTime.isBefore(earliestCommitTime))
                ? ddlCommitTime : earliestCommitTime;
        Severity highest = item.severity().atLeast(severity) ? item.severity() : severity;
        return new Delivery(id, channelId, channelType, kind, groupKey, highest, nextItems, itemCount + 1, nextInputs, nextCorrelations,
                earliest, status, attempts, dueAt, createdAt, now, deliveredAt, httpStatus, lastError, body);
    }

    public Delivery due(Instant at) {
        return new Delivery(id, channelId, channelType, kind, groupKey, severity, items, itemCount, inputEventIds, correlationIds,
                earliestCommitTime, status, attempts, at, createdAt, updatedAt, deliveredAt, httpStatus, lastError, body);
    }

    public Delivery rendered(String renderedBody, Instant now) {
        return new Delivery(id, channelId, channelType, kind, groupKey, severity, items, itemCount, inputEventIds, correlationIds,
                earliestCommitTime, Status.PENDING, attempts, now, createdAt, now, deliveredAt, httpStatus, lastError, renderedBody);
    }

    /** After an attempt (or a decision not to make one): the new status, the answer and when to try next. */
    public Delivery attempted(Status next, int attemptCount, Integer answer, String error, Instant nextDue, Instant now) {
        return new Delivery(id, channelId, channelType, kind, groupKey, severity, items, itemCount, inputEventIds, correlationIds,
                earliestCommitTime, next, attemptCount, nextDue, createdAt, now, next == Status.DELIVERED ? now : deliveredAt, answer, error, body);
    }

    /** Kept for a replay: attempts start again from zero. */
    public Delivery replayed(Instant now) {
        return new Delivery(id, channelId, channelType, kind, groupKey, severity, items, itemCount, inputEventIds, correlationIds,
                earliestCommitTime, Status.PENDING, 0, now, createdAt, now, null, httpStatus, lastError, body);
    }

    public int omittedItems() {
        return itemCount - items.size();
    }

    public enum Status {
        /** Open: items of its group join it until it is due. */
        COLLECTING,
        /** Rendered; the first attempt (or a replay) is due. */
        PENDING,
        /** An attempt failed in a way worth retrying; the next is due at {@code dueAt}. */
        RETRYING,
        DELIVERED,
        /** No more attempts; replayable through the API. */
        FAILED,
        /** Not sent because the channel is disabled; replayable once it is enabled. */
        SUPPRESSED;

        public boolean finished() {
            return this == DELIVERED || this == FAILED || this == SUPPRESSED;
        }
    }
}
