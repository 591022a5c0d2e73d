package dev.schemawatch.analyzer.analysis;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.envelope.MalformedEventException;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import io.cloudevents.CloudEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads schema-change events tolerantly where the contract allows it and strictly where it does
 * not. A newer minor version (fields or change types this analyzer does not know) is read as far as
 * possible and flagged; an unknown change type is judged as OTHER. Anything that is not a
 * {@value SchemaChangeEvent#TYPE} event with an id, a database and at least one change is malformed.
 */
public final class IncomingChanges {

    private static final Set<String> EVENT_FIELDS = componentNames(SchemaChangeEvent.class);
    private static final Set<String> CHANGE_FIELDS = componentNames(AtomicChange.class);
    private static final Set<String> CHANGE_TYPES = EnumSet.allOf(ChangeType.class).stream().map(Enum::name).collect(Collectors.toSet());

    private IncomingChanges() {
    }

    /**
     * @throws MalformedEventException when the record is no readable schema-change event; it goes to the dead-letter topic
     */
    public static IncomingChange read(Map<String, Object> headers, byte[] payload) {
        CloudEvent envelope = EventEnvelope.fromHeaders(headers, payload);
        if (!SchemaChangeEvent.TYPE.equals(envelope.getType())) {
            throw new MalformedEventException("unsupported event type '" + envelope.getType() + "'; this analyzer reads "
                    + SchemaChangeEvent.TYPE);
        }
        if (payload == null || payload.length == 0) {
            throw new MalformedEventException("event " + envelope.getId() + " has no payload");
        }
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(payload);
        } catch (JacksonException e) {
            throw new MalformedEventException("payload of event " + envelope.getId() + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new MalformedEventException("payload of event " + envelope.getId() + " is not a JSON object");
        }
        List<String> flags = new ArrayList<>();
        unknownFields(root, EVENT_FIELDS).forEach(field -> flags.add("unknown field '" + field + "' ignored (newer minor version?)"));
        JsonNode changes = root.path("changes");
        if (!changes.isArray() || changes.isEmpty()) {
            throw new MalformedEventException("event " + envelope.getId() + " carries no changes");
        }
        for (JsonNode change : changes) {
            if (!(change instanceof ObjectNode changeObject)) {
                throw new MalformedEventException("event " + envelope.getId() + " has a change that is not an object");
            }
            unknownFields(changeObject, CHANGE_FIELDS)
                    .forEach(field -> flags.add("unknown change field '" + field + "' ignored (newer minor version?)"));
            String type = changeObject.path("type").asText("");
            if (!CHANGE_TYPES.contains(type)) {
                flags.add("unknown change type '" + type + "' analysed as OTHER");
                changeObject.put("type", ChangeType.OTHER.name());
            }
        }
        SchemaChangeEvent event;
        try {
            event = EventJson.mapper().treeToValue(root, SchemaChangeEvent.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("payload of event " + envelope.getId() + " is not a valid SchemaChangeEvent: "
                    + e.getOriginalMessage(), e);
        }
        require(event.eventId() != null && event.eventId().equals(envelope.getId()),
                "payload eventId " + event.eventId() + " differs from ce_id " + envelope.getId());
        require(event.database() != null && !event.database().isBlank(), "event " + envelope.getId() + " names no database");
        require(event.schema() != null, "event " + envelope.getId() + " names no schema");
        return new IncomingChange(envelope, event, flags);
    }

    private static List<String> unknownFields(ObjectNode node, Set<String> known) {
        return node.propertyNames().stream().filter(name -> !known.contains(name)).sorted().toList();
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new MalformedEventException(reason);
        }
    }

    private static Set<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }
}
