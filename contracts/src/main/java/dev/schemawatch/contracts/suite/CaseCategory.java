package dev.schemawatch.contracts.suite;

/** What a test case checks; chosen by what the change touched (docs/events.md lists the rules). */
public enum CaseCategory {
    /** The table has the columns, types, nullability and keys the change left behind. */
    SCHEMA_CONTRACT,
    /** A row can be inserted, read back, updated and deleted. */
    CRUD_ROUND_TRIP,
    NOT_NULL_ENFORCEMENT,
    UNIQUE_ENFORCEMENT,
    CHECK_ENFORCEMENT,
    FOREIGN_KEY_ENFORCEMENT,
    /** Values at and beyond each column type's limits. */
    BOUNDARY_VALUES,
    /** Child rows with their parents created first, in dependency order. */
    REFERENTIAL_INTEGRITY,
    /** The INSERT and SELECT shapes from before the change still work. */
    BACKWARD_COMPATIBILITY,
    /** Views depending on the table still select. */
    DEPENDENT_VIEW,
    /** The application's recorded queries still prepare. */
    QUERY_REPLAY
}
