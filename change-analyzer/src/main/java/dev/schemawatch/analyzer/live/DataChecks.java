package dev.schemawatch.analyzer.live;

import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.impact.DataCheck.Outcome;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.sql.SqlQuoting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the rows of a table satisfy a constraint. PostgreSQL checked every validated constraint
 * when it was added, so only NOT VALID ones are counted here, each with one read-only scan that
 * counts the violating rows and all rows together. The constraint is read from the live catalog
 * rather than from the event, so the check runs exactly the expression and columns PostgreSQL
 * will enforce.
 */
final class DataChecks {

    private static final Logger log = LoggerFactory.getLogger(DataChecks.class);

    static final String VALIDATED_WHEN_ADDED = "validated by PostgreSQL when the constraint was added";
    static final String VALIDATED_SINCE = "validated by PostgreSQL since the change (VALIDATE CONSTRAINT)";

    private static final String LIVE_CONSTRAINT = """
            SELECT %s k.convalidated AS validated,
                   pg_catalog.pg_get_expr(k.conbin, k.conrelid) AS check_expression,
                   pn.nspname AS parent_schema, pc.relname AS parent_table, k.confmatchtype::text AS match_type,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
                         ORDER BY u.ord) AS columns,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum
                         ORDER BY u.ord) AS parent_columns
            FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_class pc ON pc.oid = k.confrelid
            LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND k.conname = ? AND k.contype = ?
            """.formatted(LiveTransactions.MARKER);

    private final String database;
    private final LiveTransactions transactions;
    private final LiveDatabaseSettings settings;
    private final TableSizes sizes;

    DataChecks(String database, LiveTransactions transactions, LiveDatabaseSettings settings, TableSizes sizes) {
        this.database = database;
        this.transactions = transactions;
        this.settings = settings;
        this.sizes = sizes;
    }

    DataCheck check(String schema, String table, ConstraintDefinition constraint) {
        if (constraint.validated()) {
            return new DataCheck(Outcome.SATISFIED, null, rowEstimate(schema, table), VALIDATED_WHEN_ADDED);
        }
        return switch (constraint.type()) {
            case CHECK, FOREIGN_KEY, NOT_NULL -> count(schema, table, constraint);
            default -> new DataCheck(Outcome.UNKNOWN, null, rowEstimate(schema, table),
                    "a not validated " + constraint.type() + " constraint cannot be checked against the rows");
        };
    }

    private DataCheck count(String schema, String table, ConstraintDefinition constraint) {
        String subject = schema + "." + table;
        Verdict verdict;
        try {
            verdict = transactions.readOnly("checking constraint " + constraint.name() + " on " + subject,
                    settings.statementTimeout(), settings.lockTimeout(), connection -> switch (constraint.type()) {
                        case CHECK -> checkExpression(connection, schema, table, constraint.name());
                        case FOREIGN_KEY -> checkForeignKey(connection, schema, table, constraint.name());
                        default -> checkNotNull(connection, schema, table, constraint.columns());
                    });
        }
        catch (SQLException e) {
            verdict = new Verdict(Outcome.UNKNOWN, null, null, whyUnknown(e, subject));
        }
        // Measured only after the check's transaction ended: never two connections at once.
        long rows = verdict.scannedRows() != null ? verdict.scannedRows() : rowEstimate(schema, table);
        return new DataCheck(verdict.outcome(), verdict.violatingRows(), rows, verdict.detail());
    }

    private Verdict checkExpression(Connection connection, String schema, String table, String name)
            throws SQLException {
        LiveConstraint live = liveConstraint(connection, schema, table, name, "c");
        if (live == null || live.validated()) {
            return settled(live, schema, table, name);
        }
        String violation = "NOT (" + live.checkExpression() + ")";
        Counts counts = counts(connection, SqlQuoting.qualified(schema, table), violation);
        return outcome(counts, counts.violating() + " rows of " + schema + "." + table + " do not satisfy CHECK ("
                + live.checkExpression() + ")", schema, table);
    }

    /**
     * Child rows whose key has no parent row. MATCH SIMPLE (the default) exempts a key with any
     * NULL column; MATCH FULL exempts only an all-NULL key and rejects a partly NULL one.
     */
    private Verdict checkForeignKey(Connection connection, String schema, String table, String name)
            throws SQLException {
        LiveConstraint live = liveConstraint(connection, schema, table, name, "f");
        if (live == null || live.validated()) {
            return settled(live, schema, table, name);
        }
        List<String> childColumns = live.columns().stream().map(c -> "child." + SqlQuoting.identifier(c)).toList();
        String keyColumns = String.join(", ", childColumns);
        int keyWidth = childColumns.size();
        StringBuilder matches = new StringBuilder();
        for (int i = 0; i < keyWidth; i++) {
            matches.append(i == 0 ? "" : " AND ").append("parent.").append(SqlQuoting.identifier(live.parentColumns().get(i)))
                    .append(" = ").append(childColumns.get(i));
        }
        String orphan = "NOT EXISTS (SELECT 1 FROM " + SqlQuoting.qualified(live.parentSchema(), live.parentTable())
                + " AS parent WHERE " + matches + ")";
        String complete = "num_nonnulls(" + keyColumns + ") = " + keyWidth;
        String violation = "f".equals(live.matchType())
                ? "num_nonnulls(" + keyColumns + ") > 0 AND (num_nonnulls(" + keyColumns + ") < " + keyWidth + " OR " + orphan + ")"
                : complete + " AND " + orphan;
        Counts counts = counts(connection, SqlQuoting.qualified(schema, table) + " AS child", violation);
        return outcome(counts, counts.violating() + " rows of " + schema + "." + table + " reference no row of "
                + live.parentSchema() + "." + live.parentTable() + " (" + String.join(", ", live.columns()) + ")",
                schema, table);
    }

