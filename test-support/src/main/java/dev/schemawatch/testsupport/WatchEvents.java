package dev.schemawatch.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Prints every schema-change event and impact report, from the beginning of their topics, as one line a person
 * can read: when, key, CloudEvent type, then a change's command tag and atomic changes, or a report's severity,
 * compatibility and rule codes, and the correlation id that ties a report to its change. For
 * {@code scripts/watch-events.sh}.
 */
public final class WatchEvents {

    private static final String SCHEMA_CHANGES = "schemawatch.schema-changes";
    private static final String IMPACT_REPORTS = "schemawatch.impact-reports";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WatchEvents() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: WatchEvents <bootstrap servers>");
            System.exit(2);
        }
        System.out.println("Following " + SCHEMA_CHANGES + " and " + IMPACT_REPORTS + " on " + args[0]
                + " from the beginning; Ctrl-C to stop.");
        KafkaBroker broker = KafkaBroker.at(args[0]);
        Thread reports = new Thread(() -> broker.follow(IMPACT_REPORTS, WatchEvents::print), "watch-" + IMPACT_REPORTS);
        reports.setDaemon(true);
        reports.start();
        broker.follow(SCHEMA_CHANGES, WatchEvents::print);
    }

    private static synchronized void print(ConsumerRecord<String, byte[]> record) {
        System.out.println(record.topic().equals(IMPACT_REPORTS) ? describeReport(record) : describe(record));
    }

    private static String describeReport(ConsumerRecord<String, byte[]> record) {
        String prefix = time(record) + "  " + record.key() + "  " + header(record, "ce_type");
        try {
            JsonNode report = JSON.readTree(record.value());
            List<String> findings = new ArrayList<>();
            report.path("findings").forEach(finding -> findings.add(finding.path("code").asText() + " " + finding.path("title").asText()));
            return prefix + "  " + report.path("severity").asText()
                    + (report.path("backwardCompatible").asBoolean() ? "" : ", not backward compatible")
                    + (report.path("requiresApproval").asBoolean() ? ", requires approval" : "")
                    + (report.path("partial").asBoolean() ? ", partial" : "")
                    + ": " + (findings.isEmpty() ? "no findings" : String.join("; ", findings))
                    + "  [for " + header(record, "ce_correlationid") + "]";
        }
        catch (IOException e) {
            return prefix + "  (payload is not JSON: " + e.getMessage() + ")";
        }
    }

    private static String time(ConsumerRecord<String, byte[]> record) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneId.systemDefault()).format(TIME);
    }

    private static String describe(ConsumerRecord<String, byte[]> record) {
        String prefix = time(record) + "  " + record.key() + "  " + header(record, "ce_type");
        try {
            JsonNode event = JSON.readTree(record.value());
            List<String> changes = new ArrayList<>();
            event.path("changes").forEach(change -> changes.add(change.path("type").asText() + " " + change.path("summary").asText()));
            return prefix + "  " + event.path("commandTag").asText() + ": " + String.join("; ", changes)
                    + "  [id " + event.path("eventId").asText() + "]";
        }
        catch (IOException e) {
            // Keep following: one record that is not the expected JSON should not end the watch.
            return prefix + "  (payload is not JSON: " + e.getMessage() + ")";
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "(no " + name + ")" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
