package dev.schemawatch.contracts.schema;

import java.util.List;

/** One index on a relation; {@code definition} is {@code pg_get_indexdef}. */
public record IndexDefinition(
        long oid,
        String name,
        String definition,
        List<String> columns,
        boolean unique,
        boolean primary,
        boolean valid) {

    public IndexDefinition {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
