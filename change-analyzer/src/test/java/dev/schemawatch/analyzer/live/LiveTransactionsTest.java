package dev.schemawatch.analyzer.live;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guarantees every statement of the analyzer relies on. */
class LiveTransactionsTest {

    @Test
    void nothingCanBeWrittenTimeoutsApplyAndThePooledConnectionComesBackClean() throws SQLException {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_transactions",
                "CREATE TABLE notes (id int PRIMARY KEY)")) {
            database.dataSource().setMaximumPoolSize(1);
            LiveTransactions transactions = new LiveTransactions(database.name(), database.dataSource());

            assertThatThrownBy(() -> transactions.readOnly("writing", Duration.ofSeconds(2), Duration.ofMillis(200),
                    connection -> execute(connection, "INSERT INTO notes VALUES (1)")))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");

            String timeouts = transactions.readOnly("reading settings", Duration.ofMillis(1500), Duration.ofMillis(100),
                    connection -> show(connection, "statement_timeout") + " " + show(connection, "lock_timeout"));
            assertThat(timeouts).isEqualTo("1500ms 100ms");

            try (Connection pooled = database.dataSource().getConnection()) {
                assertThat(pooled.getAutoCommit()).isTrue();
                assertThat(show(pooled, "statement_timeout")).as("SET LOCAL ended with the transaction").isEqualTo("0");
                assertThat(show(pooled, "transaction_read_only")).isEqualTo("off");
                try (Statement statement = pooled.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT count(*) FROM notes")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isZero();
                }
            }
        }
    }

    private static String execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return sql;
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
