package dev.schemawatch.notifier.notices;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.ImpactSchemasTest;
import dev.schemawatch.contracts.impact.RuleCategory;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.notification.NotificationItem.ChangeSummary;
import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.result.TestRunResultSchemaTest;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeItemsTest {

    private final NoticeItems items = new NoticeItems(URI.create("http://change-analyzer:8082"), URI.create("http://test-executor:8084/"));

    private static ImpactReport withChange(ImpactReport report, SchemaChangeEvent change) {
        return new ImpactReport(report.reportId(), change, report.severity(), report.backwardCompatible(), report.findings(),
                report.blastRadius(), report.lockRisk(), report.rollback(), report.requiresApproval(), report.approvalReasons(), report.partial(),
                report.skippedChecks(), report.flags(), report.analyzedAt());
    }

    private static SchemaChangeEvent withDdl(SchemaChangeEvent c, String ddl) {
        return new SchemaChangeEvent(c.eventId(), c.database(), c.schema(), c.objectName(), c.objectType(), c.commandTag(), ddl, c.origin(),
                c.changes(), c.before(), c.after(), c.types(), c.actor(), c.transaction(), c.occurredAt(), c.definitionsTruncated(),
                c.omittedChanges());
    }

    private static TestRunResult result(TestRunResult.RunStatus status, TestRunResult.Totals totals, List<CaseResult> cases, List<String> tables) {
        TestRunResult sample = TestRunResultSchemaTest.sample();
        return new TestRunResult(sample.runId(), sample.suiteId(), sample.changeEventId(), sample.database(), tables, status,
                status == TestRunResult.RunStatus.COMPLETED ? null : "database unreachable", sample.target(), totals, cases, sample.startedAt(),
                sample.finishedAt());
    }

    private static CaseResult passed(int i) {
        return new CaseResult("case-p" + i, "orders round trip " + i, CaseCategory.CRUD_ROUND_TRIP, "public.orders", CaseOutcome.Status.PASSED,
                false, 1, -1, null, null, 100);
    }

    @Test
    void anImpactItemCarriesSeverityTableChangeFindingsCountsAndTheReportLink() {
        ImpactReport report = ImpactSchemasTest.sampleReport();

        NotificationItem item = items.impact(report, "change-1");

        assertThat(item.inputEventId()).isEqualTo("r-1");
        assertThat(item.correlationId()).isEqualTo("change-1");
        assertThat(item.kind()).isEqualTo(NoticeKind.IMPACT);
        assertThat(item.severity()).isEqualTo(Severity.BREAKING);
        assertThat(item.database()).isEqualTo("shop");
        assertThat(item.table()).isEqualTo("public.orders");
        assertThat(item.tests()).isNull();

        ChangeSummary change = item.change();
        assertThat(change.commandTag()).isEqualTo("ALTER TABLE");
        assertThat(change.summaries()).containsExactly("column \"email\" renamed to \"e-mail \\\"primary\\\"\"", "type changed");
        assertThat(change.ddl()).isEqualTo(report.change().ddl());
        assertThat(change.ddlTruncated()).isFalse();
        assertThat(change.actor()).isEqualTo("app (psql)");
        assertThat(change.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.120001Z"));
        assertThat(change.txid()).isEqualTo(7421);
        assertThat(change.commitTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123456Z"));

        NotificationItem.ImpactSummary impact = item.impact();
        assertThat(impact.reportId()).isEqualTo("r-1");
        assertThat(impact.backwardCompatible()).isFalse();
        assertThat(impact.findings()).containsExactly("SW103 Column dropped (BREAKING)", "SW301 Constraint added to a table with rows (LOW)");
        assertThat(impact.referencingTables()).isEqualTo(1);
        assertThat(impact.referencedTables()).isEqualTo(1);
        assertThat(impact.dependents()).containsExactly("VIEW public.order_view");
        assertThat(impact.brokenQueries()).isEqualTo(1);
        assertThat(impact.requiresApproval()).isTrue();
        assertThat(impact.reportUrl()).isEqualTo("http://change-analyzer:8082/api/v1/impacts/r-1");
        assertThat(NoticeItems.groupKey(report.change())).isEqualTo("shop:7421");
    }

    @Test
    void aLongDdlIsCappedAtAThousandCharactersAndSaysSo() {
        ImpactReport sample = ImpactSchemasTest.sampleReport();
        String ddl = "ALTER TABLE orders " + "ADD COLUMN c int, ".repeat(600);

        ChangeSummary change = items.impact(withChange(sample, withDdl(sample.change(), ddl)), "change-1").change();

        assertThat(change.ddl()).hasSize(ChangeSummary.MAX_DDL).isEqualTo(ddl.substring(0, ChangeSummary.MAX_DDL));
        assertThat(change.ddlTruncated()).isTrue();
        assertThat(EventJson.read(EventJson.write(change), ChangeSummary.class)).isEqualTo(change);
    }

    @Test
    void aDdlOfExactlyTheLimitAfterTrimmingIsKeptWhole() {
        ImpactReport sample = ImpactSchemasTest.sampleReport();
        String ddl = "x".repeat(ChangeSummary.MAX_DDL);

        ChangeSummary change = items.impact(withChange(sample, withDdl(sample.change(), "\n  " + ddl + "\n")), "c").change();
        assertThat(change.ddl()).isEqualTo(ddl);
        assertThat(change.ddlTruncated()).isFalse();

        ChangeSummary none = items.impact(withChange(sample, withDdl(sample.change(), null)), "c").change();
        assertThat(none.ddl()).isEmpty();
        assertThat(none.ddlTruncated()).isFalse();
    }

    @Test
    void findingsAndDependentsAreBounded() {
        ImpactReport sample = ImpactSchemasTest.sampleReport();
        List<Finding> findings = IntStream.range(0, 15).mapToObj(i -> new Finding("SW" + (500 + i), "Rule " + i, RuleCategory.DESTRUCTIVE,
                Severity.HIGH, i, "public.orders", "message", "fix", null)).toList();
        BlastRadius radius = sample.blastRadius();
        List<BlastRadius.Dependent> dependents = IntStream.range(0, 30).mapToObj(i -> new BlastRadius.Dependent("VIEW", "public.v" + i)).toList();
        BlastRadius wide = new BlastRadius(radius.referencingTables(), radius.referencedTables(), radius.relationships(), dependents, null, 0);
        ImpactReport report = new ImpactReport(sample.reportId(), sample.change(), sample.severity(), sample.backwardCompatible(), findings, wide,
                sample.lockRisk(), sample.rollback(), false, List.of(), false, List.of(), List.of(), sample.analyzedAt());

        NotificationItem.ImpactSummary impact = items.impact(report, "change-1").impact();

        assertThat(impact.findings()).hasSize(10).first().isEqualTo("SW500 Rule 0 (HIGH)");
        assertThat(impact.dependents()).hasSize(20).first().isEqualTo("VIEW public.v0");
        assertThat(impact.brokenQueries()).isZero();
        assertThat(impact.requiresApproval()).isFalse();
    }

    @Test
    void aTestResultOfASeenImpactCarriesItsSeverityAndChange() {
        NotificationItem seen = items.impact(ImpactSchemasTest.sampleReport(), "change-1");
        TestRunResult result = TestRunResultSchemaTest.sample();

        NotificationItem item = items.testResult(result, "change-1", seen);

        assertThat(item.inputEventId()).isEqualTo("run-1");
        assertThat(item.correlationId()).isEqualTo("change-1");
        assertThat(item.kind()).isEqualTo(NoticeKind.TEST_RESULT);
        assertThat(item.severity()).isEqualTo(Severity.BREAKING);
        assertThat(item.database()).isEqualTo("shop");
        assertThat(item.table()).isEqualTo(seen.table());
        assertThat(item.change()).isEqualTo(seen.change());
        assertThat(item.impact()).isEqualTo(seen.impact());

        NotificationItem.TestSummary tests = item.tests();
        assertThat(tests.runId()).isEqualTo("run-1");
        assertThat(tests.status()).isEqualTo("COMPLETED");
        assertThat(List.of(tests.passed(), tests.failed(), tests.errored(), tests.skipped())).containsExactly(1, 1, 0, 0);
        assertThat(tests.failedCases()).containsExactly(
                "orders.email rejects NULL [FAILED]: email must reject NULL (expected SQLSTATE 23502, but the statement succeeded)");
        assertThat(tests.reportUrl()).isEqualTo("http://test-executor:8084/api/v1/runs/run-1/report.html");
    }

    @Test
    void aFailureRaisesALowSeenImpactToHighButNotAPassingOne() {
        NotificationItem seen = items.impact(ImpactSchemasTest.sampleReport(), "change-1");
        NotificationItem lowSeen = new NotificationItem(seen.inputEventId(), seen.correlationId(), seen.kind(), Severity.MEDIUM, seen.database(),
                seen.table(), seen.change(), seen.impact(), null);
        TestRunResult.Totals allPassed = new TestRunResult.Totals(3, 0, 0, 1, 0);

        assertThat(items.testResult(TestRunResultSchemaTest.sample(), "change-1", lowSeen).severity()).isEqualTo(Severity.HIGH);
        assertThat(items.testResult(result(TestRunResult.RunStatus.COMPLETED, allPassed, List.of(passed(1)), List.of("public.orders")),
                "change-1", lowSeen).severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void anUnseenResultWithFailuresIsHigh() {
        NotificationItem item = items.testResult(TestRunResultSchemaTest.sample(), "change-1", null);

        assertThat(item.severity()).isEqualTo(Severity.HIGH);
        assertThat(item.table()).isEqualTo("public.orders");
        assertThat(item.change()).isNull();
        assertThat(item.impact()).isNull();
        assertThat(item.tests().failedCases()).singleElement().asString().startsWith("orders.email rejects NULL [FAILED]");
    }

    @Test
    void anUnseenResultThatAllPassedIsLow() {
        TestRunResult result = result(TestRunResult.RunStatus.COMPLETED, new TestRunResult.Totals(2, 0, 0, 1, 0),
                List.of(passed(1), passed(2)), List.of("public.orders", "public.customers"));

        NotificationItem item = items.testResult(result, null, null);

        assertThat(item.severity()).isEqualTo(Severity.LOW);
        assertThat(item.correlationId()).isNull();
        assertThat(item.table()).isEqualTo("public.orders");
        assertThat(item.tests().failedCases()).isEmpty();
    }

    @Test
    void anUnseenRunThatDidNotCompleteIsHighEvenWithoutFailedCases() {
        TestRunResult errored = result(TestRunResult.RunStatus.ERRORED, new TestRunResult.Totals(0, 0, 0, 0, 0), List.of(), List.of());

        NotificationItem item = items.testResult(errored, "change-1", null);

        assertThat(item.severity()).isEqualTo(Severity.HIGH);
        assertThat(item.tests().status()).isEqualTo("ERRORED");
        assertThat(item.table()).isNull();
    }

    @Test
    void failedAndErroredCasesAreNamedUpToTheLimitAndPassedOrSkippedOnesAreNot() {
        List<CaseResult> cases = new ArrayList<>();
        cases.add(new CaseResult("e", "orders insert", CaseCategory.CRUD_ROUND_TRIP, "public.orders", CaseOutcome.Status.ERRORED, false, 1, 0,
                "57014", "canceling statement due to statement timeout", 10));
        cases.add(new CaseResult("s", "orders skipped", CaseCategory.CRUD_ROUND_TRIP, "public.orders", CaseOutcome.Status.SKIPPED, false, 0, -1,
                null, "not applicable", 0));
        cases.add(passed(0));
        cases.add(new CaseResult("n", "no message", CaseCategory.NOT_NULL_ENFORCEMENT, "public.orders", CaseOutcome.Status.FAILED, false, 1, 0,
                null, null, 10));
        for (int i = 0; i < 30; i++) {
            cases.add(new CaseResult("f" + i, "failure " + i, CaseCategory.NOT_NULL_ENFORCEMENT, "public.orders", CaseOutcome.Status.FAILED,
                    false, 1, 0, null, "expected " + i, 10));
        }
        TestRunResult result = result(TestRunResult.RunStatus.COMPLETED, new TestRunResult.Totals(1, 31, 1, 1, 0), cases, List.of("public.orders"));

        List<String> failed = items.testResult(result, "change-1", null).tests().failedCases();

        assertThat(failed).hasSize(NotificationItem.TestSummary.MAX_FAILED_CASES)
                .startsWith("orders insert [ERRORED]: canceling statement due to statement timeout", "no message [FAILED]", "failure 0 [FAILED]: expected 0")
                .noneMatch(name -> name.contains("skipped") || name.contains("round trip"));
    }
}