    /**
     * NOT NULL constraints are not in the catalog before PostgreSQL 18 (only the column flag), so
     * the event's columns are taken as they are.
     */
    private Verdict checkNotNull(Connection connection, String schema, String table, List<String> columns)
            throws SQLException {
        if (columns.isEmpty()) {
            return new Verdict(Outcome.UNKNOWN, null, null, "the NOT NULL constraint names no column");
        }
        String violation = columns.stream().map(c -> SqlQuoting.identifier(c) + " IS NULL")
                .collect(Collectors.joining(" OR "));
        Counts counts = counts(connection, SqlQuoting.qualified(schema, table), violation);
        return outcome(counts, counts.violating() + " rows of " + schema + "." + table + " hold NULL in "
                + String.join(", ", columns), schema, table);
    }

    /** The constraint is gone, or PostgreSQL validated it in the meantime: no need to scan. */
    private static Verdict settled(LiveConstraint live, String schema, String table, String name) {
        if (live == null) {
            return new Verdict(Outcome.UNKNOWN, null, null,
                    "constraint " + name + " no longer exists on " + schema + "." + table);
        }
        return new Verdict(Outcome.SATISFIED, null, null, VALIDATED_SINCE);
    }

    private static Verdict outcome(Counts counts, String violationDetail, String schema, String table) {
        if (counts.violating() > 0) {
            return new Verdict(Outcome.VIOLATED, counts.violating(), counts.total(), violationDetail);
        }
        return new Verdict(Outcome.SATISFIED, 0L, counts.total(),
                "all " + counts.total() + " rows of " + schema + "." + table + " satisfy the constraint");
    }

    private LiveConstraint liveConstraint(Connection connection, String schema, String table, String name,
                                          String contype) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LIVE_CONSTRAINT)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            statement.setString(3, name);
            statement.setString(4, contype);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new LiveConstraint(rows.getBoolean("validated"), rows.getString("check_expression"),
                        rows.getString("parent_schema"), rows.getString("parent_table"), rows.getString("match_type"),
                        strings(rows.getArray("columns")), strings(rows.getArray("parent_columns")));
            }
        }
    }

    /** One scan for both figures; the violating rows are counted where {@code violation} is true. */
    private static Counts counts(Connection connection, String from, String violation) throws SQLException {
        String sql = "SELECT " + LiveTransactions.MARKER + " count(*) FILTER (WHERE " + violation
                + ") AS violating, count(*) AS total FROM " + from;
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new Counts(rows.getLong("violating"), rows.getLong("total"));
        }
    }

    private String whyUnknown(SQLException e, String subject) {
        return switch (e.getSQLState() == null ? "" : e.getSQLState()) {
            case "57014" -> "check exceeded " + LiveDatabaseSettings.text(settings.statementTimeout());
            case "55P03" -> "check could not lock " + subject + " within "
                    + LiveDatabaseSettings.text(settings.lockTimeout()) + "; another transaction holds a conflicting lock";
            default -> "check failed in database " + database + ": " + LiveTransactions.serverMessage(e)
                    + " (SQLSTATE " + e.getSQLState() + ")";
        };
    }

    /**
     * For outcomes that did not scan the table. The outcome stands even when the table cannot be
     * measured now (a migration's lock, a lost connection): only its size is then unknown.
     */
    private long rowEstimate(String schema, String table) {
        try {
            return sizes.size(schema, table).rowEstimate();
        }
        catch (DatabaseUnavailableException e) {
            log.info("{}: row estimate of {}.{} unknown: {}", database, schema, table, e.getMessage());
            return TableSizes.UNKNOWN_ROWS;
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private record LiveConstraint(boolean validated, String checkExpression, String parentSchema, String parentTable,
                                  String matchType, List<String> columns, List<String> parentColumns) {
    }

    private record Counts(long violating, long total) {
    }

    /** @param scannedRows the rows the check scanned, null when it scanned none */
    private record Verdict(Outcome outcome, Long violatingRows, Long scannedRows, String detail) {
    }
}
