package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rule catalogue as configured: each rule's effective severity, and the judgement of
 * schema-change events against it. Immutable and thread-safe; one instance serves the service.
 */
public final class RuleBook {

    private static final List<RuleGroup> GROUPS = List.of(new DestructiveRules(), new CompatibilityRules(),
            new DataRules(), new LockingRules(), new HygieneRules(), new CompletenessRules());

    private final Map<String, Severity> severities;
    private final List<RuleDefinition> rules;
    private final Thresholds thresholds;

    /**
     * @param severityOverrides severity per rule code, replacing the rule's default
     * @param thresholds        when a table counts as large; the {@link RuleContext} handed to
     *                          {@link #judge} is expected to answer the same from {@code thresholds()}
     * @throws IllegalArgumentException when an override names a code the catalogue does not have
     */
    public RuleBook(Map<String, Severity> severityOverrides, Thresholds thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        Map<String, Severity> effective = new HashMap<>();
        RuleCatalogue.all().forEach(rule -> effective.put(rule.code(), rule.defaultSeverity()));
        severityOverrides.forEach((code, severity) -> {
            if (!effective.containsKey(code)) {
                throw new IllegalArgumentException("severity override for unknown rule code " + code
                        + "; the catalogue has SW101 to " + RuleCatalogue.all().get(RuleCatalogue.all().size() - 1).code());
            }
            effective.put(code, Objects.requireNonNull(severity, () -> "severity override for " + code));
        });
        List<RuleDefinition> configured = new ArrayList<>();
        for (RuleDefinition rule : RuleCatalogue.all()) {
            configured.add(new RuleDefinition(rule.code(), rule.title(), rule.category(), effective.get(rule.code()),
                    rule.rationale(), rule.fix()));
        }
        this.severities = Map.copyOf(effective);
        this.rules = List.copyOf(configured);
        this.thresholds = thresholds;
    }

    /** Every rule, ordered by code, with its effective severity as {@code defaultSeverity}. */
    public List<RuleDefinition> rules() {
        return rules;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /**
     * Judges one event: every rule against every atomic change, then the rules about the event as a
     * whole, and the lock the command took. Asks {@code context} about the live database only for
     * what the rules that apply need (each table's size once, the blast radius once).
     */
    public Judgement judge(SchemaChangeEvent event, RuleContext context) {
        JudgedEvent judged = new JudgedEvent(event, context);
        Findings findings = new Findings(severities);
        for (JudgedChange change : judged.changes()) {
            for (RuleGroup group : GROUPS) {
                group.judge(change, findings);
            }
        }
        for (RuleGroup group : GROUPS) {
            group.judgeEvent(judged, findings);
        }
        return new Judgement(findings.ranked(), LockRisks.assess(judged));
    }
}
