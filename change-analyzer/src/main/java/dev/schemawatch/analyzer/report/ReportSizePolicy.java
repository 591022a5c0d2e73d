package dev.schemawatch.analyzer.report;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.List;

/**
 * Keeps a report under Kafka's message size. A report embeds the change it judged; when it is too
 * large, the change's before/after definitions go first (the monitor's API still has them, and the
 * event says so with {@code definitionsTruncated}), then the broken-query texts beyond the first
 * ten. The findings, rollback plan and blast radius names always stay.
 */
public class ReportSizePolicy {

    private static final int BROKEN_QUERIES_KEPT = 10;

    private final int maxBytes;

    public ReportSizePolicy(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Sized fit(ImpactReport report) {
        byte[] json = EventJson.write(report);
        if (json.length <= maxBytes) {
            return new Sized(report, json);
        }
        SchemaChangeEvent change = report.change();
        SchemaChangeEvent withoutDefinitions = new SchemaChangeEvent(change.eventId(), change.database(), change.schema(),
                change.objectName(), change.objectType(), change.commandTag(), change.ddl(), change.origin(), change.changes(),
                List.of(), List.of(), List.of(), change.actor(), change.transaction(), change.occurredAt(), true,
                change.omittedChanges());
        ImpactReport smaller = withChange(report, withoutDefinitions, report.blastRadius());
        json = EventJson.write(smaller);
        if (json.length <= maxBytes) {
            return new Sized(smaller, json);
        }
        QueryReplay queries = smaller.blastRadius().queries();
        if (queries != null && queries.broken().size() > BROKEN_QUERIES_KEPT) {
            QueryReplay fewer = new QueryReplay(queries.available(), queries.unavailableReason(), queries.checked(),
                    queries.broken().subList(0, BROKEN_QUERIES_KEPT));
            BlastRadius radius = smaller.blastRadius();
            smaller = withChange(smaller, withoutDefinitions, new BlastRadius(radius.referencingTables(), radius.referencedTables(),
                    radius.relationships(), radius.dependents(), fewer, radius.omittedRelationships()));
            json = EventJson.write(smaller);
        }
        if (json.length > maxBytes) {
            throw new IllegalStateException("impact report " + report.reportId() + " is " + json.length
                    + " bytes even without the change's definitions; the limit is " + maxBytes);
        }
        return new Sized(smaller, json);
    }

    private static ImpactReport withChange(ImpactReport report, SchemaChangeEvent change, BlastRadius radius) {
        return new ImpactReport(report.reportId(), change, report.severity(), report.backwardCompatible(), report.findings(),
                radius, report.lockRisk(), report.rollback(), report.requiresApproval(), report.approvalReasons(),
                report.partial(), report.skippedChecks(), report.flags(), report.analyzedAt());
    }

    public record Sized(ImpactReport report, byte[] json) {
    }
}
