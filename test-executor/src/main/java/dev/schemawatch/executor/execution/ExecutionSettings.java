package dev.schemawatch.executor.execution;

import java.time.Duration;
import java.util.Objects;

/**
 * How a suite is run against a database.
 *
 * @param poolSize                  cases run at the same time, each on its own connection
 * @param lockTimeout               {@code SET LOCAL lock_timeout}: how long a case may wait for a lock the
 *                                  application holds; short, so that a case never queues in front of it
 * @param statementTimeout          {@code SET LOCAL statement_timeout} for every step
 * @param idleInTransactionTimeout  {@code SET LOCAL idle_in_transaction_session_timeout}: the server ends a
 *                                  case's transaction by itself if the executor stalls holding it open
 * @param caseTimeout               wall time of one attempt of a case, all steps together
 * @param role                      when non-null, {@code SET LOCAL ROLE} to this least-privilege role
 * @param maxCases                  a suite with more cases is rejected without running any
 * @param maxRowsTouched            a case that inserted, updated or deleted more rows is ERRORED (and, like
 *                                  every case, rolled back): a guard against cases that do far more than
 *                                  their subject needs
 * @param target                    which database the data source points at, reported with the result
 */
public record ExecutionSettings(
        int poolSize,
        Duration lockTimeout,
        Duration statementTimeout,
        Duration idleInTransactionTimeout,
        Duration caseTimeout,
        String role,
        int maxCases,
        long maxRowsTouched,
        Target target) {

    public enum Target {
        /** The monitored database itself: rollback protects its rows, not its sequences. */
        MONITORED,
        /** A copy configured for testing: nothing the cases do reaches the monitored database. */
        SHADOW
    }

    public ExecutionSettings {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
        if (maxRowsTouched < 1) {
            throw new IllegalArgumentException("maxRowsTouched must be at least 1, was " + maxRowsTouched);
        }
        if (maxCases < 1) {
            throw new IllegalArgumentException("maxCases must be at least 1, was " + maxCases);
        }
        requirePositive("lockTimeout", lockTimeout);
        requirePositive("statementTimeout", statementTimeout);
        requirePositive("idleInTransactionTimeout", idleInTransactionTimeout);
        requirePositive("caseTimeout", caseTimeout);
        if (role != null && role.isBlank()) {
            throw new IllegalArgumentException("role must be null (no role change) or a role name, was blank");
        }
        Objects.requireNonNull(target, "target");
    }

    /** Pool of 4, lock_timeout 2 s, statement_timeout 5 s, idle in transaction 10 s, 30 s per case, 5000 cases. */
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30), null, 5000, 10_000, Target.MONITORED);
    }

    public ExecutionSettings withPoolSize(int newPoolSize) {
        return new ExecutionSettings(newPoolSize, lockTimeout, statementTimeout, idleInTransactionTimeout, caseTimeout, role, maxCases, maxRowsTouched, target);
    }

    public ExecutionSettings withLockTimeout(Duration newLockTimeout) {
        return new ExecutionSettings(poolSize, newLockTimeout, statementTimeout, idleInTransactionTimeout, caseTimeout, role, maxCases, maxRowsTouched, target);
    }

    public ExecutionSettings withStatementTimeout(Duration newStatementTimeout) {
        return new ExecutionSettings(poolSize, lockTimeout, newStatementTimeout, idleInTransactionTimeout, caseTimeout, role, maxCases, maxRowsTouched, target);
    }

    public ExecutionSettings withCaseTimeout(Duration newCaseTimeout) {
        return new ExecutionSettings(poolSize, lockTimeout, statementTimeout, idleInTransactionTimeout, newCaseTimeout, role, maxCases, maxRowsTouched, target);
    }

    public ExecutionSettings withRole(String newRole) {
        return new ExecutionSettings(poolSize, lockTimeout, statementTimeout, idleInTransactionTimeout, caseTimeout, newRole, maxCases, maxRowsTouched, target);
    }

    public ExecutionSettings withMaxCases(int newMaxCases) {
        return new ExecutionSettings(poolSize, lockTimeout, statementTimeout, idleInTransactionTimeout, caseTimeout, role, newMaxCases, maxRowsTouched, target);
    }

    public ExecutionSettings withMaxRowsTouched(long newMaxRowsTouched) {
        return new ExecutionSettings(poolSize, lockTimeout, statementTimeout, idleInTransactionTimeout, caseTimeout, role, maxCases,
                newMaxRowsTouched, target);
    }

    public ExecutionSettings withTarget(Target newTarget) {
        return new ExecutionSettings(poolSize, lockTimeout, statementTimeout, idleInTransactionTimeout, caseTimeout, role, maxCases, maxRowsTouched, newTarget);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        if (value.toMillis() == 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms (PostgreSQL counts timeouts in milliseconds), was " + value);
        }
    }
}
