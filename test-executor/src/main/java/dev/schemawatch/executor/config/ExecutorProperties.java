package dev.schemawatch.executor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * How the executor runs suites: against which database, as which role, how many at once, and how
 * long anything may wait.
 *
 * @param databases                the databases suites run against, by the name events carry
 * @param poolSize                 cases run at once per suite
 * @param lockTimeout              {@code SET LOCAL lock_timeout} of every case
 * @param statementTimeout         {@code SET LOCAL statement_timeout} of every case
 * @param idleInTransactionTimeout {@code SET LOCAL idle_in_transaction_session_timeout} of every case
 * @param caseTimeout              a case still running after this is cancelled and ERRORED
 * @param maxCases                 a suite with more cases is rejected, with a result that says why
 * @param maxRowsTouched           a case that inserted, updated or deleted more rows is ERRORED (and rolled back)
 */
@Validated
@ConfigurationProperties("schemawatch.executor")
public record ExecutorProperties(
        @DefaultValue @Valid List<TargetDatabase> databases,
        @Min(1) @Max(64) @DefaultValue("4") int poolSize,
        @NotNull @DefaultValue("2s") Duration lockTimeout,
        @NotNull @DefaultValue("5s") Duration statementTimeout,
        @NotNull @DefaultValue("10s") Duration idleInTransactionTimeout,
        @NotNull @DefaultValue("30s") Duration caseTimeout,
        @Min(1) @DefaultValue("5000") int maxCases,
        @Min(1) @DefaultValue("10000") long maxRowsTouched) {

    /**
     * @param name      the monitored database's name in events
     * @param url       where cases run: the monitored database, or
     * @param shadowUrl a shadow copy to run against instead (sequences of the monitored database then never advance)
     * @param role      a role of least privilege each case switches to with {@code SET LOCAL ROLE}; none when null
     */
    public record TargetDatabase(@NotBlank String name, @NotBlank String url, @NotBlank String username, String password,
                                 String shadowUrl, String role) {
    }
}
