package dev.schemawatch.analyzer.rules;

/**
 * When a table counts as large for the locking rules: at or above either figure.
 */
public record Thresholds(long largeTableRows, long largeTableBytes) {

    public static final Thresholds DEFAULT = new Thresholds(100_000, 100L * 1024 * 1024);

    public boolean isLarge(TableSize size) {
        return size.rowEstimate() >= largeTableRows || size.sizeBytes() >= largeTableBytes;
    }
}
