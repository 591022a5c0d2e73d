package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.monitor.capture.CapturedDdl;
import dev.schemawatch.monitor.capture.CapturedDdl.Command;
import dev.schemawatch.monitor.capture.CapturedDdl.DroppedObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds a captured ddl_log row for tests, as the event triggers would have written it. */
final class DdlBuilder {

    private final String commandTag;
    private final String statement;
    private final List<Command> commands = new ArrayList<>();
    private final List<DroppedObject> dropped = new ArrayList<>();
    private final List<RelationDefinition> relations = new ArrayList<>();
    private final List<TypeDefinition> types = new ArrayList<>();
    private String error;

    private DdlBuilder(String commandTag, String statement) {
        this.commandTag = commandTag;
        this.statement = statement;
    }

    static DdlBuilder ddl(String commandTag, String statement) {
        return new DdlBuilder(commandTag, statement);
    }

    DdlBuilder command(String tag, String objectType, String schema, String objectIdentity, long objid) {
        commands.add(new Command(tag, objectType, schema, objectIdentity, objid, 0, false));
        return this;
    }

    /** A dropped object the statement named. */
    DdlBuilder dropped(String objectType, String schema, String objectName, String objectIdentity, long objid,
                       String... addressNames) {
        return dropped(new DroppedObject(objectType, schema, objectName, objectIdentity, objid, 0, 0, true, false,
                List.of(addressNames), List.of()));
    }

    /** An object dropped because the user asked for CASCADE. */
    DdlBuilder droppedByCascade(String objectType, String schema, String objectName, String objectIdentity, long objid,
                                String... addressNames) {
        return dropped(new DroppedObject(objectType, schema, objectName, objectIdentity, objid, 0, 0, false, true,
                List.of(addressNames), List.of()));
    }

    /** An object that goes with the dropped one without CASCADE: its indexes, row type, owned sequences. */
    DdlBuilder droppedWithOwner(String objectType, String schema, String objectName, String objectIdentity, long objid,
                                String... addressNames) {
        return dropped(new DroppedObject(objectType, schema, objectName, objectIdentity, objid, 0, 0, false, false,
                List.of(addressNames), List.of()));
    }

    DdlBuilder dropped(DroppedObject object) {
        dropped.add(object);
        return this;
    }

    DdlBuilder relation(RelationDefinition definition) {
        relations.add(definition);
        return this;
    }

    DdlBuilder type(TypeDefinition definition) {
        types.add(definition);
        return this;
    }

    DdlBuilder error(String message) {
        error = message;
        return this;
    }

    CapturedDdl build() {
        return new CapturedDdl(42, 1000, 1, commandTag, statement, commands, dropped, relations, types, error,
                "alice", "psql", "10.0.0.1", Instant.parse("2025-01-01T00:00:00Z"), 1);
    }
}
