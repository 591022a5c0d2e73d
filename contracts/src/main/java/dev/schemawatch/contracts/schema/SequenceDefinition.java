package dev.schemawatch.contracts.schema;

/** The parameters of a sequence relation, and the column that owns it, if any. */
public record SequenceDefinition(
        String dataType,
        long start,
        long increment,
        long minValue,
        long maxValue,
        long cache,
        boolean cycle,
        String ownedBy) {
}
