package dev.schemawatch.notifier.messages;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.notifier.delivery.Delivery;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * A delivery as a Slack incoming-webhook message in Block Kit, within Slack's limits: at most
 * {@value #MAX_BLOCKS} blocks, {@value #MAX_HEADER} characters of header and {@value #MAX_SECTION}
 * per section. What does not fit is cut where the reader can see it was cut.
 */
public final class SlackMessage {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_HEADER = 150;
    public static final int MAX_SECTION = 3_000;
    public static final int MAX_FIELD = 2_000;
    static final String CUT = "… (truncated)";

    private final MessageTemplates templates;

    public SlackMessage(MessageTemplates templates) {
        this.templates = templates;
    }

    public byte[] render(Delivery delivery, String deliveriesUrl) {
        String title = templates.title(delivery);
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("text", MessageTemplates.Escape.SLACK.text(cut(title, MAX_SECTION)));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(title, MAX_HEADER)).put("emoji", true);

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Severity", delivery.severity().name());
        field(fields, "Kind", delivery.kind() == NoticeKind.IMPACT ? "impact" : "test results");
        field(fields, "Group", delivery.groupKey());
        field(fields, "Events", Integer.toString(delivery.itemCount()));
        blocks.addObject().put("type", "divider");

        // Room for the header, the facts, the divider and the closing note.
        int room = MAX_BLOCKS - 4;
        int shown = 0;
        for (NotificationItem item : delivery.items()) {
            if (shown == room) {
                break;
            }
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", cut(templates.item(item, MessageTemplates.Escape.SLACK), MAX_SECTION));
            shown++;
        }
        int notShown = delivery.itemCount() - shown;
        if (notShown > 0) {
            ObjectNode context = blocks.addObject().put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn").put("text", cut("…and " + notShown + " more not shown here: <"
                    + deliveriesUrl + "|delivery " + delivery.id() + ">", MAX_SECTION));
        }
        return EventJson.mapper().writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", cut("*" + name + "*\n" + MessageTemplates.Escape.SLACK.text(value), MAX_FIELD));
    }

    /** Cuts to at most {@code limit} characters, saying so, without splitting a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - CUT.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }
}
