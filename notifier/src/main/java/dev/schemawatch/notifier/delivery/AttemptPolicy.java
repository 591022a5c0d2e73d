package dev.schemawatch.notifier.delivery;

import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;

/**
 * What an attempt's answer means, and when to try again: 2xx is delivered; 410 Gone disables the
 * channel; 408, 429, 5xx and no answer at all are retried with exponential backoff and jitter,
 * never sooner than the endpoint's {@code Retry-After}; any other 4xx will not get better by
 * repeating it, so it fails at once. Attempts are bounded: the last failure is final.
 */
public final class AttemptPolicy {

    private final int maxAttempts;
    private final IntervalFunction backoff;
    private final Duration maxDelay;

    public AttemptPolicy(int maxAttempts, Duration initialBackoff, double multiplier, double jitter, Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff, multiplier, jitter, maxBackoff);
        this.maxDelay = maxBackoff;
    }

    /**
     * @param attempt    the attempt just made, 1-based
     * @param httpStatus the answer, or null when there was none
     * @param retryAfter the endpoint's {@code Retry-After}, or null
     */
    public Decision decide(int attempt, Integer httpStatus, Duration retryAfter) {
        if (httpStatus != null && httpStatus >= 200 && httpStatus < 300) {
            return new Decision(Verdict.DELIVERED, null);
        }
        if (httpStatus != null && httpStatus == 410) {
            return new Decision(Verdict.GONE, null);
        }
        boolean retryable = httpStatus == null || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
        if (!retryable) {
            return new Decision(Verdict.REJECTED, null);
        }
        if (attempt >= maxAttempts) {
            return new Decision(Verdict.EXHAUSTED, null);
        }
        Duration delay = Duration.ofMillis(backoff.apply(attempt));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            // The endpoint knows best when it can take more; a Retry-After beyond the longest backoff is capped so a message is never parked for days.
            delay = retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        return new Decision(Verdict.RETRY, delay);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public enum Verdict {
        DELIVERED,
        RETRY,
        /** 410 Gone: the endpoint says it is no more; the channel is disabled. */
        GONE,
        /** A 4xx that repeating will not fix. */
        REJECTED,
        /** Retryable, but that was the last attempt. */
        EXHAUSTED
    }

    /** @param delay until the next attempt; only for RETRY */
    public record Decision(Verdict verdict, Duration delay) {
    }
}
