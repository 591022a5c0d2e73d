package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.RuleCategory;
import dev.schemawatch.contracts.impact.Severity;

/**
 * One entry of the rule catalogue, served at {@code GET /api/v1/rules} and written out in
 * docs/rules.md.
 *
 * @param code            stable code, never reused, e.g. {@code SW103}
 * @param defaultSeverity the severity unless configuration overrides it
 * @param rationale       why it matters
 * @param fix             how to make the change safely instead
 */
public record RuleDefinition(
        String code,
        String title,
        RuleCategory category,
        Severity defaultSeverity,
        String rationale,
        String fix) {
}
