package dev.schemawatch.monitor.snapshot;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.List;
import java.util.Map;

/** The whole user catalog of a database at one moment: the baseline, or what reconciliation reads. */
public record CatalogState(List<RelationDefinition> relations, List<TypeDefinition> types, Map<Long, String> schemas) {
}
