package dev.schemawatch.executor.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.executor.execution.ExecutionSettings;
import dev.schemawatch.executor.execution.SuiteExecutor;
import dev.schemawatch.testsupport.PostgresCluster;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures what issue #5 promises and prints the figures: simple cases per second with a pool of
 * {@value #POOL} against the local test cluster (target at least 500), and the per-case overhead of
 * what the executor adds around a case (begin, the SET LOCAL settings, rollback), median (target
 * under 1 ms). Run with {@code scripts/benchmark-executor.sh}.
 */
public final class ExecutorBenchmark {

    private static final int POOL = 4;
    private static final int WARM_UP_RUNS = 3;
    private static final int CASES = 5_000;
    private static final int OVERHEAD_SAMPLES = 5_000;

    public static void main(String[] args) throws Exception {
        try {
            run();
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        PostgresCluster postgres = PostgresCluster.get();
        String database = postgres.createDatabase("executor_bench");
        postgres.execute(database, "CREATE TABLE bench_orders (id int PRIMARY KEY, email text NOT NULL)");
        postgres.execute(database, "INSERT INTO bench_orders SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 1000) g");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl(database));
        config.setUsername(postgres.superuser());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(POOL + 1);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            SuiteExecutor executor = new SuiteExecutor(dataSource, ExecutionSettings.defaults().withPoolSize(POOL).withMaxCases(CASES));
            TestSuite suite = suite();
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                executor.run(suite, "warm-up-" + i);
            }
            long started = System.nanoTime();
            TestRunResult result = executor.run(suite, "measured");
            double seconds = (System.nanoTime() - started) / 1e9;
            if (result.totals().passed() != CASES) {
                throw new IllegalStateException("expected every case to pass: " + result.totals());
            }
            double perSecond = CASES / seconds;
            System.out.printf("%ntest-executor benchmark (local PostgreSQL, pool %d)%n", POOL);
            System.out.printf("  %,d simple cases (an INSERT expected to succeed, a SELECT expected to return it) in %.2f s: %,.0f cases/s (target >= 500): %s%n",
                    CASES, seconds, perSecond, perSecond >= 500 ? "MET" : "MISSED");
            double overhead = medianOverheadMillis(dataSource);
            System.out.printf("  per-case overhead (BEGIN, SET LOCAL lock_timeout/statement_timeout/idle_in_transaction_session_timeout, ROLLBACK): median %.3f ms (target < 1 ms): %s%n",
                    overhead, overhead < 1 ? "MET" : "MISSED");
        }
    }

    /** What the executor does around every case, on one connection, with no case in between. */
    private static double medianOverheadMillis(HikariDataSource dataSource) throws Exception {
        List<Long> micros = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < OVERHEAD_SAMPLES + 500; i++) {
                long started = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = '2s'; SET LOCAL statement_timeout = '5s'; "
                            + "SET LOCAL idle_in_transaction_session_timeout = '10s'");
                }
                connection.rollback();
                if (i >= 500) {
                    micros.add((System.nanoTime() - started) / 1_000);
                }
            }
        }
        Collections.sort(micros);
        return micros.get(micros.size() / 2) / 1_000.0;
    }

    private static TestSuite suite() {
        List<TestCase> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            int id = 10_000 + i;
            cases.add(new TestCase("case-" + i, CaseCategory.CRUD_ROUND_TRIP, "round trip " + i, "public.bench_orders", List.of(
                    new SqlStep("INSERT INTO public.bench_orders VALUES (" + id + ", 'n" + i + "@example.com')", Expectation.succeeds()),
                    new SqlStep("SELECT email FROM public.bench_orders WHERE id = " + id,
                            Expectation.result("n" + i + "@example.com", "the row reads back"))), null));
        }
        return new TestSuite("bench-suite", null, null, "bench", List.of("public.bench_orders"), 1, cases,
                Map.of(CaseCategory.CRUD_ROUND_TRIP, CASES), List.of(), Instant.now());
    }
}
