package dev.schemawatch.monitor.publish;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps every schema-change event under the Kafka message limit without ever dropping it. In turn,
 * until it fits: the definitions are left out (the relations' before/after and each change's
 * before/after, {@code definitionsTruncated}); the DDL text is cut, with a visible marker; atomic
 * changes are cut from the end ({@code omittedChanges}). The full event stays readable at the
 * monitor's API either way.
 */
public final class EventSizePolicy {

    static final String DDL_CUT_MARKER = " ... [DDL text cut to fit the message size limit; full event at /api/v1/changes/%s]";

    private final int maxEventBytes;

    public EventSizePolicy(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    public Sized fit(SchemaChangeEvent event) {
        byte[] full = EventJson.write(event);
        if (full.length <= maxEventBytes) {
            return new Sized(event, full);
        }
        SchemaChangeEvent candidate = shrink(event, withoutDefinitions(event.changes()), event.ddl(), 0);
        byte[] bytes = EventJson.write(candidate);
        if (bytes.length > maxEventBytes && event.ddl() != null) {
            int excess = bytes.length - maxEventBytes;
            candidate = shrink(event, candidate.changes(), cut(event, excess), 0);
            bytes = EventJson.write(candidate);
        }
        int keep = candidate.changes().size();
        while (bytes.length > maxEventBytes && keep > 1) {
            keep = Math.max(1, (int) (keep * ((double) maxEventBytes / bytes.length) * 0.95));
            List<AtomicChange> kept = candidate.changes().subList(0, keep);
            candidate = shrink(event, kept, candidate.ddl(), event.changes().size() - keep);
            bytes = EventJson.write(candidate);
        }
        if (bytes.length > maxEventBytes) {
            throw new EventTooLargeException(event.eventId(), bytes.length, maxEventBytes);
        }
        return new Sized(candidate, bytes);
    }

    private static String cut(SchemaChangeEvent event, int excessBytes) {
        String marker = String.format(DDL_CUT_MARKER, event.eventId());
        byte[] ddl = event.ddl().getBytes(StandardCharsets.UTF_8);
        int keepBytes = Math.max(0, ddl.length - excessBytes - marker.length() - 1024);
        String kept = new String(ddl, 0, keepBytes, StandardCharsets.UTF_8);
        if (!kept.isEmpty() && kept.charAt(kept.length() - 1) == '\uFFFD') {
            kept = kept.substring(0, kept.length() - 1);
        }
        return kept + marker;
    }

    private static List<AtomicChange> withoutDefinitions(List<AtomicChange> changes) {
        return changes.stream().map(c -> new AtomicChange(c.type(), c.schema(), c.relation(), c.name(), c.previousName(),
                c.aspects(), null, null, c.summary())).toList();
    }

    private static SchemaChangeEvent shrink(SchemaChangeEvent e, List<AtomicChange> changes, String ddl, int omitted) {
        return new SchemaChangeEvent(e.eventId(), e.database(), e.schema(), e.objectName(), e.objectType(),
                e.commandTag(), ddl, e.origin(), List.copyOf(changes), List.of(), List.of(), List.of(),
                e.actor(), e.transaction(), e.occurredAt(), true, omitted);
    }

    /** The event as it will be published, and its JSON. */
    public record Sized(SchemaChangeEvent event, byte[] json) {
    }
}
