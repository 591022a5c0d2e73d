package dev.schemawatch.contracts.schema;

import java.util.List;

/**
 * The definition of one relation as PostgreSQL's catalog holds it at one moment. Produced inside the
 * DDL's own transaction by {@code schemawatch.relation_definition(oid)}, so it is exactly what the
 * statement left behind; the monitor diffs two of these by {@code oid} and columns by {@code attnum}.
 */
public record RelationDefinition(
        long oid,
        String schema,
        String name,
        RelationKind kind,
        String owner,
        String comment,
        boolean unlogged,
        boolean rowSecurity,
        boolean forceRowSecurity,
        long rowEstimate,
        long sizeBytes,
        String partitionKey,
        String partitionOf,
        String partitionBound,
        List<String> partitions,
        String viewDefinition,
        SequenceDefinition sequence,
        List<String> privileges,
        List<ColumnDefinition> columns,
        List<ConstraintDefinition> constraints,
        List<IndexDefinition> indexes,
        List<PolicyDefinition> policies,
        List<TriggerDefinition> triggers,
        List<String> dependentViews) {

    public RelationDefinition {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        privileges = privileges == null ? List.of() : List.copyOf(privileges);
        columns = columns == null ? List.of() : List.copyOf(columns);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
        policies = policies == null ? List.of() : List.copyOf(policies);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        dependentViews = dependentViews == null ? List.of() : List.copyOf(dependentViews);
    }


    public String qualifiedName() {
        return schema + "." + name;
    }
}
