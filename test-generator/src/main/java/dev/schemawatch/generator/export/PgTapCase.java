package dev.schemawatch.generator.export;

import java.util.List;

/**
 * One case as {@code pgtap.vm} writes it.
 *
 * @param description names the case, for a skipped or step-less case's single test
 * @param skipReason  non-null for a skipped case
 */
public record PgTapCase(String description, String skipReason, List<PgTapStep> steps) {

    public boolean skipped() {
        return skipReason != null;
    }

    /** How many TAP tests it contributes to the plan: one per step, and one for a skipped or step-less case. */
    int testCount() {
        return skipped() || steps.isEmpty() ? 1 : steps.size();
    }
}
