package dev.schemawatch.analyzer.analysis;

import dev.schemawatch.analyzer.approval.ApprovalPolicy;
import dev.schemawatch.analyzer.live.DatabaseUnavailableException;
import dev.schemawatch.analyzer.live.LiveDatabase;
import dev.schemawatch.analyzer.rollback.RollbackPlanner;
import dev.schemawatch.analyzer.rules.Judgement;
import dev.schemawatch.analyzer.rules.RuleBook;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.impact.RuleCategory;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges one schema change: blast radius from the live database, the rule catalogue, a rollback
 * plan and the approval policy, into one self-contained report. Plain Java; the stream function
 * and the HTTP API call it.
 */
public class ImpactAnalyzer {

    private final RuleBook rules;
    private final RollbackPlanner rollback;
    private final ApprovalPolicy approval;
    private final Map<String, LiveDatabase> databases;
    private final boolean replayQueries;
    private final Clock clock;

    public ImpactAnalyzer(RuleBook rules, RollbackPlanner rollback, ApprovalPolicy approval, Map<String, LiveDatabase> databases,
                          boolean replayQueries, Clock clock) {
        this.rules = rules;
        this.rollback = rollback;
        this.approval = approval;
        this.databases = Map.copyOf(databases);
        this.replayQueries = replayQueries;
        this.clock = clock;
    }

    /** The report's id: derived from the change's, so a redelivered change maps to the same report. */
    public static String reportId(SchemaChangeEvent event) {
        return EventEnvelope.derivedId(event.eventId(), ImpactReport.TYPE);
    }

    public ImpactReport analyze(IncomingChange incoming) {
        SchemaChangeEvent event = incoming.event();
        Set<String> skipped = new LinkedHashSet<>();
        LiveDatabase database = databases.get(event.database());
        String unavailable = database == null
                ? "database '" + event.database() + "' is not configured for live checks (schemawatch.analyzer.databases)"
                : null;
        BlastRadius radius;
        if (database == null) {
            skipped.add("blast radius and query replay: " + unavailable);
            radius = BlastRadius.none(QueryReplay.unavailable(unavailable));
        } else {
            try {
                radius = database.blastRadius(event, replayQueries);
            } catch (DatabaseUnavailableException e) {
                unavailable = e.getMessage();
                skipped.add("blast radius and query replay: " + unavailable);
                radius = BlastRadius.none(QueryReplay.unavailable(unavailable));
            }
        }
        Judgement judgement = rules.judge(event, new LiveRuleContext(database, unavailable, radius, rules.thresholds(), skipped));
        if (database != null) {
            database.apply(event);
        }
        List<Finding> findings = judgement.findings();
        Severity severity = findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(Severity.LOW);
        boolean backwardCompatible = findings.stream().noneMatch(finding -> finding.category() == RuleCategory.DESTRUCTIVE
                || finding.category() == RuleCategory.BACKWARD_INCOMPATIBLE);
        List<String> approvalReasons = approval.reasons(event.key(), severity);
        return new ImpactReport(reportId(event), event, severity, backwardCompatible, findings, radius, judgement.lockRisk(),
                rollback.plan(event), !approvalReasons.isEmpty(), approvalReasons, !skipped.isEmpty(), List.copyOf(skipped),
                incoming.flags(), clock.instant());
    }

    /** Keeps the in-memory graph in step with a change whose report was already published. */
    public void skip(SchemaChangeEvent event) {
        LiveDatabase database = databases.get(event.database());
        if (database != null) {
            database.apply(event);
        }
    }
}
