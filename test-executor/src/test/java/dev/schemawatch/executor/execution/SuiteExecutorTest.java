package dev.schemawatch.executor.execution;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.result.TestRunResult.RunStatus;
import dev.schemawatch.contracts.sql.SqlQuoting;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome.Status;
import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.testsupport.FreePort;
import dev.schemawatch.testsupport.PostgresCluster;

import static dev.schemawatch.executor.execution.Suites.step;
import static dev.schemawatch.executor.execution.Suites.suite;
import static dev.schemawatch.executor.execution.Suites.testCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Runs suites against the real PostgreSQL test cluster. */
class SuiteExecutorTest {

    private static final int CASES_UNDER_CONCURRENT_WRITES = 3000;
    /** Generous: a run that exceeds it has hung, which is what these bounds detect; they measure no speed. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static PostgresCluster cluster;
    private static String database;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void createSchema() {
        cluster = PostgresCluster.get();
        database = cluster.createDatabase("executor");
        cluster.execute(database, """
                CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL UNIQUE, balance int NOT NULL CHECK (balance >= 0));
                CREATE TABLE orders (id serial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, total int NOT NULL CHECK (total >= 0));
                CREATE TABLE activity (id bigserial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, at timestamptz NOT NULL DEFAULT now());
                CREATE TABLE writer_state (id int PRIMARY KEY, counter bigint NOT NULL);
                CREATE TABLE locked_table (id int PRIMARY KEY, note text);
                CREATE TABLE read_only_table (id int PRIMARY KEY);
                CREATE SEQUENCE probe_seq;
                INSERT INTO accounts SELECT g, 'user' || g || '@example.com', g * 10 FROM generate_series(1, 200) g;
                INSERT INTO orders (account_id, total) SELECT g, g FROM generate_series(1, 100) g;
                INSERT INTO writer_state VALUES (1, 0);
                INSERT INTO read_only_table VALUES (1);
                """);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cluster.jdbcUrl(database));
        config.setUsername(cluster.superuser());
        config.setPassword(cluster.password());
        config.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(config);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Test
    void thousandsOfCasesLeaveEveryTableUnchangedAndNeverBlockAConcurrentWriterBeyondTheLockTimeout() throws Exception {
        ExecutionSettings settings = ExecutionSettings.defaults();
        List<TestCase> cases = new ArrayList<>();
        for (int index = 0; index < CASES_UNDER_CONCURRENT_WRITES; index++) {
            cases.add(generatedLookingCase(index));
        }
        String accountsBefore = checksum("accounts");
        String ordersBefore = checksum("orders");
        long ordersSequenceBefore = queryLong("SELECT last_value FROM orders_id_seq");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong longestWriterStatementNanos = new AtomicLong();
        AtomicLong writerStatements = new AtomicLong();
        Thread writer = new Thread(() -> keepWriting(stop, longestWriterStatementNanos, writerStatements), "concurrent-writer");
        writer.start();
        TestRunResult result;
        try {
            result = assertTimeoutPreemptively(HANG_GUARD, () -> new SuiteExecutor(dataSource, settings).run(suite(database, cases), "run-safety"));
        } finally {
            stop.set(true);
            writer.join();
        }

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.cases()).filteredOn(c -> c.status() != Status.PASSED).isEmpty();
        assertThat(result.totals().passed()).isEqualTo(CASES_UNDER_CONCURRENT_WRITES);
        assertThat(result.cases()).allSatisfy(c -> assertThat(c.durationMicros()).isPositive());

        assertThat(checksum("accounts")).isEqualTo(accountsBefore);
        assertThat(checksum("orders")).isEqualTo(ordersBefore);
        assertThat(queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'"))
                .as("no case left a transaction open").isZero();
        // The side effect the executor documents: rows are rolled back, sequence values are not.
        assertThat(queryLong("SELECT last_value FROM orders_id_seq")).isGreaterThan(ordersSequenceBefore);

        assertThat(writerStatements.get()).as("the writer kept writing during the run").isPositive();
        assertThat(Duration.ofNanos(longestWriterStatementNanos.get()))
                .as("longest wait of the concurrent writer")
                .isLessThan(settings.lockTimeout().plusSeconds(1));
    }

    /**
     * Inserts, updates and deletes as the generator writes them; several cases touch the same rows at
     * the same time, and deleting an account waits on the writer's foreign-key locks and vice versa.
     */
    private static TestCase generatedLookingCase(int index) {
        int account = index / 4 % 200 + 1;
        int orderedAccount = index / 4 % 100 + 1;
        String table = "public.accounts";
        return switch (index % 4) {
            case 0 -> testCase("insert-" + index, table, "accounts accepts a new row",
                    step("INSERT INTO accounts (id, email, balance) VALUES (" + (10_000 + index) + ", 'case" + index + "@example.com', 5)",
                            Expectation.rowCount(1, "a valid account can be inserted")),
                    step("SELECT count(*) FROM accounts WHERE email = 'case" + index + "@example.com'", Expectation.result("1", "it reads back")));
            case 1 -> testCase("update-" + index, table, "accounts.balance can be updated",
                    step("UPDATE accounts SET balance = balance + 1 WHERE id = " + account, Expectation.rowCount(1, "the row exists")),
                    step("SELECT balance FROM accounts WHERE id = " + account, Expectation.result(Integer.toString(account * 10 + 1), "the update is visible")));
            case 2 -> testCase("delete-" + index, table, "accounts with orders cannot be deleted",
                    step("DELETE FROM accounts WHERE id = " + orderedAccount, Expectation.fails("23503", "orders reference accounts")));
            default -> testCase("orders-" + index, "public.orders", "orders.total rejects negative totals",
                    step("INSERT INTO orders (account_id, total) VALUES (" + orderedAccount + ", -5)", Expectation.fails("23514", "total is checked")),
                    step("INSERT INTO orders (account_id, total) VALUES (" + orderedAccount + ", 7)", Expectation.rowCount(1, "a valid order is accepted")),
                    step("DELETE FROM orders WHERE account_id = " + orderedAccount, Expectation.rowCount(2, "the seeded and the new order")));
        };
    }

