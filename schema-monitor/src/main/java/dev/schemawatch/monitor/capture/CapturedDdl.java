package dev.schemawatch.monitor.capture;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code schemawatch.ddl_log}: a DDL statement as the event triggers recorded it inside
 * its own transaction, with the definitions of what it affected after it ran.
 */
public record CapturedDdl(
        long id,
        long txid,
        int commandSeq,
        String commandTag,
        String statement,
        List<Command> commands,
        List<DroppedObject> dropped,
        List<RelationDefinition> relations,
        List<TypeDefinition> types,
        String error,
        String sessionUserName,
        String applicationName,
        String clientAddress,
        Instant occurredAt,
        int schemaVersion) {

    public CapturedDdl {
        commands = commands == null ? List.of() : List.copyOf(commands);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        relations = relations == null ? List.of() : List.copyOf(relations);
        types = types == null ? List.of() : List.copyOf(types);
    }

    /** A row of {@code pg_event_trigger_ddl_commands()}. */
    public record Command(
            String commandTag,
            String objectType,
            String schema,
            String objectIdentity,
            long objid,
            long classid,
            boolean inExtension) {
    }

    /** A row of {@code pg_event_trigger_dropped_objects()}. */
    public record DroppedObject(
            String objectType,
            String schema,
            String objectName,
            String objectIdentity,
            long objid,
            long classid,
            int objsubid,
            boolean original,
            boolean normal,
            List<String> addressNames,
            List<String> addressArgs) {
    }
}
