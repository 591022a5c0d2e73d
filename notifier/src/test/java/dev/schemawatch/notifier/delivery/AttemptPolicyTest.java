package dev.schemawatch.notifier.delivery;

import dev.schemawatch.notifier.delivery.AttemptPolicy.Decision;
import dev.schemawatch.notifier.delivery.AttemptPolicy.Verdict;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptPolicyTest {

    private static final Duration INITIAL = Duration.ofMillis(1_000);
    private static final double MULTIPLIER = 2.0;
    private static final double JITTER = 0.2;
    private static final Duration MAX = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 10;

    private final AttemptPolicy policy = new AttemptPolicy(ATTEMPTS, INITIAL, MULTIPLIER, JITTER, MAX);

    /** The un-jittered backoff after {@code attempt}, before the cap. */
    private static double nominalMillis(int attempt) {
        return INITIAL.toMillis() * Math.pow(MULTIPLIER, attempt - 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void anyTwoHundredIsDelivered(int status) {
        assertThat(policy.decide(1, status, null)).isEqualTo(new Decision(Verdict.DELIVERED, null));
        assertThat(policy.decide(ATTEMPTS, status, Duration.ofSeconds(5))).isEqualTo(new Decision(Verdict.DELIVERED, null));
    }

    @Test
    void goneIsGoneWhateverTheAttempt() {
        assertThat(policy.decide(1, 410, null)).isEqualTo(new Decision(Verdict.GONE, null));
        assertThat(policy.decide(ATTEMPTS, 410, Duration.ofSeconds(5))).isEqualTo(new Decision(Verdict.GONE, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415, 422, 451, 499})
    void aClientErrorOtherThan408And429IsRejectedWithoutRetry(int status) {
        assertThat(policy.decide(1, status, Duration.ofSeconds(3))).isEqualTo(new Decision(Verdict.REJECTED, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 301, 302, 303, 304, 307, 308})
    void aRedirectOrInformationalAnswerIsRejected(int status) {
        assertThat(policy.decide(1, status, null)).isEqualTo(new Decision(Verdict.REJECTED, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void aTransientAnswerIsRetriedWithinTheJitterOfTheBackoff(int status) {
        for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
            Decision decision = policy.decide(attempt, status, null);
            assertThat(decision.verdict()).isEqualTo(Verdict.RETRY);
            assertWithinJitter(attempt, decision.delay());
        }
    }

    @Test
    void noAnswerAtAllIsRetried() {
        Decision decision = policy.decide(1, null, null);
        assertThat(decision.verdict()).isEqualTo(Verdict.RETRY);
        assertWithinJitter(1, decision.delay());
    }

    @RepeatedTest(20)
    void delaysGrowWithTheAttemptUntilTheCap() {
        // With 20% jitter and a doubling backoff, the ranges of consecutive attempts do not overlap (0.8 * 2 > 1.2).
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 6; attempt++) {
            Duration delay = policy.decide(attempt, 503, null).delay();
            assertThat(delay).isGreaterThan(previous);
            previous = delay;
        }
        for (int attempt = 7; attempt < ATTEMPTS; attempt++) {
            // nominal 64 s and beyond: the cap
            assertThat(policy.decide(attempt, 503, null).delay()).isLessThanOrEqualTo(MAX);
        }
        assertThat(policy.decide(ATTEMPTS - 1, 503, null).delay()).isEqualTo(MAX);
    }

    @Test
    void theDelayIsNeverAboveTheCapEvenForAVeryLateAttempt() {
        AttemptPolicy patient = new AttemptPolicy(1_000, INITIAL, MULTIPLIER, JITTER, MAX);
        assertThat(patient.decide(500, 503, null)).isEqualTo(new Decision(Verdict.RETRY, MAX));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffWins() {
        Decision decision = policy.decide(1, 429, Duration.ofSeconds(30));
        assertThat(decision).isEqualTo(new Decision(Verdict.RETRY, Duration.ofSeconds(30)));
        assertThat(policy.decide(1, 503, Duration.ofSeconds(30)).delay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterShorterThanTheBackoffDoesNotHurry() {
        Decision decision = policy.decide(4, 429, Duration.ofSeconds(1));
        assertThat(decision.verdict()).isEqualTo(Verdict.RETRY);
        assertWithinJitter(4, decision.delay());
        assertThat(policy.decide(2, 429, Duration.ZERO).delay()).isGreaterThan(Duration.ZERO);
    }

    @Test
    void aRetryAfterBeyondTheCapIsCapped() {
        assertThat(policy.decide(1, 429, Duration.ofDays(2))).isEqualTo(new Decision(Verdict.RETRY, MAX));
        assertThat(policy.decide(1, 503, MAX.plusMillis(1))).isEqualTo(new Decision(Verdict.RETRY, MAX));
    }

    @Test
    void theLastAttemptIsExhausted() {
        assertThat(policy.decide(ATTEMPTS, 503, null)).isEqualTo(new Decision(Verdict.EXHAUSTED, null));
        assertThat(policy.decide(ATTEMPTS, 429, Duration.ofSeconds(1))).isEqualTo(new Decision(Verdict.EXHAUSTED, null));
        assertThat(policy.decide(ATTEMPTS, null, null)).isEqualTo(new Decision(Verdict.EXHAUSTED, null));
        assertThat(policy.decide(ATTEMPTS + 1, 500, null)).isEqualTo(new Decision(Verdict.EXHAUSTED, null));
        assertThat(policy.decide(ATTEMPTS - 1, 500, null).verdict()).isEqualTo(Verdict.RETRY);
    }

    @Test
    void aSingleAttemptPolicyNeverRetries() {
        AttemptPolicy once = new AttemptPolicy(1, INITIAL, MULTIPLIER, JITTER, MAX);
        assertThat(once.maxAttempts()).isEqualTo(1);
        assertThat(once.decide(1, 503, null)).isEqualTo(new Decision(Verdict.EXHAUSTED, null));
        assertThat(once.decide(1, 200, null)).isEqualTo(new Decision(Verdict.DELIVERED, null));
    }

    @Test
    void atLeastOneAttemptIsRequired() {
        assertThatThrownBy(() -> new AttemptPolicy(0, INITIAL, MULTIPLIER, JITTER, MAX)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertWithinJitter(int attempt, Duration delay) {
        double nominal = nominalMillis(attempt);
        long low = (long) Math.floor(Math.min(nominal * (1 - JITTER), MAX.toMillis()));
        long high = (long) Math.ceil(Math.min(nominal * (1 + JITTER) + 1, MAX.toMillis()));
        assertThat(delay.toMillis()).as("attempt %d", attempt).isBetween(low, high);
    }
}
