package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.List;

/**
 * What one captured DDL statement changed.
 *
 * @param changes    the atomic changes, never empty
 * @param before     the affected relations as last known before the statement
 * @param after      the affected relations after the statement
 * @param types      the affected user-defined types after the statement
 * @param schema     schema of the primary object (for schema-level DDL, the schema itself)
 * @param objectName name of the primary object (for an index, constraint, column, policy or
 *                   trigger: its relation); null for schema-level DDL or when unknown
 * @param objectType PostgreSQL's spelling of the primary object's type, e.g. {@code table}
 */
public record Detection(
        List<AtomicChange> changes,
        List<RelationDefinition> before,
        List<RelationDefinition> after,
        List<TypeDefinition> types,
        String schema,
        String objectName,
        String objectType) {

    public Detection {
        changes = List.copyOf(changes);
        before = List.copyOf(before);
        after = List.copyOf(after);
        types = List.copyOf(types);
    }
}
