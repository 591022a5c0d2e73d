package dev.schemawatch.notifier;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.ImpactSchemasTest;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.testsupport.KafkaBroker;
import io.cloudevents.CloudEvent;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Impact reports and test results as change-analyzer and test-executor publish them, for the notifier's tests and benchmark. */
public final class Inputs {

    private Inputs() {
    }

    /** A report on {@code shop.public.<table>} for DDL event {@code changeId}, in transaction {@code txid}. */
    public static ImpactReport impact(String changeId, String table, Severity severity, long txid) {
        ImpactReport sample = ImpactSchemasTest.sampleReport();
        SchemaChangeEvent base = sample.change();
        SchemaChangeEvent change = new SchemaChangeEvent(changeId, base.database(), base.schema(), table, base.objectType(), base.commandTag(),
                "ALTER TABLE " + table + " DROP COLUMN email", base.origin(), base.changes(), base.before(), base.after(), base.types(),
                base.actor(), new SchemaChangeEvent.TransactionInfo(txid, 1L, Instant.now(), 1, txid), Instant.now(), false, 0);
        return new ImpactReport(EventEnvelope.derivedId(changeId, ImpactReport.TYPE), change, severity, severity != Severity.LOW,
                sample.findings(), sample.blastRadius(), sample.lockRisk(), sample.rollback(), false, List.of(), false, List.of(), List.of(),
                Instant.now());
    }

    /** The result of the suite generated for {@code report}, with {@code failed} failing cases among three. */
    public static TestRunResult result(ImpactReport report, int failed) {
        String suiteId = EventEnvelope.derivedId(report.reportId(), TestSuite.TYPE);
        List<CaseResult> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            boolean fails = i < failed;
            cases.add(new CaseResult(suiteId + "-" + i, "case " + i + " of " + report.change().objectName(), CaseCategory.NOT_NULL_ENFORCEMENT,
                    "public." + report.change().objectName(), fails ? CaseOutcome.Status.FAILED : CaseOutcome.Status.PASSED, false, 1,
                    fails ? 0 : -1, null, fails ? "email must reject NULL" : null, 100));
        }
        return new TestRunResult(EventEnvelope.derivedId(suiteId, TestRunResult.TYPE), suiteId, report.change().eventId(), "shop",
                List.of("public." + report.change().objectName()), TestRunResult.RunStatus.COMPLETED, null, "MONITORED",
                new TestRunResult.Totals(3 - failed, failed, 0, 0, 0), cases, Instant.now(), Instant.now());
    }

    public static void publish(ImpactReport report) {
        SchemaChangeEvent change = report.change();
        CloudEvent event = EventEnvelope.following(change.eventId(), change.eventId(), change.transaction().commitTime(),
                URI.create("/schemawatch/change-analyzer"), ImpactReport.TYPE, report.key(), Instant.now(), EventJson.write(report));
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.IMPACT_REPORTS, report.key(), event));
    }

    public static void publish(TestRunResult result, ImpactReport report) {
        CloudEvent event = EventEnvelope.following(result.suiteId(), report.change().eventId(), report.change().transaction().commitTime(),
                URI.create("/schemawatch/test-executor"), TestRunResult.TYPE, result.key(), Instant.now(), EventJson.write(result));
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.TEST_RESULTS, result.key(), event));
    }
}
