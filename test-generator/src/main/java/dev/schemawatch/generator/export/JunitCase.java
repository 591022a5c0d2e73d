package dev.schemawatch.generator.export;

import dev.schemawatch.contracts.suite.SqlStep;

import java.util.List;

/**
 * One case as {@code junit.vm} writes it: a test method.
 *
 * @param order       its position in the suite, 1-based, so the tests run in the suite's order
 * @param methodName  a valid Java identifier, unique in the class
 * @param displayName the case's name
 * @param skipReason  non-null for a skipped case (written as {@code @Disabled})
 */
public record JunitCase(int order, String methodName, String displayName, String skipReason, List<SqlStep> steps) {

    public boolean skipped() {
        return skipReason != null;
    }
}
