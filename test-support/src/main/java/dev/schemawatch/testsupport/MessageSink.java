package dev.schemawatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The local stand-in for Slack and webhook receivers: a {@link LoopbackEndpoint} that answers 200
 * and appends what a person would have read to a file, as plain text: a Slack message's header
 * and sections, a webhook notification's title and text.
 */
public final class MessageSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private MessageSink() {
    }

    public static LoopbackEndpoint start(int port, Path file) {
        LoopbackEndpoint endpoint = LoopbackEndpoint.start(port);
        endpoint.onRequest(request -> append(file, readable(request)));
        return endpoint;
    }

    static String readable(LoopbackEndpoint.Request request) {
        String time = LocalTime.ofInstant(request.receivedAt(), ZoneId.systemDefault()).format(TIME);
        StringBuilder text = new StringBuilder("\n=== ").append(time).append(" message to ").append(request.path()).append(" ===\n");
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body.has("blocks")) {
                for (JsonNode block : body.path("blocks")) {
                    switch (block.path("type").asText()) {
                        case "header" -> text.append(block.path("text").path("text").asText()).append('\n');
                        case "section" -> {
                            if (block.has("fields")) {
                                block.path("fields").forEach(field -> text.append(field.path("text").asText().replace('\n', ' ')).append("   "));
                                text.append('\n');
                            } else {
                                text.append(block.path("text").path("text").asText()).append('\n');
                            }
                        }
                        case "context" -> block.path("elements").forEach(element -> text.append(element.path("text").asText()).append('\n'));
                        case "divider" -> text.append("----\n");
                        default -> text.append(block).append('\n');
                    }
                }
            } else if (body.has("data")) {
                text.append(body.path("data").path("text").asText()).append('\n');
            } else {
                text.append(request.bodyText()).append('\n');
            }
        } catch (IOException notJson) {
            text.append(request.bodyText()).append('\n');
        }
        return text.toString();
    }

    private static synchronized void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
