package dev.schemawatch.monitor.publish;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.List;

/**
 * Keeps every schema-change event under the Kafka message limit without ever dropping it: first the
 * before/after definitions are left out ({@code definitionsTruncated}), then, if it is still too
 * big, atomic changes are cut from the end ({@code omittedChanges}). The full event stays readable
 * at the monitor's API either way.
 */
public final class EventSizePolicy {

    private final int maxEventBytes;

    public EventSizePolicy(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    public Sized fit(SchemaChangeEvent event) {
        byte[] full = EventJson.write(event);
        if (full.length <= maxEventBytes) {
            return new Sized(event, full);
        }
        SchemaChangeEvent withoutDefinitions = withChanges(event, event.changes(), 0);
        byte[] smaller = EventJson.write(withoutDefinitions);
        if (smaller.length <= maxEventBytes) {
            return new Sized(withoutDefinitions, smaller);
        }
        int keep = event.changes().size();
        SchemaChangeEvent cut = withoutDefinitions;
        byte[] bytes = smaller;
        while (bytes.length > maxEventBytes && keep > 1) {
            keep = Math.max(1, (int) (keep * ((double) maxEventBytes / bytes.length) * 0.95));
            cut = withChanges(event, event.changes().subList(0, keep), event.changes().size() - keep);
            bytes = EventJson.write(cut);
        }
        if (bytes.length > maxEventBytes) {
            throw new IllegalStateException("event " + event.eventId() + " is " + bytes.length
                    + " bytes even with one change and no definitions; the limit is " + maxEventBytes);
        }
        return new Sized(cut, bytes);
    }

    private static SchemaChangeEvent withChanges(SchemaChangeEvent e, List<AtomicChange> changes,
                                                 int omitted) {
        return new SchemaChangeEvent(e.eventId(), e.database(), e.schema(), e.objectName(), e.objectType(),
                e.commandTag(), e.ddl(), e.origin(), List.copyOf(changes), List.of(), List.of(), List.of(),
                e.actor(), e.transaction(), e.occurredAt(), true, omitted);
    }

    /** The event as it will be published, and its JSON. */
    public record Sized(SchemaChangeEvent event, byte[] json) {
    }
}
