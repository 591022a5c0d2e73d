package dev.schemawatch.analyzer.live;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Every statement the analyzer sends to a monitored database goes through here: in a READ ONLY
 * transaction that is always rolled back, with {@code statement_timeout} and {@code lock_timeout}
 * set locally, so nothing we do can change data, outlive the transaction's settings, or queue the
 * application's queries behind ours for long.
 */
final class LiveTransactions {

    /**
     * Carried by every statement we send, so that query replay can tell our own statements apart
     * from the application's in {@code pg_stat_statements}, which keeps comments in its query text.
     */
    static final String MARKER = "/* schemawatch-analyzer */";

    /** Connection-level SQLSTATEs besides class 08: shutdown, crash recovery, too many connections. */
    private static final Set<String> CONNECTION_FAILURE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private final String database;
    private final DataSource dataSource;

    LiveTransactions(String database, DataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a READ ONLY transaction bounded by the two timeouts and rolls it back.
     *
     * @param purpose what the work is for, as it should read in an error message ("loading the foreign-key graph")
     * @throws DatabaseUnavailableException when no connection can be had or the connection breaks
     * @throws SQLException                 any other failure, for the caller to judge
     */
    <T> T readOnly(String purpose, Duration statementTimeout, Duration lockTimeout, Work<T> work) throws SQLException {
        Connection connection = open(purpose);
        try {
            connection.setAutoCommit(false);
            T result;
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION READ ONLY");
                }
                try (PreparedStatement timeouts = connection.prepareStatement("SELECT " + MARKER
                        + " set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)")) {
                    timeouts.setString(1, statementTimeout.toMillis() + "ms");
                    timeouts.setString(2, lockTimeout.toMillis() + "ms");
                    timeouts.execute();
                }
                result = work.run(connection);
            }
            catch (SQLException | RuntimeException e) {
                endAfterFailure(connection, e);
                throw e;
            }
            connection.rollback();
            connection.setAutoCommit(true);
            return result;
        }
        catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw unavailable(purpose, e);
            }
            throw e;
        }
        finally {
            closeQuietly(connection);
        }
    }

    /** Rolls back after a failure without letting a second failure (a broken connection) hide the first. */
    private static void endAfterFailure(Connection connection, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The database could not be reached, or the connection broke. */
    DatabaseUnavailableException unavailable(String purpose, Throwable cause) {
        return new DatabaseUnavailableException("PostgreSQL database '" + database + "' is unavailable while "
                + purpose + ": " + cause.getMessage(), cause);
    }

    /**
     * The database was reached but could not answer: a timeout, a lock held by a migration, a
     * missing privilege. The analyzer is left without an answer all the same.
     */
    DatabaseUnavailableException unanswered(String purpose, SQLException cause) {
        return new DatabaseUnavailableException("PostgreSQL database '" + database + "' did not answer while "
                + purpose + ": " + serverMessage(cause) + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }

    /**
     * What PostgreSQL said, without the driver's decoration ("ERROR: ", a position in our own
     * statement text), and its hint when it gave one.
     */
    static String serverMessage(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null || server.getMessage() == null) {
            return e.getMessage();
        }
        return server.getHint() == null ? server.getMessage() : server.getMessage() + " (hint: " + server.getHint() + ")";
    }

    static boolean isConnectionFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || CONNECTION_FAILURE_STATES.contains(state));
    }

    private Connection open(String purpose) {
        try {
            return dataSource.getConnection();
        }
        catch (SQLException | RuntimeException e) {
            // Pools report an unreachable server in their own ways (e.g. an unchecked exception at start).
            throw unavailable(purpose, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException e) {
            // The transaction was already rolled back; a failing close only means a broken connection the pool discards.
        }
    }
}
