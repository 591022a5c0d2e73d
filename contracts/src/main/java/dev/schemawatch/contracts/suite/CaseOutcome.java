package dev.schemawatch.contracts.suite;

/**
 * What running one test case found.
 *
 * @param status     PASSED; FAILED (an expectation did not hold: the schema does not behave as the
 *                   case claims); ERRORED (the case could not be judged: malformed SQL, a timeout, a
 *                   lost connection); SKIPPED (the case carries a skip reason)
 * @param failedStep index of the step that failed or errored, else -1
 * @param sqlState   SQLSTATE of that step's error, if it raised one
 * @param message    what happened, with the step's {@code because} when an expectation failed
 * @param rowsTouched rows the case's INSERT, UPDATE, DELETE and MERGE steps reported affected, up to
 *                   where it stopped (what triggers and cascades did on top is not counted)
 */
public record CaseOutcome(Status status, int failedStep, String sqlState, String message, long rowsTouched) {

    /** An outcome that touched no rows, or whose count does not matter. */
    public CaseOutcome(Status status, int failedStep, String sqlState, String message) {
        this(status, failedStep, sqlState, message, 0);
    }

    public enum Status {
        PASSED,
        FAILED,
        ERRORED,
        SKIPPED
    }

    public static CaseOutcome passed(long rowsTouched) {
        return new CaseOutcome(Status.PASSED, -1, null, null, rowsTouched);
    }
}
