package dev.schemawatch.notifier.messages;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.notification.NotificationSchemasTest;
import dev.schemawatch.contracts.templates.Templates;
import dev.schemawatch.notifier.delivery.Delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Items and deliveries for the message tests, borrowed from the contracts' sample notification. */
final class MessageFixtures {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:01Z");
    static final Instant COMMIT = Instant.parse("2026-11-29T10:00:00.050Z");

    private MessageFixtures() {
    }

    static MessageTemplates templates() {
        return new MessageTemplates(new Templates(null, Map.of()));
    }

    /** A test run answering a change whose impact was seen: change, impact and tests, one case failed. */
    static NotificationItem testRunAfterChange() {
        return NotificationSchemasTest.sampleNotification().items().get(0);
    }

    /** A test run asked for through the API: no change, no impact, all passed. */
    static NotificationItem testRunOnRequest() {
        return NotificationSchemasTest.sampleNotification().items().get(1);
    }

    /** The impact behind {@link #testRunAfterChange()}, as announced before its tests finished. */
    static NotificationItem impact(String inputEventId, String table) {
        NotificationItem sample = testRunAfterChange();
        return new NotificationItem(inputEventId, sample.correlationId(), NoticeKind.IMPACT, Severity.BREAKING, sample.database(), table,
                sample.change(), sample.impact(), null);
    }

    static NotificationItem withTests(NotificationItem item, NotificationItem.TestSummary tests) {
        return new NotificationItem(item.inputEventId(), item.correlationId(), item.kind(), item.severity(), item.database(), item.table(),
                item.change(), item.impact(), tests);
    }

    static Delivery delivery(ChannelType type, List<NotificationItem> items) {
        Delivery delivery = Delivery.open("delivery-1", type == ChannelType.SLACK ? "ops-slack" : "ops-webhook", type, "shop:48213",
                items.get(0), COMMIT, NOW.plusSeconds(2), NOW);
        for (NotificationItem item : items.subList(1, items.size())) {
            delivery = delivery.with(item, COMMIT, NOW);
        }
        return delivery;
    }

    /** {@code count} impacts of one migration, one per table. */
    static Delivery manyImpacts(ChannelType type, int count) {
        Delivery delivery = null;
        for (int i = 0; i < count; i++) {
            NotificationItem item = impact("report-" + i, "public.table_" + i);
            delivery = delivery == null
                    ? Delivery.open("delivery-many", "ops", type, "shop:48213", item, COMMIT, NOW.plusSeconds(2), NOW)
                    : delivery.with(item, COMMIT, NOW);
        }
        return delivery;
    }
}
