package dev.schemawatch.analyzer.approval;

import dev.schemawatch.analyzer.metrics.AnalyzerMetrics;
import dev.schemawatch.analyzer.report.ImpactPublisher;
import dev.schemawatch.analyzer.report.ImpactStore;
import dev.schemawatch.analyzer.report.ImpactStore.StoredImpact;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.impact.ImpactDecision;
import dev.schemawatch.contracts.impact.ImpactReport;

import java.time.Clock;

/**
 * Approving or rejecting a change whose report requires approval. The first decision on a report
 * is final; it is recorded with who made it and published on {@code schemawatch.impact-decisions}.
 */
public class Decisions {

    private final ImpactStore store;
    private final ImpactPublisher publisher;
    private final AnalyzerMetrics metrics;
    private final Clock clock;

    public Decisions(ImpactStore store, ImpactPublisher publisher, AnalyzerMetrics metrics, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ImpactDecision decide(String reportId, ImpactDecision.Decision decision, String decidedBy, String comment) {
        StoredImpact stored = store.find(reportId).orElseThrow(() -> new DecisionRejectedException(
                DecisionRejectedException.Reason.NOT_FOUND, "no impact report with id " + reportId));
        ImpactReport report = stored.report();
        if (!report.requiresApproval()) {
            throw new DecisionRejectedException(DecisionRejectedException.Reason.CONFLICT,
                    "impact report " + reportId + " does not require approval");
        }
        ImpactDecision made = new ImpactDecision(EventEnvelope.derivedId(reportId, ImpactDecision.TYPE), reportId,
                report.change().eventId(), report.key(), decision, decidedBy, comment, clock.instant());
        if (!store.claimDecision(made)) {
            ImpactDecision existing = store.find(reportId).map(StoredImpact::decision).orElse(null);
            throw new DecisionRejectedException(DecisionRejectedException.Reason.CONFLICT, "impact report " + reportId
                    + " was already " + (existing == null ? "decided" : existing.decision() + " by " + existing.decidedBy()));
        }
        try {
            publisher.publishDecision(made, stored.correlationId(), stored.ddlCommitTime());
        } catch (RuntimeException e) {
            store.releaseDecision(made);
            throw e;
        }
        metrics.decided(made);
        return made;
    }
}
