package dev.schemawatch.analyzer.live;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what the analyzer may cost the monitored database.
 *
 * @param statementTimeout longest a data check or row count may run ({@code SET LOCAL statement_timeout})
 * @param lockTimeout      longest any statement may wait for a lock ({@code SET LOCAL lock_timeout}); short,
 *                         because waiting behind a migration's ACCESS EXCLUSIVE lock would stall the
 *                         application's queries queued behind ours
 * @param replayLimit      most recorded queries re-validated with {@code PREPARE} per report, the most
 *                         frequently called first
 */
public record LiveDatabaseSettings(Duration statementTimeout, Duration lockTimeout, int replayLimit) {

    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(200);
    public static final int DEFAULT_REPLAY_LIMIT = 200;

    public LiveDatabaseSettings {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        // PostgreSQL reads 0 as "no timeout", the opposite of what a tiny value means here.
        if (statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("statementTimeout must be at least 1ms, was " + statementTimeout);
        }
        if (lockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("lockTimeout must be at least 1ms, was " + lockTimeout);
        }
        if (replayLimit < 0) {
            throw new IllegalArgumentException("replayLimit cannot be negative, was " + replayLimit);
        }
    }

    public static LiveDatabaseSettings defaults() {
        return new LiveDatabaseSettings(DEFAULT_STATEMENT_TIMEOUT, DEFAULT_LOCK_TIMEOUT, DEFAULT_REPLAY_LIMIT);
    }

    public LiveDatabaseSettings withStatementTimeout(Duration value) {
        return new LiveDatabaseSettings(value, lockTimeout, replayLimit);
    }

    public LiveDatabaseSettings withLockTimeout(Duration value) {
        return new LiveDatabaseSettings(statementTimeout, value, replayLimit);
    }

    public LiveDatabaseSettings withReplayLimit(int value) {
        return new LiveDatabaseSettings(statementTimeout, lockTimeout, value);
    }

    /** A timeout as people write it: {@code 2s}, {@code 200ms}, {@code 1.5s}. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
