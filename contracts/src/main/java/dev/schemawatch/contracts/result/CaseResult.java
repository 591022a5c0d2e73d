package dev.schemawatch.contracts.result;

import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome;

/**
 * How one test case ran.
 *
 * @param status         PASSED, FAILED (an expectation did not hold), ERRORED (environment or malformed
 *                       SQL), SKIPPED
 * @param flaky          true when the first attempt hit a lock timeout or serialization failure and the
 *                       retry decided the status
 * @param attempts       1, or 2 after a retry
 * @param failedStep     index of the step that failed or errored, else -1
 * @param sqlState       SQLSTATE of that step's error, if any
 * @param message        what happened; for FAILED the case's own explanation of what it means
 * @param durationMicros wall time of the last attempt, begin to rollback
 */
public record CaseResult(
        String caseId,
        String name,
        CaseCategory category,
        String targetTable,
        CaseOutcome.Status status,
        boolean flaky,
        int attempts,
        int failedStep,
        String sqlState,
        String message,
        long durationMicros) {
}
