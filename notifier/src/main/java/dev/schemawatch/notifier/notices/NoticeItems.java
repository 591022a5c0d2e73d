package dev.schemawatch.notifier.notices;

import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.notification.NotificationItem.ChangeSummary;
import dev.schemawatch.contracts.notification.NotificationItem.ImpactSummary;
import dev.schemawatch.contracts.notification.NotificationItem.TestSummary;
import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.suite.CaseOutcome;

import java.net.URI;
import java.util.List;

/**
 * Turns the pipeline's events into the compact, self-contained items a notification lists; links
 * point at the change-analyzer's and test-executor's APIs.
 */
public final class NoticeItems {

    private static final int MAX_FINDINGS = 10;
    private static final int MAX_CHANGE_LINES = 20;

    private final URI analyzerUrl;
    private final URI executorUrl;

    public NoticeItems(URI analyzerUrl, URI executorUrl) {
        this.analyzerUrl = analyzerUrl;
        this.executorUrl = executorUrl;
    }

    /** What a test result is grouped by: the DDL's transaction when the change is known. */
    public static String groupKey(SchemaChangeEvent change) {
        return change.database() + ":" + change.transaction().txid();
    }

    public NotificationItem impact(ImpactReport report, String correlationId) {
        SchemaChangeEvent change = report.change();
        BlastRadius radius = report.blastRadius();
        ImpactSummary impact = new ImpactSummary(report.reportId(), report.backwardCompatible(),
                report.findings().stream().limit(MAX_FINDINGS).map(NoticeItems::finding).toList(),
                radius.referencingTables().size(), radius.referencingTables().stream().limit(ImpactSummary.MAX_NAMES).toList(),
                radius.referencedTables().size(),
                radius.dependents().stream().limit(ImpactSummary.MAX_NAMES).map(dependent -> dependent.kind() + " " + dependent.name()).toList(),
                radius.queries() == null ? 0 : radius.queries().broken().size(), report.requiresApproval(),
                analyzerUrl.resolve("/api/v1/impacts/" + report.reportId()).toString());
        return new NotificationItem(report.reportId(), correlationId, NoticeKind.IMPACT, report.severity(), change.database(),
                table(change), change(change), impact, null);
    }

    /**
     * @param seen the item of the impact behind this run, when the notifier saw it; its severity,
     *             change and figures carry over
     */
    public NotificationItem testResult(TestRunResult result, String correlationId, NotificationItem seen) {
        List<String> failedCases = result.cases().stream()
                .filter(test -> test.status() == CaseOutcome.Status.FAILED || test.status() == CaseOutcome.Status.ERRORED)
                .limit(TestSummary.MAX_FAILED_CASES)
                .map(NoticeItems::failedCase)
                .toList();
        TestRunResult.Totals totals = result.totals();
        TestSummary tests = new TestSummary(result.runId(), result.status().name(), totals.passed(), totals.failed(), totals.errored(),
                totals.skipped(), failedCases, executorUrl.resolve("/api/v1/runs/" + result.runId() + "/report.html").toString());
        boolean broken = totals.failed() + totals.errored() > 0 || result.status() != TestRunResult.RunStatus.COMPLETED;
        Severity severity = seen != null ? seen.severity() : Severity.LOW;
        if (broken && !severity.atLeast(Severity.HIGH)) {
            severity = Severity.HIGH;
        }
        String table = seen != null ? seen.table() : result.tables().isEmpty() ? null : result.tables().get(0);
        return new NotificationItem(result.runId(), correlationId, NoticeKind.TEST_RESULT, severity, result.database(), table,
                seen == null ? null : seen.change(), seen == null ? null : seen.impact(), tests);
    }

    private static String table(SchemaChangeEvent change) {
        return change.objectName() == null ? change.schema() : change.schema() + "." + change.objectName();
    }

    private static ChangeSummary change(SchemaChangeEvent change) {
        List<String> lines = change.changes().stream().limit(MAX_CHANGE_LINES).map(AtomicChange::summary).toList();
        String ddl = change.ddl() == null ? "" : change.ddl().strip();
        boolean truncated = ddl.length() > ChangeSummary.MAX_DDL;
        SchemaChangeEvent.Actor actor = change.actor();
        String who = actor == null ? null : actor.applicationName() == null || actor.applicationName().isBlank()
                ? actor.sessionUser() : actor.sessionUser() + " (" + actor.applicationName() + ")";
        SchemaChangeEvent.TransactionInfo transaction = change.transaction();
        return new ChangeSummary(change.commandTag(), lines, truncated ? ddl.substring(0, ChangeSummary.MAX_DDL) : ddl, truncated, who,
                change.occurredAt(), transaction == null ? 0 : transaction.txid(), transaction == null ? null : transaction.commitTime());
    }

    private static String finding(Finding finding) {
        return finding.code() + " " + finding.title() + " (" + finding.severity() + ")";
    }

    private static String failedCase(CaseResult test) {
        return test.name() + " [" + test.status() + "]" + (test.message() == null ? "" : ": " + test.message());
    }
}
