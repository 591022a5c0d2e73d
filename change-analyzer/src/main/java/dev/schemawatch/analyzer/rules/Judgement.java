package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.LockRisk;

import java.util.List;

/**
 * What the rules concluded about one schema-change event.
 *
 * @param findings every rule that fired, highest severity first, then in the order of the changes
 * @param lockRisk the strongest lock the command took on an existing table, with that table's
 *                 size; null when it locked no existing table
 */
public record Judgement(List<Finding> findings, LockRisk lockRisk) {

    public Judgement {
        findings = List.copyOf(findings);
    }
}
