package dev.schemawatch.analyzer.live;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Schema-change events and definitions for tests, built from the contract records with only the fields that matter set. */
final class TestEvents {

    private TestEvents() {
    }

    static RelationBuilder table(long oid, String schema, String name) {
        return new RelationBuilder(oid, schema, name, RelationKind.TABLE);
    }

    static RelationBuilder view(long oid, String schema, String name) {
        return new RelationBuilder(oid, schema, name, RelationKind.VIEW);
    }

    static ConstraintDefinition foreignKey(String name, String referencedSchema, String referencedTable) {
        return new ConstraintDefinition(0, name, ConstraintType.FOREIGN_KEY, null, List.of(), true, false, false,
                referencedSchema, referencedTable, List.of(), "NO_ACTION", "NO_ACTION", "SIMPLE");
    }

    static ConstraintDefinition constraint(String name, ConstraintType type, boolean validated, String... columns) {
        return new ConstraintDefinition(0, name, type, null, List.of(columns), validated, false, false,
                null, null, List.of(), null, null, null);
    }

    static AtomicChange change(ChangeType type, String schema, String relation) {
        return new AtomicChange(type, schema, relation, null, null, List.of(), null, null, type + " " + relation);
    }

    static AtomicChange change(ChangeType type, String schema, String relation, String name, String previousName) {
        return new AtomicChange(type, schema, relation, name, previousName, List.of(), null, null, type + " " + relation);
    }

    static EventBuilder event(String schema, String objectName, AtomicChange... changes) {
        return new EventBuilder(schema, objectName, List.of(changes));
    }

    static final class RelationBuilder {
        private final long oid;
        private final String schema;
        private final String name;
        private RelationKind kind;
        private final List<ConstraintDefinition> constraints = new ArrayList<>();
        private final List<String> dependentViews = new ArrayList<>();

        private RelationBuilder(long oid, String schema, String name, RelationKind kind) {
            this.oid = oid;
            this.schema = schema;
            this.name = name;
            this.kind = kind;
        }

        RelationBuilder kind(RelationKind value) {
            kind = value;
            return this;
        }

        RelationBuilder references(String constraintName, String referencedSchema, String referencedTable) {
            constraints.add(foreignKey(constraintName, referencedSchema, referencedTable));
            return this;
        }

        RelationBuilder constraint(ConstraintDefinition constraint) {
            constraints.add(constraint);
            return this;
        }

        RelationBuilder dependentViews(String... names) {
            dependentViews.addAll(List.of(names));
            return this;
        }

        RelationDefinition build() {
            return new RelationDefinition(oid, schema, name, kind, "owner", null, false, false, false, -1, 0,
                    null, null, null, List.of(), null, null, List.of(), List.of(), constraints, List.of(), List.of(),
                    List.of(), dependentViews);
        }
    }

    static final class EventBuilder {
        private final String schema;
        private final String objectName;
        private final List<AtomicChange> changes;
        private final List<RelationDefinition> before = new ArrayList<>();
        private final List<RelationDefinition> after = new ArrayList<>();
        private boolean truncated;

        private EventBuilder(String schema, String objectName, List<AtomicChange> changes) {
            this.schema = schema;
            this.objectName = objectName;
            this.changes = changes;
        }

        EventBuilder before(RelationDefinition... relations) {
            before.addAll(List.of(relations));
            return this;
        }

        EventBuilder before(RelationBuilder... relations) {
            for (RelationBuilder relation : relations) {
                before.add(relation.build());
            }
            return this;
        }

        EventBuilder after(RelationDefinition... relations) {
            after.addAll(List.of(relations));
            return this;
        }

        EventBuilder after(RelationBuilder... relations) {
            for (RelationBuilder relation : relations) {
                after.add(relation.build());
            }
            return this;
        }

        EventBuilder truncated() {
            truncated = true;
            return this;
        }

        SchemaChangeEvent build() {
            return new SchemaChangeEvent(UUID.randomUUID().toString(), "test", schema, objectName, "table",
                    "ALTER TABLE", "-- test", SchemaChangeEvent.Origin.EVENT_TRIGGER, changes,
                    truncated ? List.of() : before, truncated ? List.of() : after, List.of(),
                    new SchemaChangeEvent.Actor("tester", "test", null),
                    new SchemaChangeEvent.TransactionInfo(1, null, Instant.now(), 1, 1), Instant.now(), truncated, 0);
        }
    }
}
