package dev.schemawatch.executor.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.result.TestRunResult.RunStatus;
import dev.schemawatch.contracts.result.TestRunResult.Totals;
import dev.schemawatch.contracts.sql.SqlQuoting;
import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.CaseOutcome.Status;
import dev.schemawatch.contracts.suite.CaseRunner;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;

/**
 * Runs a generated {@link TestSuite} against PostgreSQL without changing its data.
 * <p>
 * Every case runs on its own pooled connection, in its own transaction that is always rolled back,
 * whatever happens. The transaction first sets {@code lock_timeout}, {@code statement_timeout} and
 * {@code idle_in_transaction_session_timeout} (all {@code SET LOCAL}, so they end with it) and, when a
 * role is configured, {@code SET LOCAL ROLE} to that least-privilege role; {@link CaseRunner} then judges
 * the case. At most {@link ExecutionSettings#poolSize()} cases run at once, started in suite order.
 * <p>
 * <b>What rollback cannot undo:</b> sequence values. {@code nextval} — called directly or through a
 * {@code serial} or identity column's default when a case inserts a row — is never rolled back, so
 * running a suite against the monitored database advances its sequences (leaving gaps in generated
 * ids; no row changes). Running against a shadow database ({@link ExecutionSettings.Target#SHADOW}: a
 * copy whose URL is configured instead of the monitored one) keeps even that away from the monitored
 * database.
 * <p>
 * A step that would end the transaction ({@code COMMIT}, ...) or lift its safeguards ({@code SET
 * lock_timeout}, {@code RESET ROLE}, ...) is refused before the case runs: see {@link TransactionEscapeGuard}.
 * Locks a case takes are held until its rollback, so a case's DDL blocks the application for as long
 * as the case runs (bounded by the case timeout), which is why suites for a monitored database should keep to DML.
 * <p>
 * A case whose first attempt ends with a lock timeout ({@code 55P03}), a serialization failure
 * ({@code 40001}) or a deadlock ({@code 40P01}) is tried once more; the second attempt decides its
 * status and the case is reported flaky. An attempt running longer than
 * {@link ExecutionSettings#caseTimeout()} has its statement cancelled and its connection closed, and
 * the case is ERRORED.
 * <p>
 * Thread-safe: runs share nothing but the data source.
 */
public final class SuiteExecutor {


    private static final Logger log = LoggerFactory.getLogger(SuiteExecutor.class);

    /** lock_not_available, serialization_failure, deadlock_detected: the database's state, not the case's fault. */
    private static final Set<String> RETRYABLE_STATES = Set.of("55P03", "40001", "40P01");

    private static final String QUERY_CANCELED = "57014";

    /** Failures first, so that a reader and a truncating consumer see them first. */
    private static final Map<Status, Integer> REPORT_ORDER = Map.of(Status.FAILED, 0, Status.ERRORED, 1, Status.SKIPPED, 2, Status.PASSED, 3);

    private final DataSource dataSource;
    private final ExecutionSettings settings;
    private final String transactionSettingsSql;

    public SuiteExecutor(DataSource dataSource, ExecutionSettings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transactionSettingsSql = transactionSettingsSql(settings);
    }

    /**
     * Runs every case of the suite. Never throws for a database problem: a suite over the case limit
     * is REJECTED, an unreachable database makes the run ERRORED (with the reason; the caller retries
     * it later), and anything that goes wrong in a case is that case's ERRORED result.
     */
    public TestRunResult run(TestSuite suite, String runId) {
        Instant startedAt = Instant.now();
        if (suite.cases().size() > settings.maxCases()) {
            return runResult(suite, runId, RunStatus.REJECTED,
                    "the suite has " + suite.cases().size() + " cases, more than the limit of " + settings.maxCases()
                            + " per suite; no case was run",
                    List.of(), startedAt);
        }
        String unreachable = checkReachable();
        if (unreachable != null) {
            return runResult(suite, runId, RunStatus.ERRORED, unreachable, List.of(), startedAt);
        }
        List<CaseResult> results = new ArrayList<>(runCases(suite.cases()));
        results.sort(Comparator.comparing(result -> REPORT_ORDER.get(result.status())));
        return runResult(suite, runId, RunStatus.COMPLETED, null, results, startedAt);
    }

