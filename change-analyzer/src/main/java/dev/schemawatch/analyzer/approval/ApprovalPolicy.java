package dev.schemawatch.analyzer.approval;

import dev.schemawatch.contracts.impact.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When a person must approve a change: its report is at or above a severity, or it touches a table
 * matching one of the configured glob patterns on {@code database.schema.table} ({@code *} any
 * run of characters, {@code ?} one character).
 */
public final class ApprovalPolicy {

    private final Severity minSeverity;
    private final List<String> tableGlobs;
    private final List<Pattern> tablePatterns;

    public ApprovalPolicy(Severity minSeverity, List<String> tableGlobs) {
        this.minSeverity = minSeverity;
        this.tableGlobs = List.copyOf(tableGlobs);
        this.tablePatterns = tableGlobs.stream().map(ApprovalPolicy::globToPattern).toList();
    }

    /** @return why approval is required; empty when it is not */
    public List<String> reasons(String key, Severity severity) {
        List<String> reasons = new ArrayList<>();
        if (severity.atLeast(minSeverity)) {
            reasons.add("severity " + severity + " is at or above " + minSeverity);
        }
        for (int i = 0; i < tablePatterns.size(); i++) {
            if (tablePatterns.get(i).matcher(key).matches()) {
                reasons.add(key + " matches the protected tables pattern '" + tableGlobs.get(i) + "'");
            }
        }
        return reasons;
    }

    private static Pattern globToPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
