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
 * Prints every schema-change event, from the beginning of the topic, as one line a person can read: when, key,
 * CloudEvent type, command tag, each atomic change and the event id. For {@code scripts/watch-events.sh}.
 */
public final class WatchEvents {

    private static final String TOPIC = "schemawatch.schema-changes";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WatchEvents() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: WatchEvents <bootstrap servers>");
            System.exit(2);
        }
        System.out.println("Following " + TOPIC + " on " + args[0] + " from the beginning; Ctrl-C to stop.");
        KafkaBroker.at(args[0]).follow(TOPIC, record -> System.out.println(describe(record)));
    }

    private static String describe(ConsumerRecord<String, byte[]> record) {
        String time = LocalTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneId.systemDefault()).format(TIME);
        String prefix = time + "  " + record.key() + "  " + header(record, "ce_type");
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
