package dev.schemawatch.analyzer.analysis;

import dev.schemawatch.analyzer.live.DatabaseUnavailableException;
import dev.schemawatch.analyzer.live.LiveDatabase;
import dev.schemawatch.analyzer.rules.RuleContext;
import dev.schemawatch.analyzer.rules.TableSize;
import dev.schemawatch.analyzer.rules.Thresholds;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;

import java.util.Set;

/**
 * The rules' view of the live database for one report. Whatever cannot be answered because the
 * database is unreachable (or not configured) is answered from the event alone and noted as a
 * skipped check, so the report is published partial instead of withheld.
 */
final class LiveRuleContext implements RuleContext {

    private final LiveDatabase database;
    private final String unavailableReason;
    private final BlastRadius blastRadius;
    private final Thresholds thresholds;
    private final Set<String> skippedChecks;

    /**
     * @param database          null when the event's database is not configured
     * @param unavailableReason why live checks cannot run (database null or already found unreachable), else null
     */
    LiveRuleContext(LiveDatabase database, String unavailableReason, BlastRadius blastRadius, Thresholds thresholds,
                    Set<String> skippedChecks) {
        this.database = database;
        this.unavailableReason = unavailableReason;
        this.blastRadius = blastRadius;
        this.thresholds = thresholds;
        this.skippedChecks = skippedChecks;
    }

    @Override
    public TableSize size(RelationDefinition table) {
        if (table.rowEstimate() >= 0) {
            return new TableSize(table.rowEstimate(), table.sizeBytes());
        }
        if (unavailableReason != null) {
            skippedChecks.add("size of " + table.qualifiedName() + ": " + unavailableReason);
            return new TableSize(0, table.sizeBytes());
        }
        try {
            return database.size(table.schema(), table.name());
        } catch (DatabaseUnavailableException e) {
            skippedChecks.add("size of " + table.qualifiedName() + ": " + e.getMessage());
            return new TableSize(0, table.sizeBytes());
        }
    }

    @Override
    public DataCheck dataCheck(RelationDefinition table, ConstraintDefinition constraint) {
        String check = "data check of " + table.qualifiedName() + "." + constraint.name();
        if (unavailableReason != null) {
            skippedChecks.add(check + ": " + unavailableReason);
            return new DataCheck(DataCheck.Outcome.UNKNOWN, null, Math.max(table.rowEstimate(), 0), unavailableReason);
        }
        try {
            return database.dataCheck(table.schema(), table.name(), constraint);
        } catch (DatabaseUnavailableException e) {
            skippedChecks.add(check + ": " + e.getMessage());
            return new DataCheck(DataCheck.Outcome.UNKNOWN, null, Math.max(table.rowEstimate(), 0), e.getMessage());
        }
    }

    @Override
    public BlastRadius blastRadius() {
        return blastRadius;
    }

    @Override
    public Thresholds thresholds() {
        return thresholds;
    }
}
