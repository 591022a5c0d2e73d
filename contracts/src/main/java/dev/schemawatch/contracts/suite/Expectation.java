package dev.schemawatch.contracts.suite;

/**
 * What one SQL step must do.
 *
 * @param outcome  SUCCEEDS; ROW_COUNT (the step affects or returns exactly {@code rowCount} rows);
 *                 RESULT (the first column of the first row, as text, equals {@code result}; null
 *                 means SQL NULL); FAILS (the step fails with SQLSTATE {@code sqlState})
 * @param rowCount for ROW_COUNT
 * @param result   for RESULT
 * @param sqlState for FAILS, e.g. {@code 23502} (not_null_violation)
 * @param because  what it means when the expectation does not hold, in words for a person
 */
public record Expectation(Outcome outcome, Long rowCount, String result, String sqlState, String because) {

    public enum Outcome {
        SUCCEEDS,
        ROW_COUNT,
        RESULT,
        FAILS
    }

    public static Expectation succeeds() {
        return new Expectation(Outcome.SUCCEEDS, null, null, null, null);
    }

    public static Expectation rowCount(long rows, String because) {
        return new Expectation(Outcome.ROW_COUNT, rows, null, null, because);
    }

    public static Expectation result(String value, String because) {
        return new Expectation(Outcome.RESULT, null, value, null, because);
    }

    public static Expectation fails(String sqlState, String because) {
        return new Expectation(Outcome.FAILS, null, null, sqlState, because);
    }
}
