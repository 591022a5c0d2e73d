package dev.schemawatch.notifier.messages;

import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.templates.Templates;
import dev.schemawatch.notifier.delivery.Delivery;

import java.util.Map;

/**
 * The wording of every message, from Velocity templates ({@code templates/messages/title.vm} and
 * {@code item.vm}) that can be overridden from a directory like the generator's. {@code $esc}
 * escapes text for the target: Slack's mrkdwn control characters, or nothing for a webhook.
 */
public final class MessageTemplates {

    static final String TITLE = "messages/title.vm";
    static final String ITEM = "messages/item.vm";

    private final Templates templates;

    public MessageTemplates(Templates templates) {
        this.templates = templates;
    }

    public String title(Delivery delivery) {
        return templates.render(TITLE, Map.of("delivery", delivery, "esc", Escape.NONE)).strip();
    }

    public String item(NotificationItem item, Escape escape) {
        return templates.render(ITEM, Map.of("item", item, "esc", escape)).strip();
    }

    /** How text is made safe for where it is shown. */
    public enum Escape {
        NONE,
        /** Slack treats {@code & < >} as control characters in every text object. */
        SLACK;

        public String text(Object value) {
            String text = String.valueOf(value);
            return this == NONE ? text : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        /** A link the target shows as one: Slack's {@code <url|label>}, or the label and the URL in plain text. */
        public String link(String url, String label) {
            return this == NONE ? label + ": " + url : "<" + url + "|" + text(label) + ">";
        }

        /** A fenced code block; backticks in the text would close it early, so they are swapped for a look-alike. */
        public String code(Object value) {
            return "```" + text(value).replace("```", "ˋˋˋ") + "```";
        }
    }
}
