package dev.schemawatch.contracts.impact;

import java.util.List;

/**
 * What else the change reaches in the live database.
 *
 * @param referencingTables tables whose foreign keys lead, directly or through other tables, to the changed table
 * @param referencedTables  tables the changed table leads to through its foreign keys, transitively
 * @param relationships     the foreign keys on those paths, as {@code child -> parent (constraint)}
 * @param dependents        views, materialized views and functions that depend on the table
 * @param queries           the application's recorded queries re-validated against the new schema
 */
public record BlastRadius(
        List<String> referencingTables,
        List<String> referencedTables,
        List<String> relationships,
        List<Dependent> dependents,
        QueryReplay queries) {

    public BlastRadius {
        referencingTables = referencingTables == null ? List.of() : List.copyOf(referencingTables);
        referencedTables = referencedTables == null ? List.of() : List.copyOf(referencedTables);
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
        dependents = dependents == null ? List.of() : List.copyOf(dependents);
    }

    public static BlastRadius none(QueryReplay queries) {
        return new BlastRadius(List.of(), List.of(), List.of(), List.of(), queries);
    }

    /** @param kind VIEW, MATERIALIZED_VIEW or FUNCTION */
    public record Dependent(String kind, String name) {
    }
}
