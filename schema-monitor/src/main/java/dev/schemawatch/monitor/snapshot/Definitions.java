package dev.schemawatch.monitor.snapshot;

import dev.schemawatch.contracts.schema.RelationDefinition;

import java.util.HashSet;
import java.util.Set;

/** Small operations on relation definitions that the catalog needs. */
final class Definitions {

    private Definitions() {
    }

    static Set<Long> subObjectOids(RelationDefinition relation) {
        Set<Long> oids = new HashSet<>();
        relation.constraints().forEach(c -> oids.add(c.oid()));
        relation.indexes().forEach(i -> oids.add(i.oid()));
        relation.policies().forEach(p -> oids.add(p.oid()));
        relation.triggers().forEach(t -> oids.add(t.oid()));
        return oids;
    }

    static RelationDefinition withoutSubObject(RelationDefinition r, long oid) {
        return new RelationDefinition(r.oid(), r.schema(), r.name(), r.kind(), r.owner(), r.comment(), r.unlogged(),
                r.rowSecurity(), r.forceRowSecurity(), r.rowEstimate(), r.sizeBytes(), r.partitionKey(), r.partitionOf(),
                r.partitionBound(), r.partitions(), r.viewDefinition(), r.sequence(), r.privileges(), r.columns(),
                r.constraints().stream().filter(c -> c.oid() != oid).toList(),
                r.indexes().stream().filter(i -> i.oid() != oid).toList(),
                r.policies().stream().filter(p -> p.oid() != oid).toList(),
                r.triggers().stream().filter(t -> t.oid() != oid).toList(),
                r.dependentViews());
    }
}
