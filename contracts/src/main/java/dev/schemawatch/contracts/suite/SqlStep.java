package dev.schemawatch.contracts.suite;

/**
 * One statement of a test case and what it must do. Every identifier and literal in {@code sql}
 * was written by {@link dev.schemawatch.contracts.sql.SqlQuoting}.
 */
public record SqlStep(String sql, Expectation expect) {
}
