package dev.schemawatch.contracts.impact;

/** The families of the rule catalogue (docs/rules.md). */
public enum RuleCategory {
    /** Data or objects are gone. */
    DESTRUCTIVE,
    /** Readers or writers built for the old schema stop working. */
    BACKWARD_INCOMPATIBLE,
    /** Whether the current rows satisfy a new constraint. */
    DATA_DEPENDENT,
    /** Locks held and rewrites performed while the DDL ran, judged on the table's real size. */
    LOCKING,
    /** Not wrong today, but a trap: missing indexes and keys, weakened security, ownership. */
    HYGIENE,
    /** The analyzer could not judge everything: unknown change types, newer event versions. */
    COMPLETENESS
}
