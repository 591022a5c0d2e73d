package dev.schemawatch.contracts.notification;

import dev.schemawatch.contracts.impact.Severity;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.schemawatch.notification.v1}: what a generic webhook channel receives, as the
 * {@code data} of a CloudEvents JSON document signed per the Standard Webhooks spec. One
 * notification groups the events of one migration (one transaction) that reached the channel
 * within the grouping window.
 *
 * @param notificationId equals the CloudEvents {@code id} and the {@code webhook-id} header; the same
 *                       on every attempt, so a receiver can ignore a retry it already handled
 * @param channelId      the channel it was sent to
 * @param kind           IMPACT or TEST_RESULT
 * @param severity       the highest severity among the items
 * @param groupKey       what the items share: {@code database:txid} for one transaction's DDL
 * @param title          a one-line summary, rendered from the channel's message template
 * @param text           the message text, rendered from the channel's message template
 * @param items          one per input event, in arrival order; at most {@link #MAX_ITEMS}
 * @param omittedItems   how many more input events the notification covers than {@code items} lists
 * @param createdAt      when the first item arrived
 */
public record Notification(
        String notificationId,
        String channelId,
        NoticeKind kind,
        Severity severity,
        String groupKey,
        String title,
        String text,
        List<NotificationItem> items,
        int omittedItems,
        Instant createdAt) {

    public static final String TYPE = "dev.schemawatch.notification.v1";
    public static final int MAX_ITEMS = 100;

    public Notification {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
