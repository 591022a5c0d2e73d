package dev.schemawatch.contracts.impact;

/**
 * Whether the rows of the live table satisfy a new constraint, checked read-only under a statement
 * timeout.
 *
 * @param outcome       SATISFIED, VIOLATED, or UNKNOWN when the check could not finish
 * @param violatingRows rows that break the constraint (when counted), else null
 * @param rowEstimate   the table's row estimate when checked
 * @param detail        how it was decided, e.g. "validated by PostgreSQL when the constraint was added"
 */
public record DataCheck(Outcome outcome, Long violatingRows, long rowEstimate, String detail) {

    public enum Outcome {
        SATISFIED,
        VIOLATED,
        UNKNOWN
    }
}
