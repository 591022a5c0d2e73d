package dev.schemawatch.generator.metrics;

import dev.schemawatch.contracts.suite.TestSuite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The generator's Prometheus metrics: {@code schemawatch_generator_suites_total},
 * {@code schemawatch_generator_cases_total} (by category), {@code schemawatch_generator_generation_seconds}
 * and {@code schemawatch_generator_ddl_to_suite_seconds} (DDL commit to the suite acknowledged on Kafka).
 */
public class GeneratorMetrics {

    private final MeterRegistry registry;

    public GeneratorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void generated(TestSuite suite, Duration generation, Duration sinceDdlCommit) {
        Counter.builder("schemawatch.generator.suites")
                .description("Test suites published")
                .tag("database", suite.database())
                .register(registry).increment();
        suite.casesByCategory().forEach((category, count) -> Counter.builder("schemawatch.generator.cases")
                .description("Test cases generated, by category")
                .tag("category", category.name())
                .register(registry).increment(count));
        latency("schemawatch.generator.generation", "Time to generate one suite", generation);
        if (sinceDdlCommit != null) {
            latency("schemawatch.generator.ddl.to.suite", "From the DDL's commit to Kafka's acknowledgement of its test suite",
                    sinceDdlCommit);
        }
    }

    private void latency(String name, String description, Duration value) {
        Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(value.isNegative() ? Duration.ZERO : value);
    }
}
