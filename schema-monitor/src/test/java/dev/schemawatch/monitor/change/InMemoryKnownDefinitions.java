package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The monitor's last known catalog, held in maps, for tests. */
final class InMemoryKnownDefinitions implements KnownDefinitions {

    private final Map<Long, RelationDefinition> relations = new LinkedHashMap<>();
    private final Map<Long, TypeDefinition> types = new LinkedHashMap<>();
    private final Map<Long, String> schemas = new LinkedHashMap<>();

    static InMemoryKnownDefinitions nothingKnown() {
        return new InMemoryKnownDefinitions();
    }

    static InMemoryKnownDefinitions knowing(RelationDefinition... definitions) {
        InMemoryKnownDefinitions known = new InMemoryKnownDefinitions();
        for (RelationDefinition definition : definitions) {
            known.relations.put(definition.oid(), definition);
        }
        return known;
    }

    InMemoryKnownDefinitions type(TypeDefinition definition) {
        types.put(definition.oid(), definition);
        return this;
    }

    InMemoryKnownDefinitions schema(long oid, String name) {
        schemas.put(oid, name);
        return this;
    }

    @Override
    public Optional<RelationDefinition> relation(long oid) {
        return Optional.ofNullable(relations.get(oid));
    }

    @Override
    public Optional<TypeDefinition> type(long oid) {
        return Optional.ofNullable(types.get(oid));
    }

    @Override
    public Optional<RelationDefinition> relationOwning(long subObjectOid) {
        return relations.values().stream()
                .filter(r -> Stream.of(
                                r.constraints().stream().map(c -> c.oid()),
                                r.indexes().stream().map(i -> i.oid()),
                                r.policies().stream().map(p -> p.oid()),
                                r.triggers().stream().map(t -> t.oid()))
                        .flatMap(oids -> oids)
                        .anyMatch(oid -> oid == subObjectOid))
                .findFirst();
    }

    @Override
    public Optional<String> schemaName(long schemaOid) {
        return Optional.ofNullable(schemas.get(schemaOid));
    }
}
