package dev.schemawatch.analyzer.metrics;

import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.ImpactDecision;
import dev.schemawatch.contracts.impact.ImpactReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The analyzer's Prometheus metrics: {@code schemawatch_analyzer_impacts_total} (by database and
 * severity), {@code schemawatch_analyzer_findings_total} (by rule and severity),
 * {@code schemawatch_analyzer_partial_reports_total}, {@code schemawatch_analyzer_analysis_seconds}
 * (analysis latency), {@code schemawatch_analyzer_ddl_to_report_seconds} (DDL commit to the report
 * acknowledged on Kafka: this stage's share of the end-to-end latency) and
 * {@code schemawatch_analyzer_decisions_total}.
 */
public class AnalyzerMetrics {

    private final MeterRegistry registry;

    public AnalyzerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void reported(ImpactReport report, Duration analysis, Duration sinceDdlCommit) {
        String database = report.change().database();
        Counter.builder("schemawatch.analyzer.impacts")
                .description("Impact reports published, by severity")
                .tag("database", database).tag("severity", report.severity().name())
                .register(registry).increment();
        for (Finding finding : report.findings()) {
            Counter.builder("schemawatch.analyzer.findings")
                    .description("Rule findings, by rule code and severity")
                    .tag("rule", finding.code()).tag("severity", finding.severity().name())
                    .register(registry).increment();
        }
        if (report.partial()) {
            Counter.builder("schemawatch.analyzer.partial.reports")
                    .description("Reports published with checks skipped (database unreachable or not configured)")
                    .tag("database", database)
                    .register(registry).increment();
        }
        latency("schemawatch.analyzer.analysis", "Time to judge one schema change, query replay included", analysis);
        if (sinceDdlCommit != null) {
            latency("schemawatch.analyzer.ddl.to.report", "From the DDL's commit to Kafka's acknowledgement of its impact report",
                    sinceDdlCommit);
        }
    }

    public void decided(ImpactDecision decision) {
        Counter.builder("schemawatch.analyzer.decisions")
                .description("Approvals and rejections")
                .tag("decision", decision.decision().name())
                .register(registry).increment();
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
