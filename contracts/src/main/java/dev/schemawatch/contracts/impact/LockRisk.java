package dev.schemawatch.contracts.impact;

/**
 * The lock the DDL took and whether it rewrote the table, with the table's real size.
 *
 * @param lockMode    the strongest table lock the command takes, e.g. {@code ACCESS EXCLUSIVE}
 * @param rewrite     true when the command rewrote the table (or all its rows were scanned under that lock)
 * @param rowEstimate the table's row estimate ({@code reltuples})
 * @param sizeBytes   the table's size including indexes and TOAST
 * @param note        what that means for concurrent traffic
 */
public record LockRisk(String lockMode, boolean rewrite, long rowEstimate, long sizeBytes, String note) {
}
