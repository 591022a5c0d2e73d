package dev.schemawatch.monitor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The monitor's Prometheus metrics, named by Prometheus conventions once the registry renders them:
 * {@code schemawatch_monitor_ddl_events_total}, {@code schemawatch_monitor_changes_total},
 * {@code schemawatch_monitor_publish_latency_seconds}, {@code schemawatch_monitor_replication_slot_lag_bytes},
 * {@code schemawatch_monitor_dead_letters_total}, {@code schemawatch_monitor_drift_changes_total}.
 */
public class MonitorMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicLong> slotLag = new ConcurrentHashMap<>();

    public MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void ddlEvent(String database, String commandTag) {
        Counter.builder("schemawatch.monitor.ddl.events")
                .description("DDL statements captured, by command tag")
                .tag("database", database).tag("command_tag", commandTag)
                .register(registry).increment();
    }

    public void change(String database, String changeType) {
        Counter.builder("schemawatch.monitor.changes")
                .description("Atomic schema changes published, by type")
                .tag("database", database).tag("change_type", changeType)
                .register(registry).increment();
    }

    public void publishLatency(String database, Duration commitToAck) {
        Timer.builder("schemawatch.monitor.publish.latency")
                .description("From the DDL's commit to Kafka's acknowledgement of its schema-change event")
                .tag("database", database)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(commitToAck.isNegative() ? Duration.ZERO : commitToAck);
    }

    public void deadLetter(String database, String reason) {
        Counter.builder("schemawatch.monitor.dead.letters")
                .description("ddl_log rows that could not be turned into events and were dead-lettered")
                .tag("database", database).tag("reason", reason)
                .register(registry).increment();
    }

    public void drift(String database, int changes) {
        Counter.builder("schemawatch.monitor.drift.changes")
                .description("Changes found by reconciliation that bypassed the event triggers")
                .tag("database", database)
                .register(registry).increment(changes);
    }

    public void slotLag(String database, String slot, long bytes) {
        slotLag.computeIfAbsent(database, key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("schemawatch.monitor.replication.slot.lag", holder, AtomicLong::get)
                    .description("WAL bytes the monitor's replication slot has not yet confirmed")
                    .baseUnit("bytes")
                    .tag("database", database).tag("slot", slot)
                    .register(registry);
            return holder;
        }).set(bytes);
    }
}
