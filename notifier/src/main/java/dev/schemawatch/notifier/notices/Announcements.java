package dev.schemawatch.notifier.notices;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.envelope.MalformedEventException;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.notifier.delivery.Deliveries;
import dev.schemawatch.notifier.delivery.DeliveryStore;
import dev.schemawatch.notifier.metrics.NotifierMetrics;
import io.cloudevents.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The bodies of the two stream functions: an impact report is announced at once when it is at or
 * above the configured severity (BREAKING and HIGH by default), before its tests finish, and
 * remembered so its test results can name the change; a test result is announced with its
 * change. Both record the input as routed before routing it, so a redelivery is recognised and
 * never yields a second message.
 */
public class Announcements {

    private static final Logger log = LoggerFactory.getLogger(Announcements.class);

    private final NoticeItems items;
    private final ImpactMemory memory;
    private final DeliveryStore store;
    private final Deliveries deliveries;
    private final NotifierMetrics metrics;
    private final Severity announceImpactsAt;
    private final Clock clock;

    public Announcements(NoticeItems items, ImpactMemory memory, DeliveryStore store, Deliveries deliveries, NotifierMetrics metrics,
                         Severity announceImpactsAt, Clock clock) {
        this.items = items;
        this.memory = memory;
        this.store = store;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.announceImpactsAt = announceImpactsAt;
        this.clock = clock;
    }

    public void impact(Message<byte[]> message) {
        CloudEvent envelope = envelope(message, ImpactReport.TYPE);
        ImpactReport report = EventJson.read(message.getPayload(), ImpactReport.class);
        if (!envelope.getId().equals(report.reportId())) {
            throw new MalformedEventException("payload reportId " + report.reportId() + " differs from ce_id " + envelope.getId());
        }
        if (report.change() == null || report.severity() == null || report.blastRadius() == null) {
            throw new MalformedEventException("impact report " + report.reportId() + " lacks its change, severity or blast radius");
        }
        String correlationId = EventEnvelope.correlationId(envelope);
        MDC.put("correlationId", correlationId);
        try {
            Instant now = clock.instant();
            NotificationItem item = items.impact(report, correlationId);
            String groupKey = NoticeItems.groupKey(report.change());
            memory.remember(report.change().eventId(), item, groupKey, now);
            if (!report.severity().atLeast(announceImpactsAt)) {
                metrics.input(NoticeKind.IMPACT, false);
                return;
            }
            boolean first = store.firstRouting(report.reportId(), now);
            int channels = deliveries.route(item, groupKey, EventEnvelope.ddlCommitTime(envelope), !first);
            metrics.input(NoticeKind.IMPACT, channels > 0);
            log.info("{} impact {} on {}: {} channels", report.severity(), report.reportId(), report.key(), channels);
        } finally {
            MDC.remove("correlationId");
        }
    }

    public void testResult(Message<byte[]> message) {
        CloudEvent envelope = envelope(message, TestRunResult.TYPE);
        TestRunResult result = EventJson.read(message.getPayload(), TestRunResult.class);
        if (!envelope.getId().equals(result.runId())) {
            throw new MalformedEventException("payload runId " + result.runId() + " differs from ce_id " + envelope.getId());
        }
        if (result.status() == null || result.totals() == null || result.database() == null) {
            throw new MalformedEventException("test result " + result.runId() + " lacks its status, totals or database");
        }
        String correlationId = EventEnvelope.correlationId(envelope);
        MDC.put("correlationId", correlationId);
        try {
            Optional<ImpactMemory.Seen> seen = result.changeEventId() == null ? Optional.empty() : memory.find(result.changeEventId());
            NotificationItem item = items.testResult(result, correlationId, seen.map(ImpactMemory.Seen::item).orElse(null));
            String groupKey = seen.map(ImpactMemory.Seen::groupKey).orElse(result.database() + ":run:" + result.suiteId());
            boolean first = store.firstRouting(result.runId(), clock.instant());
            int channels = deliveries.route(item, groupKey, EventEnvelope.ddlCommitTime(envelope), !first);
            metrics.input(NoticeKind.TEST_RESULT, channels > 0);
            log.info("results {} of {}: {} channels", result.runId(), result.key(), channels);
        } finally {
            MDC.remove("correlationId");
        }
    }

    private static CloudEvent envelope(Message<byte[]> message, String expectedType) {
        CloudEvent envelope = EventEnvelope.fromHeaders(message.getHeaders(), message.getPayload());
        if (!expectedType.equals(envelope.getType())) {
            throw new MalformedEventException("unsupported event type '" + envelope.getType() + "'; this binding reads " + expectedType);
        }
        return envelope;
    }
}
