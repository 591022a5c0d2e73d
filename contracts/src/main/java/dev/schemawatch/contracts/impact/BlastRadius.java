package dev.schemawatch.contracts.impact;

import java.util.List;

/**
 * What else the change reaches in the live database.
 *
 * @param referencingTables tables whose foreign keys lead, directly or through other tables, to the changed table
 * @param referencedTables  tables the changed table leads to through its foreign keys, transitively
 * @param relationships     the foreign keys on those paths, as {@code child -> parent (constraint)}:
 *                          the nearest {@value #MAX_RELATIONSHIPS} when there are more, sorted
 * @param dependents        views, materialized views and functions that depend on the table
 * @param queries           the application's recorded queries re-validated against the new schema
 * @param omittedRelationships how many more foreign keys lie on those paths than {@code relationships}
 *                          lists (a change to a table that everything references reaches every key)
 */
public record BlastRadius(
        List<String> referencingTables,
        List<String> referencedTables,
        List<String> relationships,
        List<Dependent> dependents,
        QueryReplay queries,
        int omittedRelationships) {

    public static final int MAX_RELATIONSHIPS = 200;

    public BlastRadius {
        referencingTables = referencingTables == null ? List.of() : List.copyOf(referencingTables);
        referencedTables = referencedTables == null ? List.of() : List.copyOf(referencedTables);
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
        dependents = dependents == null ? List.of() : List.copyOf(dependents);
    }

    public static BlastRadius none(QueryReplay queries) {
        return new BlastRadius(List.of(), List.of(), List.of(), List.of(), queries, 0);
    }

    /** @param kind VIEW, MATERIALIZED_VIEW or FUNCTION */
    public record Dependent(String kind, String name) {
    }
}
