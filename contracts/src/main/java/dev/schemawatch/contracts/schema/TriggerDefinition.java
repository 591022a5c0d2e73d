package dev.schemawatch.contracts.schema;

/** One user trigger on a relation; {@code definition} is {@code pg_get_triggerdef}. */
public record TriggerDefinition(long oid, String name, String definition, boolean enabled) {
}
