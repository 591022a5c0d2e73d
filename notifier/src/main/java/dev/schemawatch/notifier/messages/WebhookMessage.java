package dev.schemawatch.notifier.messages;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.notification.Notification;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.notifier.delivery.Delivery;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * A delivery as a generic webhook body: a CloudEvents 1.0 JSON document (structured mode) whose
 * data is the {@link Notification} record. Written by hand because the CloudEvents SDK's JSON
 * format is bound to Jackson 2; the envelope is eight attributes.
 */
public final class WebhookMessage {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String SOURCE = "/schemawatch/notifier";

    private final MessageTemplates templates;

    public WebhookMessage(MessageTemplates templates) {
        this.templates = templates;
    }

    public byte[] render(Delivery delivery) {
        String title = templates.title(delivery);
        StringJoiner text = new StringJoiner("\n\n");
        text.add(title);
        for (NotificationItem item : delivery.items()) {
            text.add(templates.item(item, MessageTemplates.Escape.NONE));
        }
        if (delivery.omittedItems() > 0) {
            text.add("…and " + delivery.omittedItems() + " more not listed");
        }
        Notification notification = new Notification(delivery.id(), delivery.channelId(), delivery.kind(), delivery.severity(),
                delivery.groupKey(), title, text.toString(), delivery.items(), delivery.omittedItems(), delivery.createdAt());
        ObjectNode event = EventJson.mapper().createObjectNode()
                .put("specversion", "1.0")
                .put("id", delivery.id())
                .put("source", SOURCE)
                .put("type", Notification.TYPE)
                .put("subject", delivery.groupKey())
                .put("time", delivery.createdAt().toString())
                .put("datacontenttype", EventEnvelope.CONTENT_TYPE);
        if (!delivery.correlationIds().isEmpty()) {
            event.put(EventEnvelope.CORRELATION_ID, delivery.correlationIds().get(0));
        }
        if (delivery.earliestCommitTime() != null) {
            event.put(EventEnvelope.DDL_COMMIT_TIME, delivery.earliestCommitTime().toString());
        }
        event.set("data", EventJson.mapper().valueToTree(notification));
        return EventJson.mapper().writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    }
}
