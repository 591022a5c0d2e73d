package dev.schemawatch.executor.execution;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ExecutionSettings defaults = ExecutionSettings.defaults();

        assertThat(defaults.poolSize()).isEqualTo(4);
        assertThat(defaults.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.statementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.idleInTransactionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.caseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.role()).isNull();
        assertThat(defaults.maxCases()).isEqualTo(5000);
        assertThat(defaults.target()).isEqualTo(ExecutionSettings.Target.MONITORED);
    }

    @Test
    void refusesSettingsThatWouldDisableASafeguard() {
        ExecutionSettings defaults = ExecutionSettings.defaults();

        assertThatThrownBy(() -> defaults.withPoolSize(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> defaults.withMaxCases(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCases");
        // lock_timeout = 0 means "wait forever" to PostgreSQL: exactly what the executor must never do.
        assertThatThrownBy(() -> defaults.withLockTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockTimeout");
        assertThatThrownBy(() -> defaults.withLockTimeout(Duration.ofNanos(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withCaseTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withRole(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role");
        assertThatThrownBy(() -> defaults.withTarget(null)).isInstanceOf(NullPointerException.class);
    }
}
