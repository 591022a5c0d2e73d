package dev.schemawatch.generator.suites;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.envelope.MalformedEventException;
import dev.schemawatch.contracts.impact.ImpactReport;
import io.cloudevents.CloudEvent;

import java.util.Map;

/** Reads an impact report as received; anything else is malformed and goes to the dead-letter topic. */
final class ImpactReportReader {

    private ImpactReportReader() {
    }

    record Received(CloudEvent envelope, ImpactReport report) {
    }

    static Received read(Map<String, Object> headers, byte[] payload) {
        CloudEvent envelope = EventEnvelope.fromHeaders(headers, payload);
        if (!ImpactReport.TYPE.equals(envelope.getType())) {
            throw new MalformedEventException("unsupported event type '" + envelope.getType() + "'; this generator reads " + ImpactReport.TYPE);
        }
        if (payload == null || payload.length == 0) {
            throw new MalformedEventException("event " + envelope.getId() + " has no payload");
        }
        ImpactReport report = EventJson.read(payload, ImpactReport.class);
        if (report.reportId() == null || !report.reportId().equals(envelope.getId())) {
            throw new MalformedEventException("payload reportId " + report.reportId() + " differs from ce_id " + envelope.getId());
        }
        if (report.change() == null || report.change().database() == null) {
            throw new MalformedEventException("impact report " + report.reportId() + " carries no schema change");
        }
        return new Received(envelope, report);
    }
}
