package dev.schemawatch.analyzer.report;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactDecision;
import dev.schemawatch.contracts.impact.ImpactReport;
import io.cloudevents.CloudEvent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends the analyzer's events through the Spring Cloud Stream output bindings (destinations and
 * producer settings live in application.yml). The bindings are synchronous, so a send returns only
 * once Kafka acknowledged it, and a failure reaches the caller.
 */
public class ImpactPublisher {

    public static final String REPORTS_BINDING = "impactReports-out-0";
    public static final String DECISIONS_BINDING = "impactDecisions-out-0";
    static final URI SOURCE = URI.create("/schemawatch/change-analyzer");

    private final StreamBridge bridge;
    private final ReportSizePolicy sizePolicy;

    public ImpactPublisher(StreamBridge bridge, ReportSizePolicy sizePolicy) {
        this.bridge = bridge;
        this.sizePolicy = sizePolicy;
    }

    /** @return the report as sent (definitions of the change left out when it was too large) */
    public ImpactReport publishReport(CloudEvent cause, ImpactReport report, Instant now) {
        ReportSizePolicy.Sized sized = sizePolicy.fit(report);
        CloudEvent event = EventEnvelope.following(cause, SOURCE, ImpactReport.TYPE, report.key(), now, sized.json());
        send(REPORTS_BINDING, report.key(), event);
        return sized.report();
    }

    public void publishDecision(ImpactDecision decision, String correlationId, Instant ddlCommitTime) {
        CloudEvent event = EventEnvelope.following(decision.reportId(), correlationId, ddlCommitTime, SOURCE, ImpactDecision.TYPE,
                decision.key(), decision.decidedAt(), EventJson.write(decision));
        send(DECISIONS_BINDING, decision.key(), event);
    }

    private void send(String binding, String key, CloudEvent event) {
        Message<byte[]> message = MessageBuilder.withPayload(event.getData().toBytes())
                .copyHeaders(EventEnvelope.toHeaders(event))
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .build();
        if (!bridge.send(binding, message)) {
            throw new IllegalStateException("the " + binding + " binding did not accept event " + event.getId());
        }
    }

}
