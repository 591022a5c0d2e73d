package dev.schemawatch.generator.export;

import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.CaseRunner;
import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.testsupport.PostgresCluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.schemawatch.contracts.sql.SqlQuoting.identifier;
import static dev.schemawatch.contracts.sql.SqlQuoting.literal;
import static dev.schemawatch.contracts.sql.SqlQuoting.qualified;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database with pgTAP, an {@code orders} table, a schema, table and column all named
 * {@code x"; drop table t; --}, and the canary table {@code t} such a name would drop if it were
 * spliced into SQL unquoted; and hand-built suites over them covering every kind of expectation.
 */
final class ExportFixtures {

    static final String HOSTILE = "x\"; drop table t; --";
    /** Text that would end a Java comment, a Java or SQL literal, a dollar quote or a line if written unescaped. */
    static final String HOSTILE_TEXT = "it's \"quoted\" \\ $$ */ \\u000a ; -- end\nsecond line";

    private static final String ORDERS = qualified("public", "orders");
    private static final String HOSTILE_TABLE = qualified(HOSTILE, HOSTILE);
    private static final String HOSTILE_COLUMN = identifier(HOSTILE);
    private static final String CANARY = qualified("public", "t");

    private ExportFixtures() {
    }

    /** A new database with the tables above; the canary holds one row. */
    static String createDatabase(String prefix) {
        PostgresCluster cluster = PostgresCluster.get();
        String database = cluster.createDatabase(prefix);
        cluster.execute(database, "CREATE EXTENSION pgtap");
        cluster.execute(database, "CREATE TABLE " + ORDERS + " (id integer PRIMARY KEY, email varchar(20) NOT NULL UNIQUE,"
                + " active boolean NOT NULL DEFAULT true, note text, address inet)");
        cluster.execute(database, "CREATE SCHEMA " + identifier(HOSTILE));
        cluster.execute(database, "CREATE TABLE " + HOSTILE_TABLE + " (" + HOSTILE_COLUMN + " text NOT NULL)");
        cluster.execute(database, "CREATE TABLE " + CANARY + " (id integer)");
        cluster.execute(database, "INSERT INTO " + CANARY + " VALUES (42)");
        return database;
    }

    /** Every kind of expectation and statement shape; every case passes on the database above. */
    static TestSuite passingSuite() {
        return suite(cases(Expectation.rowCount(1, "only the first insert stays")));
    }

    /** The same suite with one expectation that does not hold: the unique case claims two rows where one stays. */
    static TestSuite suiteWithOneWrongExpectation() {
        return suite(cases(Expectation.rowCount(2, "the duplicate was wrongly expected to stay")));
    }

    static long skippedCases(TestSuite suite) {
        return suite.cases().stream().filter(testCase -> testCase.skipReason() != null).count();
    }

    /** Judges the suite with the reference semantics, so that the export tests compare against a suite known to be right. */
    static List<CaseOutcome> runWithCaseRunner(String database, TestSuite suite) throws SQLException {
        List<CaseOutcome> outcomes = new ArrayList<>();
        try (Connection connection = PostgresCluster.get().connect(database)) {
            connection.setAutoCommit(false);
            for (TestCase testCase : suite.cases()) {
                outcomes.add(CaseRunner.run(connection, testCase));
                connection.rollback();
            }
        }
        return outcomes;
    }

    /** Nothing the tests ran was kept: the canary still has its row, and the tables are empty. */
    static void assertNothingChanged(String database) throws SQLException {
        assertThat(count(database, "SELECT count(*) FROM " + CANARY + " WHERE id = 42")).isEqualTo(1);
        assertThat(count(database, "SELECT count(*) FROM " + ORDERS)).isZero();
        assertThat(count(database, "SELECT count(*) FROM " + HOSTILE_TABLE)).isZero();
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = PostgresCluster.get().connect(database);
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }

    private static TestSuite suite(List<TestCase> cases) {
        return new TestSuite("suite-export-1", "report-1", "change-1", "shop", List.of("public.orders", HOSTILE + "." + HOSTILE), 7,
                cases, Map.of(), List.of(), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static List<TestCase> cases(Expectation uniqueRowCount) {
        String insertFirst = "INSERT INTO " + ORDERS + " (id, email) VALUES (1, 'a@example.com')";
        TestCase notNull = new TestCase("case-not-null", CaseCategory.NOT_NULL_ENFORCEMENT, "orders.email rejects NULL", "public.orders",
                List.of(step("INSERT INTO " + ORDERS + " (id, email) VALUES (1, NULL)", Expectation.fails("23502", "email must reject NULL"))), null);
        TestCase unique = new TestCase("case-unique", CaseCategory.UNIQUE_ENFORCEMENT, "orders.email rejects duplicates", "public.orders",
                List.of(step(insertFirst, Expectation.succeeds()),
                        step("INSERT INTO " + ORDERS + " (id, email) VALUES (2, 'a@example.com')", Expectation.fails("23505", "email must be unique")),
                        step("SELECT email FROM " + ORDERS, uniqueRowCount)), null);
        TestCase tooLong = new TestCase("case-length", CaseCategory.BOUNDARY_VALUES, "orders.email holds at most 20 characters", "public.orders",
                List.of(step("INSERT INTO " + ORDERS + " (id, email) VALUES (1, '" + "a".repeat(21) + "')", Expectation.fails("22001", "email is varchar(20)"))), null);
        TestCase roundTrip = new TestCase("case-crud", CaseCategory.CRUD_ROUND_TRIP, "orders round trip", "public.orders", List.of(
                step("INSERT INTO " + ORDERS + " (id, email, note, address) VALUES (1, 'a@example.com', " + literal(HOSTILE_TEXT) + ", '10.0.0.1')",
                        Expectation.succeeds()),
                step("SELECT email FROM " + ORDERS + " WHERE id = 1", Expectation.result("a@example.com", "the email reads back")),
                // Two columns, a boolean and an inet: the first column only, as its output function writes it (t, and no /32).
                step("SELECT active, id FROM " + ORDERS + " WHERE id = 1", Expectation.result("t", "active defaults to true")),
                step("SELECT address FROM " + ORDERS + " WHERE id = 1;", Expectation.result("10.0.0.1", "the address reads back")),
                step("SELECT note FROM " + ORDERS + " WHERE id = 1 -- a trailing comment", Expectation.result(HOSTILE_TEXT, "the note reads back")),
                step("UPDATE " + ORDERS + " SET note = NULL WHERE id = 1", Expectation.rowCount(1, "the row updates")),
                step("SELECT note FROM " + ORDERS + " WHERE id = 1", Expectation.result(null, "the note is now NULL")),
                step("UPDATE " + ORDERS + " SET active = false WHERE id = 1 RETURNING id", Expectation.rowCount(1, "the update returns its row")),
                step("INSERT INTO " + ORDERS + " (id, email) VALUES (2, 'b@example.com') RETURNING email",
                        Expectation.result("b@example.com", "the insert returns the email")),
                step("DELETE FROM " + ORDERS + " WHERE id = 99", Expectation.result(null, "a statement without rows has a NULL result")),
                step("WITH ids AS (SELECT id FROM " + ORDERS + ") SELECT count(*) FROM ids", Expectation.result("2", "both rows are there")),
                step("VALUES (1), (2), (3)", Expectation.rowCount(3, "VALUES counts its rows")),
                step("DELETE FROM " + ORDERS + " WHERE id IN (1, 2)", Expectation.rowCount(2, "both rows delete")),
                step("SELECT * FROM " + ORDERS, Expectation.rowCount(0, "no row is left"))), null);
        TestCase hostile = new TestCase("case-hostile", CaseCategory.NOT_NULL_ENFORCEMENT, HOSTILE + " " + HOSTILE_TEXT, HOSTILE + "." + HOSTILE,
                List.of(step("INSERT INTO " + HOSTILE_TABLE + " (" + HOSTILE_COLUMN + ") VALUES (" + literal(HOSTILE_TEXT) + ")",
                                Expectation.succeeds()),
                        step("SELECT " + HOSTILE_COLUMN + " FROM " + HOSTILE_TABLE, Expectation.result(HOSTILE_TEXT, HOSTILE_TEXT)),
                        step("INSERT INTO " + HOSTILE_TABLE + " (" + HOSTILE_COLUMN + ") VALUES (NULL)", Expectation.fails("23502", HOSTILE_TEXT))),
                null);
        // Passes only if the earlier cases' rows were rolled back: each case starts from the same data.
        TestCase isolated = new TestCase("case-isolated", CaseCategory.CRUD_ROUND_TRIP, "orders starts empty for every case", "public.orders",
                List.of(step("SELECT * FROM " + ORDERS, Expectation.rowCount(0, "earlier cases left no rows")),
                        step(insertFirst, Expectation.succeeds())), null);
        TestCase skipped = new TestCase("case-skipped", CaseCategory.QUERY_REPLAY, "recorded queries", "public.orders", List.of(),
                "pg_stat_statements isn't installed: " + HOSTILE_TEXT);
        return List.of(notNull, unique, tooLong, roundTrip, hostile, isolated, skipped);
    }

    private static SqlStep step(String sql, Expectation expect) {
        return new SqlStep(sql, expect);
    }
}
