package dev.schemawatch.analyzer.live;

import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.impact.QueryReplay.BrokenQuery;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static dev.schemawatch.analyzer.live.TestEvents.change;
import static dev.schemawatch.analyzer.live.TestEvents.constraint;
import static dev.schemawatch.analyzer.live.TestEvents.event;
import static dev.schemawatch.analyzer.live.TestEvents.table;
import static org.assertj.core.api.Assertions.assertThat;

/** Replay of the application's recorded queries with pg_stat_statements loaded, as the test cluster has it. */
class LiveQueryReplayTest {

    private static final String APP = """
            CREATE EXTENSION pg_stat_statements;
            CREATE SCHEMA app;
            CREATE TABLE app.accounts (id int PRIMARY KEY, email text, nickname text, balance numeric);
            CREATE TABLE app.ledger (id int PRIMARY KEY, account_id int, amount numeric);
            INSERT INTO app.accounts SELECT i, 'user' || i || '@example.com', 'nick' || i, 0 FROM generate_series(1, 20) i;
            -- the setup is not the application: forget it
            SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0);
            """;

    private static final String NICKNAME_BY_ID = "SELECT id, nickname FROM app.accounts WHERE id = ?";
    private static final String SET_NICKNAME = "UPDATE app.accounts SET nickname = ? WHERE id = ?";
    private static final String COUNT_NAMED =
            "WITH named AS (SELECT id FROM app.accounts WHERE nickname IS NOT NULL) SELECT count(*) FROM named";
    private static final String EMAIL_BY_ID = "SELECT id, email FROM app.accounts WHERE id = ?";
    private static final String OPEN_ACCOUNT = "INSERT INTO app.accounts (id, email, balance) VALUES (?, ?, ?)";
    private static final String CLOSE_ACCOUNT = "DELETE FROM app.accounts WHERE id = ?";
    private static final String STATEMENT = "SELECT a.id, l.amount FROM app.accounts a JOIN app.ledger l ON l.account_id = a.id";
    private static final String LEDGER_ONLY = "SELECT amount FROM app.ledger WHERE account_id = ?";

    @Test
    void exactlyTheQueriesUsingADroppedColumnAreBroken() throws SQLException {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_replay", APP)) {
            runApplication(database);
            PostgresLiveDatabase live = database.live();
            // The analyzer's own statements on the table (this one mentions it) are never replayed.
            live.dataCheck("app", "accounts", constraint("accounts_email_not_null", ConstraintType.NOT_NULL, false, "email"));

            database.execute("ALTER TABLE app.accounts DROP COLUMN nickname");
            QueryReplay replay = live.blastRadius(columnRemoved(database), true).queries();

            assertThat(replay.available()).isTrue();
            assertThat(replay.checked()).as("every recorded query on accounts, and only those").isEqualTo(7);
            assertThat(replay.broken()).extracting(BrokenQuery::calls).containsExactly(5L, 3L, 2L);
            assertThat(replay.broken()).extracting(BrokenQuery::query).containsExactly(
                    "SELECT id, nickname FROM app.accounts WHERE id = $1",
                    "UPDATE app.accounts SET nickname = $1 WHERE id = $2",
                    COUNT_NAMED);
            assertThat(replay.broken()).allSatisfy(broken -> {
                assertThat(broken.sqlState()).isEqualTo("42703");
                assertThat(broken.message()).contains("nickname").doesNotStartWith("ERROR");
                assertThat(broken.queryId()).isNotBlank();
            });
            assertThat(live.blastRadius(columnRemoved(database), true).queries())
                    .as("the same again: each prepared statement was deallocated, none is left in the pooled sessions")
                    .isEqualTo(replay);
        }
    }

    @Test
    void theMostCalledQueriesComeFirstUpToTheLimit() throws SQLException {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_replay_limit", APP)) {
            runApplication(database);
            database.execute("ALTER TABLE app.accounts DROP COLUMN nickname");

            QueryReplay replay = database.live(LiveDatabaseSettings.defaults().withReplayLimit(2))
                    .blastRadius(columnRemoved(database), true).queries();

            assertThat(replay.checked()).isEqualTo(2);
            assertThat(replay.broken()).extracting(BrokenQuery::calls).containsExactly(5L);
        }
    }

    @Test
    void queriesOnARenamedTableAreFoundByItsOldName() throws SQLException {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_replay_rename", APP)) {
            runApplication(database);
            database.execute("ALTER TABLE app.accounts RENAME TO members");
            long oid = database.oid("app.members");
            SchemaChangeEvent renamed = event("app", "members",
                    change(ChangeType.TABLE_RENAMED, "app", "members", null, "app.accounts"))
                    .before(table(oid, "app", "accounts"))
                    .after(table(oid, "app", "members"))
                    .build();

            QueryReplay replay = database.live().blastRadius(renamed, true).queries();

            assertThat(replay.checked()).isEqualTo(7);
            assertThat(replay.broken()).hasSize(7).allSatisfy(broken -> assertThat(broken.sqlState()).isEqualTo("42P01"));
        }
    }

    @Test
    void withoutTheExtensionReplayIsUnavailableAndSaysWhy() {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_no_pgss",
                "CREATE SCHEMA app; CREATE TABLE app.accounts (id int PRIMARY KEY, nickname text)")) {
            QueryReplay replay = database.live().blastRadius(columnRemoved(database), true).queries();

            assertThat(replay.available()).isFalse();
            assertThat(replay.unavailableReason())
                    .isEqualTo("pg_stat_statements is not installed in database " + database.name());
            assertThat(replay.checked()).isZero();
        }
    }

    /** What the application ran before the change; the call counts order the replay. */
    private static void runApplication(LiveTestDatabase database) throws SQLException {
        try (Connection application = database.connect()) {
            run(application, NICKNAME_BY_ID, 5, (statement, i) -> statement.setInt(1, i));
            run(application, EMAIL_BY_ID, 4, (statement, i) -> statement.setInt(1, i));
            run(application, SET_NICKNAME, 3, (statement, i) -> {
                statement.setString(1, "nick");
                statement.setInt(2, i);
            });
            run(application, COUNT_NAMED, 2, (statement, i) -> { });
            run(application, OPEN_ACCOUNT, 1, (statement, i) -> {
                statement.setInt(1, 100 + i);
                statement.setString(2, "new@example.com");
                statement.setBigDecimal(3, BigDecimal.TEN);
            });
            run(application, CLOSE_ACCOUNT, 1, (statement, i) -> statement.setInt(1, 100 + i));
            run(application, STATEMENT, 1, (statement, i) -> { });
            run(application, LEDGER_ONLY, 6, (statement, i) -> statement.setInt(1, i));
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement, int call) throws SQLException;
    }

    private static void run(Connection connection, String sql, int calls, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int call = 0; call < calls; call++) {
                binder.bind(statement, call);
                statement.execute();
            }
        }
    }

    private static SchemaChangeEvent columnRemoved(LiveTestDatabase database) {
        long oid = database.oid("app.accounts");
        return event("app", "accounts", change(ChangeType.COLUMN_REMOVED, "app", "accounts", "nickname", null))
                .before(table(oid, "app", "accounts"))
                .after(table(oid, "app", "accounts"))
                .build();
    }
}
