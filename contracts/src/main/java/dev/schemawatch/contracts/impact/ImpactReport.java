package dev.schemawatch.contracts.impact;

import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.schemawatch.impact.report.v1} on {@code schemawatch.impact-reports}: the
 * judgement of one schema-change event, self-contained so that the test generator and the notifier
 * never need another service's database.
 *
 * @param reportId           equals the CloudEvents {@code ce_id}; derived from the change event's id
 * @param change             the schema-change event judged, as received
 * @param severity           the highest severity of the findings; LOW when none
 * @param backwardCompatible false when a destructive or backward-incompatible rule fired
 * @param findings           every rule that fired, highest severity first
 * @param blastRadius        what else the change reaches in the live database
 * @param lockRisk           lock and rewrite risk of the command on the table's real size; null
 *                           when the change touches no table
 * @param rollback           the inverse DDL, one step per atomic change, in the order to run them
 * @param requiresApproval   true when the approval policy asks a person to decide
 * @param approvalReasons    which parts of the policy matched
 * @param partial            true when some checks could not run (see {@code skippedChecks})
 * @param skippedChecks      checks that could not run, each with the reason
 * @param flags              what the analyzer did not understand in the input, e.g. an unknown change type
 * @param analyzedAt         when the analysis finished
 */
public record ImpactReport(
        String reportId,
        SchemaChangeEvent change,
        Severity severity,
        boolean backwardCompatible,
        List<Finding> findings,
        BlastRadius blastRadius,
        LockRisk lockRisk,
        List<RollbackStep> rollback,
        boolean requiresApproval,
        List<String> approvalReasons,
        boolean partial,
        List<String> skippedChecks,
        List<String> flags,
        Instant analyzedAt) {

    public static final String TYPE = "dev.schemawatch.impact.report.v1";

    public ImpactReport {
        findings = findings == null ? List.of() : List.copyOf(findings);
        rollback = rollback == null ? List.of() : List.copyOf(rollback);
        approvalReasons = approvalReasons == null ? List.of() : List.copyOf(approvalReasons);
        skippedChecks = skippedChecks == null ? List.of() : List.copyOf(skippedChecks);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** The same key as the schema change: all reports of one table stay in order. */
    public String key() {
        return change.key();
    }
}
