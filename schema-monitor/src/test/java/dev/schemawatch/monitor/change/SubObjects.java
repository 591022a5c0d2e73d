package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.TriggerDefinition;

import java.util.List;

/** Constraint, index, policy and trigger definitions for tests, spelled as PostgreSQL prints them. */
final class SubObjects {

    private SubObjects() {
    }

    static ConstraintDefinition primaryKey(long oid, String name, String... columns) {
        return constraint(oid, name, ConstraintType.PRIMARY_KEY, "PRIMARY KEY (" + String.join(", ", columns) + ")", columns);
    }

    static ConstraintDefinition unique(long oid, String name, String... columns) {
        return constraint(oid, name, ConstraintType.UNIQUE, "UNIQUE (" + String.join(", ", columns) + ")", columns);
    }

    static ConstraintDefinition check(long oid, String name, String definition, String... columns) {
        return constraint(oid, name, ConstraintType.CHECK, definition, columns);
    }

    static ConstraintDefinition notNull(long oid, String name, String column) {
        return constraint(oid, name, ConstraintType.NOT_NULL, "NOT NULL " + column, column);
    }

    static ConstraintDefinition foreignKey(long oid, String name, List<String> columns, String referencedSchema,
                                           String referencedTable, List<String> referencedColumns, String onDelete) {
        String definition = "FOREIGN KEY (" + String.join(", ", columns) + ") REFERENCES " + referencedSchema + "."
                + referencedTable + "(" + String.join(", ", referencedColumns) + ")"
                + ("NO ACTION".equals(onDelete) ? "" : " ON DELETE " + onDelete);
        return new ConstraintDefinition(oid, name, ConstraintType.FOREIGN_KEY, definition, columns, true, false, false,
                referencedSchema, referencedTable, referencedColumns, "NO ACTION", onDelete, "SIMPLE");
    }

    static ConstraintDefinition renamed(ConstraintDefinition c, String name) {
        return new ConstraintDefinition(c.oid(), name, c.type(), c.definition(), c.columns(), c.validated(), c.deferrable(),
                c.initiallyDeferred(), c.referencedSchema(), c.referencedTable(), c.referencedColumns(), c.onUpdate(),
                c.onDelete(), c.matchType());
    }

    static ConstraintDefinition withColumns(ConstraintDefinition c, String definition, List<String> columns) {
        return new ConstraintDefinition(c.oid(), c.name(), c.type(), definition, columns, c.validated(), c.deferrable(),
                c.initiallyDeferred(), c.referencedSchema(), c.referencedTable(), c.referencedColumns(), c.onUpdate(),
                c.onDelete(), c.matchType());
    }

    static ConstraintDefinition referencing(ConstraintDefinition c, String schema, String table, List<String> columns) {
        return new ConstraintDefinition(c.oid(), c.name(), c.type(), c.definition(), c.columns(), c.validated(),
                c.deferrable(), c.initiallyDeferred(), schema, table, columns, c.onUpdate(), c.onDelete(), c.matchType());
    }

    /** As after ADD CONSTRAINT ... NOT VALID (validated false, with PostgreSQL's suffix) or VALIDATE CONSTRAINT. */
    static ConstraintDefinition validated(ConstraintDefinition c, boolean validated) {
        String base = c.definition().replace(" NOT VALID", "");
        return new ConstraintDefinition(c.oid(), c.name(), c.type(), validated ? base : base + " NOT VALID", c.columns(),
                validated, c.deferrable(), c.initiallyDeferred(), c.referencedSchema(), c.referencedTable(),
                c.referencedColumns(), c.onUpdate(), c.onDelete(), c.matchType());
    }

    static ConstraintDefinition deferrable(ConstraintDefinition c, boolean initiallyDeferred) {
        return new ConstraintDefinition(c.oid(), c.name(), c.type(), c.definition(), c.columns(), c.validated(), true,
                initiallyDeferred, c.referencedSchema(), c.referencedTable(), c.referencedColumns(), c.onUpdate(),
                c.onDelete(), c.matchType());
    }

    static IndexDefinition index(long oid, String name, String table, String... columns) {
        return new IndexDefinition(oid, name, "CREATE INDEX " + name + " ON " + table + " USING btree ("
                + String.join(", ", columns) + ")", List.of(columns), false, false, true);
    }

    static IndexDefinition primaryKeyIndex(long oid, String name, String table, String... columns) {
        return new IndexDefinition(oid, name, "CREATE UNIQUE INDEX " + name + " ON " + table + " USING btree ("
                + String.join(", ", columns) + ")", List.of(columns), true, true, true);
    }

    static IndexDefinition index(long oid, String name, String definition, List<String> columns, boolean valid) {
        return new IndexDefinition(oid, name, definition, columns, false, false, valid);
    }

    static PolicyDefinition policy(long oid, String name, String command, String using) {
        return new PolicyDefinition(oid, name, command, true, List.of("app_user"), using, null);
    }

    static TriggerDefinition trigger(long oid, String name, String definition, boolean enabled) {
        return new TriggerDefinition(oid, name, definition, enabled);
    }

    private static ConstraintDefinition constraint(long oid, String name, ConstraintType type, String definition,
                                                   String... columns) {
        return new ConstraintDefinition(oid, name, type, definition, List.of(columns), true, false, false,
                null, null, List.of(), null, null, null);
    }
}
