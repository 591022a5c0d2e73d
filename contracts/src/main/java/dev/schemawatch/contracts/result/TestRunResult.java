package dev.schemawatch.contracts.result;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.schemawatch.test.result.v1} on {@code schemawatch.test-results}: one run of
 * one suite, self-contained for the notifier.
 *
 * @param runId         equals the CloudEvents {@code ce_id}; derived from the suite id for the run a
 *                      suite triggers, fresh for a re-run asked for through the API
 * @param suiteId       the suite run
 * @param changeEventId the originating schema change (the correlation id); null for an on-request suite
 * @param database      the monitored database's name
 * @param tables        the tables the suite tests, {@code schema.table}
 * @param status        COMPLETED (every case has a status), ERRORED (the run could not reach the
 *                      database; it is retried later), REJECTED (over a guard; see {@code statusReason})
 * @param statusReason  why, when not COMPLETED
 * @param target        MONITORED or SHADOW: which database the cases ran against
 * @param totals        counts by status
 * @param cases         every case's result, failures first
 * @param startedAt     when the run began
 * @param finishedAt    when it ended
 */
public record TestRunResult(
        String runId,
        String suiteId,
        String changeEventId,
        String database,
        List<String> tables,
        RunStatus status,
        String statusReason,
        String target,
        Totals totals,
        List<CaseResult> cases,
        Instant startedAt,
        Instant finishedAt) {

    public static final String TYPE = "dev.schemawatch.test.result.v1";

    public TestRunResult {
        tables = tables == null ? List.of() : List.copyOf(tables);
        cases = cases == null ? List.of() : List.copyOf(cases);
    }

    /** {@code database.schema.table} of the first table tested, as on the earlier topics. */
    public String key() {
        return tables.isEmpty() ? database : database + "." + tables.get(0);
    }

    public enum RunStatus {
        COMPLETED,
        ERRORED,
        REJECTED
    }

    public record Totals(int passed, int failed, int errored, int skipped, int flaky) {

        public int total() {
            return passed + failed + errored + skipped;
        }
    }
}
