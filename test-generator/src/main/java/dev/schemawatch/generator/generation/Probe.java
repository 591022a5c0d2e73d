package dev.schemawatch.generator.generation;

/**
 * One boundary-value attempt, as {@code templates/sql/boundaries.vm} sees it: insert the row of
 * {@code rows} (after its parents) and expect success, or failure with {@code sqlState}.
 *
 * @param sqlState empty when the insert must succeed
 * @param because  what it means when the expectation does not hold
 */
public record Probe(RowSet rows, String sqlState, String because) {

    public boolean succeeds() {
        return sqlState.isEmpty();
    }
}
