package dev.schemawatch.contracts.impact;

import java.util.List;

/**
 * The application queries {@code pg_stat_statements} recorded for the changed objects, each
 * re-validated with {@code PREPARE} (never executed) against the schema after the change.
 *
 * @param available         false when {@code pg_stat_statements} is not installed or not readable
 * @param unavailableReason why, when not available
 * @param checked           how many recorded queries were prepared
 * @param broken            those that no longer prepare
 */
public record QueryReplay(boolean available, String unavailableReason, int checked, List<BrokenQuery> broken) {

    public QueryReplay {
        broken = broken == null ? List.of() : List.copyOf(broken);
    }

    public static QueryReplay unavailable(String reason) {
        return new QueryReplay(false, reason, 0, List.of());
    }

    /** @param queryId pg_stat_statements' queryid; {@code calls} how often the application ran it */
    public record BrokenQuery(String queryId, String query, long calls, String sqlState, String message) {
    }
}
