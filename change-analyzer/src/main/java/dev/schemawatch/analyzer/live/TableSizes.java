package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.rules.TableSize;
import dev.schemawatch.contracts.sql.SqlQuoting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * How big a table is: {@code reltuples} and {@code pg_total_relation_size}, summed over the leaf
 * partitions of a partitioned table. A table PostgreSQL never analysed has no estimate
 * ({@code reltuples = -1}); it is counted instead, up to just past {@value #COUNT_BOUND} rows,
 * which is all any threshold needs to know.
 */
final class TableSizes {

    private static final Logger log = LoggerFactory.getLogger(TableSizes.class);

    static final long COUNT_BOUND = 1_000_000;

    /** The monitor's convention for "not known", as in {@code RelationDefinition#rowEstimate()}. */
    static final long UNKNOWN_ROWS = -1;

    /** Relations whose rows can be counted locally: tables, partitioned tables, materialized views. */
    private static final Set<String> COUNTABLE_KINDS = Set.of("r", "p", "m");

    private static final String CATALOG_FIGURES = """
            SELECT %s c.relkind::text AS kind,
                   (CASE WHEN c.relkind = 'p' THEN
                             (SELECT CASE WHEN bool_or(l.reltuples < 0) THEN -1 ELSE coalesce(sum(l.reltuples), 0) END
                              FROM pg_catalog.pg_partition_tree(c.oid) t
                              JOIN pg_catalog.pg_class l ON l.oid = t.relid
                              WHERE t.isleaf)
                         ELSE c.reltuples END)::bigint AS row_estimate,
                   (CASE WHEN c.relkind = 'p' THEN
                             (SELECT coalesce(sum(pg_catalog.pg_total_relation_size(t.relid)), 0)
                              FROM pg_catalog.pg_partition_tree(c.oid) t)
                         ELSE pg_catalog.pg_total_relation_size(c.oid) END)::bigint AS size_bytes
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?
            """.formatted(LiveTransactions.MARKER);

    private final String database;
    private final LiveTransactions transactions;
    private final LiveDatabaseSettings settings;

    TableSizes(String database, LiveTransactions transactions, LiveDatabaseSettings settings) {
        this.database = database;
        this.transactions = transactions;
        this.settings = settings;
    }

    /**
     * @return {@link TableSize#EMPTY} when the table does not exist (any more); a row estimate of
     *         {@value #UNKNOWN_ROWS} when it was never analysed and could not be counted in time
     * @throws DatabaseUnavailableException when the database cannot be reached, or cannot read
     *                                      the catalog figures in time (a migration's lock on the table)
     */
    TableSize size(String schema, String table) {
        String purpose = "measuring " + schema + "." + table;
        try {
            return transactions.readOnly(purpose, settings.statementTimeout(), settings.lockTimeout(),
                    connection -> measure(connection, schema, table));
        }
        catch (SQLException e) {
            throw transactions.unanswered(purpose, e);
        }
    }

    private TableSize measure(Connection connection, String schema, String table) throws SQLException {
        String kind;
        long rowEstimate;
        long sizeBytes;
        try (PreparedStatement statement = connection.prepareStatement(CATALOG_FIGURES)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return TableSize.EMPTY;
                }
                kind = rows.getString("kind");
                rowEstimate = rows.getLong("row_estimate");
                sizeBytes = rows.getLong("size_bytes");
            }
        }
        if (rowEstimate >= 0) {
            return new TableSize(rowEstimate, sizeBytes);
        }
        if (!COUNTABLE_KINDS.contains(kind)) {
            return new TableSize(0, sizeBytes);
        }
        return new TableSize(boundedCount(connection, schema, table), sizeBytes);
    }

    /** Last statement of its transaction: a failure leaves the transaction aborted, which is fine. */
    private long boundedCount(Connection connection, String schema, String table) throws SQLException {
        String sql = "SELECT " + LiveTransactions.MARKER + " count(*) FROM (SELECT 1 FROM "
                + SqlQuoting.qualified(schema, table) + " LIMIT " + (COUNT_BOUND + 1) + ") bounded";
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
        catch (SQLException e) {
            if (LiveTransactions.isConnectionFailure(e)) {
                throw e;
            }
            log.info("{}: {}.{} was never analysed and could not be counted: {} (SQLSTATE {})", database, schema, table,
                    LiveTransactions.serverMessage(e), e.getSQLState());
            return UNKNOWN_ROWS;
        }
    }
}
