package dev.schemawatch.notifier.metrics;

import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationOutcome;
import dev.schemawatch.notifier.delivery.Delivery;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The notifier's Prometheus metrics: {@code schemawatch_notifier_notifications_total} (by channel
 * and outcome), {@code schemawatch_notifier_inputs_total} (by kind and whether any channel took
 * it), {@code schemawatch_notifier_request_seconds} (one HTTP attempt),
 * {@code schemawatch_notifier_ddl_to_delivery_seconds} (DDL commit to the endpoint's 2xx) and the
 * circuit breakers' {@code schemawatch_notifier_circuit_state} (1 for the state each channel's
 * breaker is in).
 */
public class NotifierMetrics {

    private final MeterRegistry registry;

    public NotifierMetrics(MeterRegistry registry, CircuitBreakerRegistry breakers) {
        this.registry = registry;
        CircuitBreakerMetricNames names = CircuitBreakerMetricNames.custom()
                .stateMetricName("schemawatch.notifier.circuit.state")
                .callsMetricName("schemawatch.notifier.circuit.calls")
                .notPermittedCallsMetricName("schemawatch.notifier.circuit.not.permitted.calls")
                .bufferedCallsMetricName("schemawatch.notifier.circuit.buffered.calls")
                .slowCallsMetricName("schemawatch.notifier.circuit.slow.calls")
                .failureRateMetricName("schemawatch.notifier.circuit.failure.rate")
                .slowCallRateMetricName("schemawatch.notifier.circuit.slow.call.rate")
                .build();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(names, breakers).bindTo(registry);
    }

    public void input(NoticeKind kind, boolean routed) {
        Counter.builder("schemawatch.notifier.inputs")
                .description("Impact reports and test results read, by whether any channel took them")
                .tag("kind", kind.name()).tag("routed", Boolean.toString(routed))
                .register(registry).increment();
    }

    public void outcome(Delivery delivery, NotificationOutcome.Outcome outcome, Duration sinceDdlCommit) {
        Counter.builder("schemawatch.notifier.notifications")
                .description("Delivery attempts' outcomes, by channel")
                .tag("channel", delivery.channelId()).tag("outcome", outcome.name())
                .register(registry).increment();
        if (outcome == NotificationOutcome.Outcome.DELIVERED && sinceDdlCommit != null) {
            Timer.builder("schemawatch.notifier.ddl.to.delivery")
                    .description("From the earliest DDL commit in a message to the endpoint's 2xx")
                    .tag("channel", delivery.channelId())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(120))
                    .register(registry).record(sinceDdlCommit.isNegative() ? Duration.ZERO : sinceDdlCommit);
        }
    }

    public void requestLatency(String channelId, Duration elapsed) {
        Timer.builder("schemawatch.notifier.request")
                .description("One HTTP attempt, connect to answer")
                .tag("channel", channelId)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(elapsed);
    }
}
