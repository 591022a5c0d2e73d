package dev.schemawatch.contracts.impact;

/**
 * How to undo one atomic change.
 *
 * @param changeIndex position of the atomic change in the schema-change event
 * @param sql         the inverse DDL, with every identifier quoted; for an irreversible change the
 *                    statement that restores the structure (not the data), or null when none can
 * @param reversible  false when undoing cannot bring back what the change destroyed
 * @param dataLoss    what would stay lost, e.g. "values of column public.orders.note (~12,000 rows)"
 * @param note        anything to know before running it
 */
public record RollbackStep(int changeIndex, String sql, boolean reversible, String dataLoss, String note) {
}
