package dev.schemawatch.analyzer.analysis;

import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import io.cloudevents.CloudEvent;

import java.util.List;

/**
 * A schema-change event as received: its envelope, its payload, and what the analyzer did not
 * understand in it (fields or change types of a newer minor version), which the report carries as flags.
 */
public record IncomingChange(CloudEvent envelope, SchemaChangeEvent event, List<String> flags) {

    public IncomingChange {
        flags = List.copyOf(flags);
    }
}
