package dev.schemawatch.contracts.schema;

import java.util.List;

/**
 * One table constraint. Foreign keys carry their target and actions; {@code definition} is
 * {@code pg_get_constraintdef}, the text PostgreSQL would use to recreate it.
 */
public record ConstraintDefinition(
        long oid,
        String name,
        ConstraintType type,
        String definition,
        List<String> columns,
        boolean validated,
        boolean deferrable,
        boolean initiallyDeferred,
        String referencedSchema,
        String referencedTable,
        List<String> referencedColumns,
        String onUpdate,
        String onDelete,
        String matchType) {

    public ConstraintDefinition {
        columns = columns == null ? List.of() : List.copyOf(columns);
        referencedColumns = referencedColumns == null ? List.of() : List.copyOf(referencedColumns);
    }


    public enum ConstraintType {
        PRIMARY_KEY,
        UNIQUE,
        CHECK,
        FOREIGN_KEY,
        EXCLUSION,
        NOT_NULL,
        TRIGGER
    }
}
