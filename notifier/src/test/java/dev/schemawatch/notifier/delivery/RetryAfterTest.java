package dev.schemawatch.notifier.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void delaySecondsAreReadAsSeconds() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anHttpDateInTheFutureIsTheWaitUntilThen() {
        assertThat(httpDate(NOW.plusSeconds(90))).isEqualTo("Sun, 29 Nov 2026 10:01:30 GMT");
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 10:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse(httpDate(NOW.plusSeconds(3_600)), NOW)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anHttpDateInThePastMeansNow() {
        assertThat(RetryAfter.parse(httpDate(NOW.minusSeconds(30)), NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse(httpDate(NOW), NOW)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "-1", "-120", "soon", "1.5", "12s", "PT5S", "Sun, 32 Nov 2026 10:00:00 GMT", "2026-11-29T10:01:30Z",
            "99999999999999999999999"})
    void absentNegativeOrUnreadableIsNull(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isNull();
    }
}
