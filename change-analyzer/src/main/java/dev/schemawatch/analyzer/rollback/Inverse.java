package dev.schemawatch.analyzer.rollback;

import dev.schemawatch.contracts.impact.RollbackStep;

/**
 * How to undo one atomic change, before it is placed in the plan.
 *
 * @param sql        the inverse DDL, or null when there is none to run
 * @param reversible false when undoing cannot bring back what the change destroyed
 * @param dataLoss   what stays lost, or null
 * @param note       what to know before running it, or null
 */
record Inverse(String sql, boolean reversible, String dataLoss, String note) {

    static Inverse reversible(String sql, String note) {
        return new Inverse(sql, true, null, note);
    }

    /** Restores the structure, not the data. */
    static Inverse irreversible(String sql, String dataLoss, String note) {
        return new Inverse(sql, false, dataLoss, note);
    }

    /** Nothing schemawatch can write undoes it. */
    static Inverse none(String why) {
        return new Inverse(null, false, null, "no automatic inverse: " + why);
    }

    /** Another step of the same plan undoes it as well. */
    static Inverse coveredBy(String otherStep) {
        return new Inverse(null, true, null, "undone by " + otherStep);
    }

    RollbackStep step(int changeIndex) {
        return new RollbackStep(changeIndex, sql, reversible, dataLoss, note);
    }
}
