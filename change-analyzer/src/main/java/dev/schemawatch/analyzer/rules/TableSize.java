package dev.schemawatch.analyzer.rules;

/**
 * How big a table is right now.
 *
 * @param rowEstimate {@code reltuples}, or a count when the table was never analysed
 * @param sizeBytes   {@code pg_total_relation_size}
 */
public record TableSize(long rowEstimate, long sizeBytes) {

    public static final TableSize EMPTY = new TableSize(0, 0);

    public boolean hasRows() {
        return rowEstimate > 0;
    }
}
