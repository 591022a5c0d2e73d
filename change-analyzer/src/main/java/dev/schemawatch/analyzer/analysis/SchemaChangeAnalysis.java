package dev.schemawatch.analyzer.analysis;

import dev.schemawatch.analyzer.metrics.AnalyzerMetrics;
import dev.schemawatch.analyzer.report.ImpactPublisher;
import dev.schemawatch.analyzer.report.ImpactStore;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.impact.ImpactReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The body of the {@code analyzeSchemaChange} stream function: one schema-change event in, one
 * impact report out, exactly once in effect. The report is sent before it is stored, and stored
 * before the input's offset is committed; a change whose report is stored is not answered again.
 * Malformed input throws {@link dev.schemawatch.contracts.envelope.MalformedEventException}, which
 * the binder sends to the dead-letter topic without retrying.
 */
public class SchemaChangeAnalysis implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(SchemaChangeAnalysis.class);

    private final ImpactAnalyzer analyzer;
    private final ImpactStore store;
    private final ImpactPublisher publisher;
    private final AnalyzerMetrics metrics;
    private final Clock clock;

    public SchemaChangeAnalysis(ImpactAnalyzer analyzer, ImpactStore store, ImpactPublisher publisher, AnalyzerMetrics metrics,
                                Clock clock) {
        this.analyzer = analyzer;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void accept(Message<byte[]> message) {
        IncomingChange incoming = IncomingChanges.read(message.getHeaders(), message.getPayload());
        String correlationId = EventEnvelope.correlationId(incoming.envelope());
        MDC.put("correlationId", correlationId);
        try {
            String reportId = ImpactAnalyzer.reportId(incoming.event());
            if (store.alreadyPublished(reportId)) {
                log.debug("impact report {} for {} already published", reportId, incoming.event().eventId());
                analyzer.skip(incoming.event());
                return;
            }
            Instant started = clock.instant();
            ImpactReport report = analyzer.analyze(incoming);
            Duration analysis = Duration.between(started, clock.instant());
            ImpactReport sent = publisher.publishReport(incoming.envelope(), report, clock.instant());
            Instant ddlCommitTime = EventEnvelope.ddlCommitTime(incoming.envelope());
            store.published(sent, correlationId, ddlCommitTime);
            metrics.reported(sent, analysis, ddlCommitTime == null ? null : Duration.between(ddlCommitTime, clock.instant()));
            log.info("{}: {} {} judged {}{} with {} finding(s){}", incoming.event().key(), incoming.event().commandTag(),
                    incoming.event().eventId(), report.severity(), report.backwardCompatible() ? "" : " (not backward compatible)",
                    report.findings().size(), report.partial() ? ", partial: " + report.skippedChecks() : "");
        } finally {
            MDC.remove("correlationId");
        }
    }
}
