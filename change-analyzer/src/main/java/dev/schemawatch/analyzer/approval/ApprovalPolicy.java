package dev.schemawatch.analyzer.approval;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.naming.Glob;

import java.util.ArrayList;
import java.util.List;

/**
 * When a person must approve a change: its report is at or above a severity, or it touches a table
 * matching one of the configured glob patterns on {@code database.schema.table} ({@code *} any
 * run of characters, {@code ?} one character).
 */
public final class ApprovalPolicy {

    private final Severity minSeverity;
    private final List<Glob> tableGlobs;

    public ApprovalPolicy(Severity minSeverity, List<String> tableGlobs) {
        this.minSeverity = minSeverity;
        this.tableGlobs = tableGlobs.stream().map(Glob::of).toList();
    }

    /** @return why approval is required; empty when it is not */
    public List<String> reasons(String key, Severity severity) {
        List<String> reasons = new ArrayList<>();
        if (severity.atLeast(minSeverity)) {
            reasons.add("severity " + severity + " is at or above " + minSeverity);
        }
        for (Glob glob : tableGlobs) {
            if (glob.matches(key)) {
                reasons.add(key + " matches the protected tables pattern '" + glob + "'");
            }
        }
        return reasons;
    }
}
