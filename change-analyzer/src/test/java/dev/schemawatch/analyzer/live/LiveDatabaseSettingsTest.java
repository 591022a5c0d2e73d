package dev.schemawatch.analyzer.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveDatabaseSettingsTest {

    @Test
    void defaultsAreTwoSecondsTwoHundredMillisecondsAndTwoHundredQueries() {
        assertThat(LiveDatabaseSettings.defaults())
                .isEqualTo(new LiveDatabaseSettings(Duration.ofSeconds(2), Duration.ofMillis(200), 200));
    }

    @Test
    void zeroWouldMeanNoTimeoutToPostgresqlSoItIsRefused() {
        assertThatThrownBy(() -> LiveDatabaseSettings.defaults().withStatementTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
        assertThatThrownBy(() -> LiveDatabaseSettings.defaults().withLockTimeout(Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockTimeout");
        assertThatThrownBy(() -> LiveDatabaseSettings.defaults().withReplayLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutsReadTheWayPeopleWriteThem() {
        assertThat(LiveDatabaseSettings.text(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(LiveDatabaseSettings.text(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(LiveDatabaseSettings.text(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
