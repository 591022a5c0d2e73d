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
 */
public record CaseOutcome(Status status, int failedStep, String sqlState, String message) {

    public enum Status {
        PASSED,
        FAILED,
        ERRORED,
        SKIPPED
    }

    public static CaseOutcome passed() {
        return new CaseOutcome(Status.PASSED, -1, null, null);
    }
}