    /**
     * Dry run: asks the server to parse and analyse every SQL step (the extended protocol's Parse and
     * Describe, which is what PREPARE does) without executing any, in one transaction with the same
     * timeouts and role, rolled back. Finds syntax errors and, for DML and queries, missing tables,
     * columns and functions.
     * <p>
     * Limits: each step is prepared on its own against the current schema, so a step referring to an
     * object an earlier step of the case would have created is reported invalid (rare in generated
     * suites); utility statements (DDL) are only parsed, since PostgreSQL analyses them at execution;
     * privileges are checked at execution, not here; pgjdbc takes a {@code ?} outside quotes for a
     * parameter, so a step using the jsonb {@code ?} operator is reported invalid although it would run.
     *
     * @throws SQLException when the database cannot be reached
     */
    public ValidationResult validate(TestSuite suite) throws SQLException {
        List<ValidationResult.CaseValidation> validations = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                applyTransactionSettings(connection);
                for (TestCase testCase : suite.cases()) {
                    validations.add(validateCase(connection, testCase));
                }
            } finally {
                connection.rollback();
            }
        }
        return new ValidationResult(suite.suiteId(), validations);
    }

    private ValidationResult.CaseValidation validateCase(Connection connection, TestCase testCase) throws SQLException {
        TransactionEscapeGuard.Escape escape = TransactionEscapeGuard.firstEscape(testCase);
        if (escape != null) {
            return new ValidationResult.CaseValidation(testCase.caseId(), testCase.name(), escape.step(), null, escape.message());
        }
        for (int index = 0; index < testCase.steps().size(); index++) {
            SqlStep step = testCase.steps().get(index);
            // A refused Parse aborts the transaction; the savepoint keeps the remaining steps checkable.
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement prepared = connection.prepareStatement(step.sql())) {
                // pgjdbc answers this with Parse + Describe only: the statement is analysed, never executed.
                prepared.getParameterMetaData();
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                return new ValidationResult.CaseValidation(testCase.caseId(), testCase.name(), index, e.getSQLState(), e.getMessage());
            }
        }
        return ValidationResult.CaseValidation.ok(testCase.caseId(), testCase.name());
    }

    /** @return why the database cannot be used, or null when it answers */
    private String checkReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, settings.statementTimeout().toSeconds()))
                    ? null : "the database accepted a connection but did not answer";
        } catch (SQLException e) {
            return "cannot connect to the database (SQLSTATE " + e.getSQLState() + "): " + e.getMessage();
        }
    }

    private List<CaseResult> runCases(List<TestCase> cases) {
        ExecutorService workers = Executors.newFixedThreadPool(settings.poolSize(), daemonThreads("schemawatch-case"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("schemawatch-case-watchdog"));
        try {
            // The fixed pool's queue is FIFO: cases start in suite order, at most poolSize at a time.
            List<Future<CaseResult>> futures = new ArrayList<>(cases.size());
            for (TestCase testCase : cases) {
                futures.add(workers.submit(() -> runCase(testCase, watchdog)));
            }
            List<CaseResult> results = new ArrayList<>(cases.size());
            for (int index = 0; index < cases.size(); index++) {
                results.add(awaitCase(cases.get(index), futures.get(index)));
            }
            return results;
        } finally {
            workers.shutdownNow();
            watchdog.shutdownNow();
        }
    }

    /**
     * Waits without a timeout of its own: the watchdog bounds every attempt from the moment it starts,
     * which a timeout here could not do for cases still waiting in the queue.
     */
    private static CaseResult awaitCase(TestCase testCase, Future<CaseResult> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            log.error("Case {} failed unexpectedly", testCase.caseId(), e.getCause());
            return caseResult(testCase, new CaseOutcome(Status.ERRORED, -1, null, "the executor failed: " + e.getCause()), false, 1, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the suite", e);
        }
    }

    private CaseResult runCase(TestCase testCase, ScheduledExecutorService watchdog) {
        if (testCase.skipReason() != null) {
            // Judged without a connection, so that a skipped case stays SKIPPED even when the database is struggling.
            return caseResult(testCase, new CaseOutcome(Status.SKIPPED, -1, null, testCase.skipReason()), false, 1, 0);
        }
        TransactionEscapeGuard.Escape escape = TransactionEscapeGuard.firstEscape(testCase);
        if (escape != null) {
            return caseResult(testCase, new CaseOutcome(Status.ERRORED, escape.step(), null, escape.message()), false, 1, 0);
        }
        Attempt first = attempt(testCase, watchdog);
        if (!worthRetrying(first.outcome())) {
            return caseResult(testCase, first.outcome(), false, 1, first.durationMicros());
        }
        Attempt retry = attempt(testCase, watchdog);
        return caseResult(testCase, retry.outcome(), true, 2, retry.durationMicros());
    }

    private static boolean worthRetrying(CaseOutcome outcome) {
        return outcome.status() != Status.PASSED && outcome.sqlState() != null && RETRYABLE_STATES.contains(outcome.sqlState());
    }

    private record Attempt(CaseOutcome outcome, long durationMicros) {
    }

    private Attempt attempt(TestCase testCase, ScheduledExecutorService watchdog) {
        long started = System.nanoTime();
        CaseOutcome outcome = null;
        try (Connection connection = dataSource.getConnection()) {
            Deadline deadline = new Deadline(connection);
            ScheduledFuture<?> expiry = watchdog.schedule(deadline::expire, settings.caseTimeout().toNanos(), TimeUnit.NANOSECONDS);
            boolean expired = false;
            try {
                connection.setAutoCommit(false);
                applyTransactionSettings(connection);
                outcome = overTheRowGuard(CaseRunner.run(connection, testCase));
            } catch (SQLException e) {
                outcome = new CaseOutcome(Status.ERRORED, -1, e.getSQLState(), e.getMessage());
            } finally {
                expiry.cancel(false);
                expired = deadline.finish();
                if (!expired) {
                    rollback(connection, testCase);
                }
            }
            if (expired) {
                outcome = new CaseOutcome(Status.ERRORED, -1, QUERY_CANCELED,
                        "case timed out after " + describe(settings.caseTimeout()) + "; its statement was cancelled and its connection closed");
            }
        } catch (SQLException e) {
            // Closing a connection the deadline aborted may throw as well; the attempt's outcome stands.
            if (outcome == null) {
                outcome = new CaseOutcome(Status.ERRORED, -1, e.getSQLState(), "no connection for the case: " + e.getMessage());
            }
        }
        return new Attempt(outcome, (System.nanoTime() - started) / 1_000);
    }

    private static void rollback(Connection connection, TestCase testCase) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The session is gone, and with it the transaction: the server rolled it back.
            log.warn("Rollback of case {} failed; the connection is discarded (SQLSTATE {}): {}", testCase.caseId(), e.getSQLState(), e.getMessage());
        }
    }

    /**
     * Ends an attempt that ran out of time. Cancelling stops the statement on the server at once (a
     * closed socket alone would leave it running, holding its locks, until it next talks to the
     * client); closing the connection stops the case from starting its next step. The lock makes
     * expiry and the attempt's own end mutually exclusive, so a connection already back in the pool
     * is never touched.
     */
    private static final class Deadline {

        private final Connection connection;
        private boolean finished;
        private boolean expired;

        Deadline(Connection connection) {
            this.connection = connection;
        }

        synchronized void expire() {
            if (finished) {
                return;
            }
            expired = true;
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                log.warn("Could not cancel a timed-out case's statement; closing its connection: {}", e.getMessage());
            }
            try {
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                log.warn("Could not close a timed-out case's connection: {}", e.getMessage());
            }
        }

        /** @return whether the deadline expired first */
        synchronized boolean finish() {
            finished = true;
            return expired;
        }
    }

    private void applyTransactionSettings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(transactionSettingsSql);
        }
    }

    /** A case that changed more rows than the guard allows is ERRORED, whatever its own outcome; it is rolled back like any other. */
    private CaseOutcome overTheRowGuard(CaseOutcome outcome) {
        if (outcome.rowsTouched() <= settings.maxRowsTouched()) {
            return outcome;
        }
        return new CaseOutcome(Status.ERRORED, outcome.failedStep(), null, "the case touched " + outcome.rowsTouched()
                + " rows, more than the guard of " + settings.maxRowsTouched() + "; it was rolled back", outcome.rowsTouched());
    }

    /** One round trip; SET LOCAL so that every setting, the role included, ends with the rollback. */
    private static String transactionSettingsSql(ExecutionSettings settings) {
        String sql = "SET LOCAL lock_timeout = " + settings.lockTimeout().toMillis()
                + "; SET LOCAL statement_timeout = " + settings.statementTimeout().toMillis()
                + "; SET LOCAL idle_in_transaction_session_timeout = " + settings.idleInTransactionTimeout().toMillis();
        return settings.role() == null ? sql : sql + "; SET LOCAL ROLE " + SqlQuoting.identifier(settings.role());
    }

    private static CaseResult caseResult(TestCase testCase, CaseOutcome outcome, boolean flaky, int attempts, long durationMicros) {
        return new CaseResult(testCase.caseId(), testCase.name(), testCase.category(), testCase.targetTable(), outcome.status(),
                flaky, attempts, outcome.failedStep(), outcome.sqlState(), outcome.message(), durationMicros);
    }

    private TestRunResult runResult(TestSuite suite, String runId, RunStatus status, String reason, List<CaseResult> cases, Instant startedAt) {
        return new TestRunResult(runId, suite.suiteId(), suite.changeEventId(), suite.database(), suite.tables(), status, reason,
                settings.target().name(), totals(cases), cases, startedAt, Instant.now());
    }

    private static Totals totals(List<CaseResult> cases) {
        int passed = 0;
        int failed = 0;
        int errored = 0;
        int skipped = 0;
        int flaky = 0;
        for (CaseResult result : cases) {
            switch (result.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ERRORED -> errored++;
                case SKIPPED -> skipped++;
            }
            if (result.flaky()) {
                flaky++;
            }
        }
        return new Totals(passed, failed, errored, skipped, flaky);
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