    private static void keepWriting(AtomicBoolean stop, AtomicLong longestNanos, AtomicLong statements) {
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement()) {
            for (int index = 0; !stop.get(); index++) {
                for (String sql : List.of(
                        "INSERT INTO activity (account_id) VALUES (" + (index % 200 + 1) + ")",
                        "UPDATE writer_state SET counter = counter + 1 WHERE id = 1")) {
                    long started = System.nanoTime();
                    statement.execute(sql);
                    longestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                    statements.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the concurrent writer failed", e);
        }
    }

    @Test
    void aCaseBlockedByALongLockFailsFastIsRetriedOnceAndTheRunFinishesWhileTheLockIsStillHeld() throws Exception {
        ExecutionSettings settings = ExecutionSettings.defaults().withLockTimeout(Duration.ofMillis(300));
        List<TestCase> cases = List.of(
                testCase("blocked", "public.locked_table", "locked_table accepts a row",
                        step("INSERT INTO locked_table VALUES (1, 'x')", Expectation.rowCount(1, "a row can be inserted"))),
                testCase("free", "public.accounts", "accounts can be read",
                        step("SELECT count(*) FROM accounts WHERE id = 1", Expectation.result("1", "account 1 exists"))));

        try (Connection locker = cluster.connect(database); Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE locked_table IN ACCESS EXCLUSIVE MODE");

            TestRunResult result = assertTimeoutPreemptively(HANG_GUARD, () -> new SuiteExecutor(dataSource, settings).run(suite(database, cases), "run-lock"));

            assertThat(queryLong("SELECT count(*) FROM pg_locks WHERE relation = 'locked_table'::regclass AND mode = 'AccessExclusiveLock' AND granted"))
                    .as("the run ended while the lock was still held").isEqualTo(1);
            CaseResult blocked = byId(result, "blocked");
            assertThat(blocked.status()).isEqualTo(Status.ERRORED);
            assertThat(blocked.sqlState()).isEqualTo("55P03");
            assertThat(blocked.flaky()).isTrue();
            assertThat(blocked.attempts()).isEqualTo(2);
            assertThat(byId(result, "free").status()).isEqualTo(Status.PASSED);
            assertThat(result.totals().flaky()).isEqualTo(1);
            locker.rollback();
        }
    }

    @Test
    void aCaseOverItsTimeoutIsCancelledAndErroredWithoutLeavingItsStatementRunning() throws Exception {
        ExecutionSettings settings = ExecutionSettings.defaults().withCaseTimeout(Duration.ofMillis(500)).withStatementTimeout(Duration.ofSeconds(60));
        List<TestCase> cases = List.of(
                testCase("slow", "public.accounts", "a slow case",
                        step("SELECT pg_sleep(60) /* case-timeout-marker */", Expectation.succeeds())),
                testCase("quick", "public.accounts", "accounts can be read",
                        step("SELECT 1", Expectation.result("1", "a query answers"))));

        TestRunResult result = assertTimeoutPreemptively(HANG_GUARD, () -> new SuiteExecutor(dataSource, settings).run(suite(database, cases), "run-timeout"));

        CaseResult slow = byId(result, "slow");
        assertThat(slow.status()).isEqualTo(Status.ERRORED);
        assertThat(slow.message()).startsWith("case timed out after 500 ms");
        assertThat(slow.flaky()).isFalse();
        assertThat(byId(result, "quick").status()).isEqualTo(Status.PASSED);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            while (queryLong("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%case-timeout-' || 'marker%' AND pid <> pg_backend_pid()") > 0) {
                Thread.sleep(50);
            }
        });
        // The pool replaced the aborted connection: the next run works.
        assertThat(new SuiteExecutor(dataSource, settings).run(suite(database, List.of(cases.get(1))), "run-after-timeout").totals().passed()).isEqualTo(1);
    }

    @Test
    void malformedSqlErrorsItsCaseWithTheParserMessageAndTheOthersRunAndAreJudged() {
        List<TestCase> cases = List.of(
                testCase("before", "public.accounts", "accounts can be read", step("SELECT 1 FROM accounts LIMIT 1", Expectation.rowCount(1, "rows exist"))),
                testCase("malformed", "public.accounts", "a malformed case", step("SELEC id FROM accounts", Expectation.succeeds())),
                testCase("after", "public.accounts", "accounts can be counted", step("SELECT count(*) FROM accounts WHERE id <= 3", Expectation.result("3", "three seeded"))),
                new TestCase("skipped", CaseCategory.BOUNDARY_VALUES, "money boundaries", "public.accounts", List.of(), "no boundary template for money"),
                testCase("wrong", "public.accounts", "a case whose expectation does not hold",
                        step("SELECT count(*) FROM accounts WHERE id <= 3", Expectation.result("99", "the case expects 99"))));

        TestRunResult result = new SuiteExecutor(dataSource, ExecutionSettings.defaults()).run(suite(database, cases), "run-malformed");

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.cases()).extracting(CaseResult::caseId).as("failures first, then errors, then the rest in suite order")
                .containsExactly("wrong", "malformed", "skipped", "before", "after");
        CaseResult wrong = byId(result, "wrong");
        assertThat(wrong.status()).isEqualTo(Status.FAILED);
        assertThat(wrong.sqlState()).isNull();
        assertThat(wrong.attempts()).isEqualTo(1);
        assertThat(wrong.message()).isEqualTo("the case expects 99 (expected '99', got '3')");
        CaseResult malformed = byId(result, "malformed");
        assertThat(malformed.status()).isEqualTo(Status.ERRORED);
        assertThat(malformed.sqlState()).isEqualTo("42601");
        assertThat(malformed.message()).contains("syntax error");
        assertThat(malformed.failedStep()).isZero();
        assertThat(byId(result, "skipped").message()).isEqualTo("no boundary template for money");
        assertThat(byId(result, "before").status()).isEqualTo(Status.PASSED);
        assertThat(byId(result, "after").status()).isEqualTo(Status.PASSED);
        assertThat(result.totals()).isEqualTo(new TestRunResult.Totals(2, 1, 1, 1, 0));
    }

    @Test
    void aCaseThatWouldCommitIsRefusedBeforeItsFirstStepRuns() throws SQLException {
        String before = checksum("accounts");
        List<TestCase> cases = List.of(testCase("commits", "public.accounts", "a case that commits",
                step("INSERT INTO accounts VALUES (99999, 'kept@example.com', 1)", Expectation.rowCount(1, "inserted")),
                step("COMMIT", Expectation.succeeds())));

        TestRunResult result = new SuiteExecutor(dataSource, ExecutionSettings.defaults()).run(suite(database, cases), "run-commit");

        CaseResult commits = byId(result, "commits");
        assertThat(commits.status()).isEqualTo(Status.ERRORED);
        assertThat(commits.failedStep()).isEqualTo(1);
        assertThat(commits.message()).contains("(COMMIT)").contains("not run");
        assertThat(checksum("accounts")).isEqualTo(before);
    }

    @Test
    void aCaseThatTouchesMoreRowsThanTheGuardIsErroredAndRolledBack() throws SQLException {
        String before = checksum("accounts");
        List<TestCase> cases = List.of(
                testCase("many", "public.accounts", "touches many rows",
                        step("INSERT INTO accounts SELECT 200000 + g, 'bulk' || g || '@example.com', 1 FROM generate_series(1, 60) g",
                                Expectation.rowCount(60, "inserted"))),
                testCase("few", "public.accounts", "touches few rows",
                        step("INSERT INTO accounts VALUES (300001, 'one@example.com', 1)", Expectation.rowCount(1, "inserted"))));

        TestRunResult result = new SuiteExecutor(dataSource, ExecutionSettings.defaults().withMaxRowsTouched(50)).run(suite(database, cases), "run-rows");

        assertThat(byId(result, "many").status()).isEqualTo(Status.ERRORED);
        assertThat(byId(result, "many").message()).contains("touched 60 rows").contains("guard of 50");
        assertThat(byId(result, "few").status()).isEqualTo(Status.PASSED);
        assertThat(checksum("accounts")).isEqualTo(before);
    }

    @Test
    void aSuiteOverTheCaseLimitIsRejectedWithoutRunningAnyCase() throws SQLException {
        TestCase advancesProbe = testCase("probe", "public.accounts", "touches the probe sequence",
                step("SELECT nextval('probe_seq')", Expectation.succeeds()));
        List<TestCase> cases = List.of(advancesProbe, advancesProbe, advancesProbe);

        TestRunResult result = new SuiteExecutor(dataSource, ExecutionSettings.defaults().withMaxCases(2)).run(suite(database, cases), "run-rejected");

        assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(result.statusReason()).contains("3 cases").contains("limit of 2");
        assertThat(result.cases()).isEmpty();
        assertThat(queryLong("SELECT CASE WHEN is_called THEN 1 ELSE 0 END FROM probe_seq")).as("no case ran").isZero();
    }

    @Test
    void anUnreachableDatabaseMakesTheRunErroredWithTheReason() throws Exception {
        int closedPort = FreePort.find();
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {closedPort});
        unreachable.setDatabaseName(database);
        unreachable.setUser(cluster.superuser());
        unreachable.setPassword(cluster.password());
        unreachable.setConnectTimeout(5);

        TestRunResult result = new SuiteExecutor(unreachable, ExecutionSettings.defaults())
                .run(suite(database, List.of(testCase("any", "public.accounts", "any", step("SELECT 1", Expectation.succeeds())))), "run-unreachable");

        assertThat(result.status()).isEqualTo(RunStatus.ERRORED);
        assertThat(result.statusReason()).startsWith("cannot connect to the database");
        assertThat(result.cases()).isEmpty();
        assertThat(result.runId()).isEqualTo("run-unreachable");
    }

    @Test
    void casesRunUnderTheLeastPrivilegeRole() {
        String role = "sw \"reader\" " + UUID.randomUUID().toString().substring(0, 8);
        String quotedRole = SqlQuoting.identifier(role);
        cluster.execute(database, "CREATE ROLE " + quotedRole + " NOLOGIN; GRANT SELECT ON read_only_table TO " + quotedRole);
        try {
            List<TestCase> cases = List.of(
                    testCase("who", "public.read_only_table", "cases run as the role", step("SELECT current_user", Expectation.result(role, "the role applies"))),
                    testCase("read", "public.read_only_table", "read_only_table can be read", step("SELECT count(*) FROM read_only_table", Expectation.result("1", "one row"))),
                    testCase("write", "public.read_only_table", "read_only_table accepts a row",
                            step("INSERT INTO read_only_table VALUES (2)", Expectation.rowCount(1, "a row can be inserted"))));

            TestRunResult result = new SuiteExecutor(dataSource, ExecutionSettings.defaults().withRole(role)).run(suite(database, cases), "run-role");

            assertThat(byId(result, "who").status()).isEqualTo(Status.PASSED);
            assertThat(byId(result, "read").status()).isEqualTo(Status.PASSED);
            CaseResult write = byId(result, "write");
            assertThat(write.status()).isEqualTo(Status.ERRORED);
            assertThat(write.sqlState()).isEqualTo("42501");
        } finally {
            cluster.execute(database, "DROP OWNED BY " + quotedRole + "; DROP ROLE " + quotedRole);
        }
    }

    @Test
    void validationPreparesEveryStepWithoutExecutingAny() throws SQLException {
        List<TestCase> cases = List.of(
                testCase("valid", "public.accounts", "reads accounts", step("SELECT email FROM accounts WHERE id = 1", Expectation.succeeds()),
                        step("SELECT nextval('probe_seq')", Expectation.succeeds()),
                        step("UPDATE accounts SET balance = 0", Expectation.succeeds())),
                testCase("malformed", "public.accounts", "malformed", step("SELECT 1", Expectation.succeeds()), step("SELEC 1", Expectation.succeeds())),
                testCase("missing", "public.accounts", "missing table", step("SELECT * FROM no_such_table", Expectation.succeeds())));
        String accountsBefore = checksum("accounts");

        ValidationResult validation = new SuiteExecutor(dataSource, ExecutionSettings.defaults()).validate(suite(database, cases));

        assertThat(validation.valid()).isFalse();
        assertThat(validation.cases()).extracting(ValidationResult.CaseValidation::caseId).containsExactly("valid", "malformed", "missing");
        assertThat(validation.cases().get(0).valid()).isTrue();
        assertThat(validation.cases().get(1).invalidStep()).isEqualTo(1);
        assertThat(validation.cases().get(1).sqlState()).isEqualTo("42601");
        assertThat(validation.cases().get(2).sqlState()).isEqualTo("42P01");
        assertThat(validation.cases().get(2).message()).contains("no_such_table");
        // nextval is not transactional: had the step been executed, the sequence would show it.
        assertThat(queryLong("SELECT CASE WHEN is_called THEN 1 ELSE 0 END FROM probe_seq")).isZero();
        assertThat(checksum("accounts")).isEqualTo(accountsBefore);
    }

    private static CaseResult byId(TestRunResult result, String caseId) {
        return result.cases().stream().filter(c -> c.caseId().equals(caseId)).findFirst().orElseThrow();
    }

    private static String checksum(String table) throws SQLException {
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                        + SqlQuoting.identifier(table) + " t")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
