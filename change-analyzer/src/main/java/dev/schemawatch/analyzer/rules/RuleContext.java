package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;

/**
 * What the rules may ask of the live database while judging one change. Implementations answer
 * from caches or bounded, read-only queries; when the database cannot be reached they answer with
 * the event's own figures (size) or {@link DataCheck.Outcome#UNKNOWN} and note the skipped check.
 */
public interface RuleContext {

    /** The table's current size; falls back to the figures the event captured. */
    TableSize size(RelationDefinition table);

    /** Whether the current rows of {@code table} satisfy {@code constraint}, checked read-only and bounded in time. */
    DataCheck dataCheck(RelationDefinition table, ConstraintDefinition constraint);

    /** Tables, dependants and application queries the change reaches. */
    BlastRadius blastRadius();

    Thresholds thresholds();
}
