package dev.schemawatch.contracts.notification;

import dev.schemawatch.contracts.impact.Severity;

import java.time.Instant;
import java.util.List;

/**
 * One input event as a notification tells it: a compact, self-contained summary of an impact report
 * or a test run, with the change behind it.
 *
 * @param inputEventId  the impact report's or test result's event id
 * @param correlationId the originating DDL event's id
 * @param kind          which of the two it summarises
 * @param severity      the impact's severity; for a test run whose impact was not seen, HIGH when a
 *                      case failed or errored, else LOW
 * @param database      the monitored database
 * @param table         {@code schema.table} (or the primary object) the change touched
 * @param change        the change behind the event; null for an on-request test run
 * @param impact        the impact's figures; null for a test run whose impact was not seen
 * @param tests         the run's figures; null for an impact
 */
public record NotificationItem(
        String inputEventId,
        String correlationId,
        NoticeKind kind,
        Severity severity,
        String database,
        String table,
        ChangeSummary change,
        ImpactSummary impact,
        TestSummary tests) {

    /**
     * @param commandTag   e.g. {@code ALTER TABLE}
     * @param summaries    the atomic changes, one line each
     * @param ddl          the statement text, at most {@link #MAX_DDL} characters
     * @param ddlTruncated true when {@code ddl} was cut
     * @param actor        the session user, with the application name when there is one
     * @param occurredAt   when the statement ran
     * @param txid         its transaction
     * @param commitTime   when that transaction committed
     */
    public record ChangeSummary(String commandTag, List<String> summaries, String ddl, boolean ddlTruncated, String actor,
                                Instant occurredAt, long txid, Instant commitTime) {

        public static final int MAX_DDL = 1_000;

        public ChangeSummary {
            summaries = summaries == null ? List.of() : List.copyOf(summaries);
        }
    }

    /**
     * @param reportId           the impact report
     * @param backwardCompatible false when a destructive or incompatible rule fired
     * @param findings           the rules that fired, as {@code CODE title}, highest severity first
     * @param referencingTables  how many tables reach the changed table through foreign keys
     * @param referencingTableNames the nearest of those, at most {@link #MAX_NAMES}
     * @param referencedTables   how many tables it reaches
     * @param dependents         the views, materialized views and functions that depend on it
     * @param brokenQueries      how many recorded application queries no longer prepare
     * @param requiresApproval   whether a person must decide
     * @param reportUrl          the report in the change-analyzer's API
     */
    public record ImpactSummary(String reportId, boolean backwardCompatible, List<String> findings, int referencingTables,
                                List<String> referencingTableNames, int referencedTables, List<String> dependents, int brokenQueries,
                                boolean requiresApproval, String reportUrl) {

        public static final int MAX_NAMES = 20;

        public ImpactSummary {
            findings = findings == null ? List.of() : List.copyOf(findings);
            referencingTableNames = referencingTableNames == null ? List.of() : List.copyOf(referencingTableNames);
            dependents = dependents == null ? List.of() : List.copyOf(dependents);
        }
    }

    /**
     * @param runId       the test run
     * @param status      COMPLETED, ERRORED or REJECTED
     * @param passed      cases that passed
     * @param failed      cases whose expectation did not hold
     * @param errored     cases the environment stopped
     * @param skipped     cases not run
     * @param failedCases the failed and errored cases, as {@code name: message}, at most {@link #MAX_FAILED_CASES}
     * @param reportUrl   the HTML report in the test-executor's API
     */
    public record TestSummary(String runId, String status, int passed, int failed, int errored, int skipped,
                              List<String> failedCases, String reportUrl) {

        public static final int MAX_FAILED_CASES = 20;

        public TestSummary {
            failedCases = failedCases == null ? List.of() : List.copyOf(failedCases);
        }
    }
}
