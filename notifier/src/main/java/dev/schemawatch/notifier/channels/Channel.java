package dev.schemawatch.notifier.channels;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.NoticeKind;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Where notifications go and which ones: a Slack incoming webhook or a signed generic webhook, with
 * its routing rule. The URL and the secrets are credentials (a Slack webhook URL is one by itself):
 * {@link #toString()} leaves them out, so that no log line can carry them.
 *
 * @param id             lower-case letters, digits and dashes
 * @param url            where to POST
 * @param secrets        Standard Webhooks secrets ({@code whsec_<base64>}), every one signs; more
 *                       than one while a secret is rotated. Empty for Slack
 * @param minSeverity    the least severity announced
 * @param schemas        globs on {@code database.schema}; empty means every schema
 * @param tables         globs on {@code database.schema.table}; empty means every table
 * @param kinds          which kinds of notice the channel takes
 * @param enabled        false once the endpoint answered 410 Gone, or when an admin disabled it
 * @param disabledReason why it is disabled
 * @param source         CONFIGURATION (re-applied at every start) or API
 */
public record Channel(String id, ChannelType type, URI url, List<String> secrets, Severity minSeverity, List<String> schemas,
                      List<String> tables, Set<NoticeKind> kinds, boolean enabled, String disabledReason, Source source) {

    public Channel {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        tables = tables == null ? List.of() : List.copyOf(tables);
        kinds = kinds == null || kinds.isEmpty() ? Set.of(NoticeKind.values()) : Set.copyOf(kinds);
        minSeverity = minSeverity == null ? Severity.LOW : minSeverity;
    }

    public Channel disabled(String reason) {
        return new Channel(id, type, url, secrets, minSeverity, schemas, tables, kinds, false, reason, source);
    }

    public Channel reenabled() {
        return new Channel(id, type, url, secrets, minSeverity, schemas, tables, kinds, true, null, source);
    }

    /** The endpoint as it may be shown: scheme, host and port, never the path (a Slack URL's path is its secret). */
    public String endpoint() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "Channel[" + id + " " + type + " " + endpoint() + (enabled ? "" : " disabled") + "]";
    }

    public enum Source {
        CONFIGURATION,
        API
    }
}
