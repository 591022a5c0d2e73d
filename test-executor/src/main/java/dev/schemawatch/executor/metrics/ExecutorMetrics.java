package dev.schemawatch.executor.metrics;

import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The executor's Prometheus metrics: {@code schemawatch_executor_cases_total} (by status),
 * {@code schemawatch_executor_run_duration_seconds}, {@code schemawatch_executor_lock_timeouts_total},
 * {@code schemawatch_executor_rollbacks_total} (one per case attempt: every case is rolled back) and
 * {@code schemawatch_executor_ddl_to_result_seconds} (DDL commit to the result acknowledged on Kafka).
 */
public class ExecutorMetrics {

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final MeterRegistry registry;

    public ExecutorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void ran(TestRunResult result, Duration sinceDdlCommit) {
        for (CaseResult testCase : result.cases()) {
            Counter.builder("schemawatch.executor.cases")
                    .description("Test cases run, by status")
                    .tag("database", result.database()).tag("status", testCase.status().name())
                    .register(registry).increment();
            Counter.builder("schemawatch.executor.rollbacks")
                    .description("Transactions rolled back: one per case attempt")
                    .tag("database", result.database())
                    .register(registry).increment(testCase.attempts());
            if (LOCK_NOT_AVAILABLE.equals(testCase.sqlState()) || testCase.flaky()) {
                Counter.builder("schemawatch.executor.lock.timeouts")
                        .description("Case attempts that gave up waiting for a lock (lock_timeout) or hit a serialization failure")
                        .tag("database", result.database())
                        .register(registry).increment();
            }
        }
        latency("schemawatch.executor.run.duration", "Time to run one suite", Duration.between(result.startedAt(), result.finishedAt()));
        if (sinceDdlCommit != null) {
            latency("schemawatch.executor.ddl.to.result", "From the DDL's commit to Kafka's acknowledgement of its test result",
                    sinceDdlCommit);
        }
    }

    private void latency(String name, String description, Duration value) {
        Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(120))
                .register(registry).record(value.isNegative() ? Duration.ZERO : value);
    }
}
