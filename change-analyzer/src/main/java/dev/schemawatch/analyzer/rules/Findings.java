package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The findings of one judgement, each given its rule's effective severity. */
final class Findings {

    private static final Comparator<Finding> RANKING = Comparator.comparing(Finding::severity).reversed()
            .thenComparingInt(Finding::changeIndex)
            .thenComparing(Finding::code);

    private final Map<String, Severity> severities;
    private final List<Finding> found = new ArrayList<>();

    Findings(Map<String, Severity> severities) {
        this.severities = severities;
    }

    void add(RuleDefinition rule, JudgedChange change, String message, String fix) {
        add(rule, change.index(), change.subject(), message, fix, null);
    }

    void add(RuleDefinition rule, int changeIndex, String subject, String message, String fix, DataCheck dataCheck) {
        found.add(new Finding(rule.code(), rule.title(), rule.category(), severities.get(rule.code()), changeIndex,
                subject, message, fix, dataCheck));
    }

    /** Highest severity first, then in the order of the changes. */
    List<Finding> ranked() {
        found.sort(RANKING);
        return List.copyOf(found);
    }
}
