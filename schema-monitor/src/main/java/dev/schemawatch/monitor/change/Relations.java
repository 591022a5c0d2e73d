package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TriggerDefinition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives a relation's definition after a drop the statement did not re-describe (DROP INDEX, DROP
 * TYPE ... CASCADE taking a column), so the event still carries a matching before and after.
 */
final class Relations {

    private Relations() {
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
        return copy(r, r.columns(),
                r.constraints().stream().filter(c -> c.oid() != oid).toList(),
                r.indexes().stream().filter(i -> i.oid() != oid).toList(),
                r.policies().stream().filter(p -> p.oid() != oid).toList(),
                r.triggers().stream().filter(t -> t.oid() != oid).toList());
    }

    static RelationDefinition withoutColumn(RelationDefinition r, int attnum) {
        return copy(r, r.columns().stream().filter(c -> c.attnum() != attnum).toList(),
                r.constraints(), r.indexes(), r.policies(), r.triggers());
    }

    private static RelationDefinition copy(RelationDefinition r, List<ColumnDefinition> columns,
                                           List<ConstraintDefinition> constraints, List<IndexDefinition> indexes,
                                           List<PolicyDefinition> policies, List<TriggerDefinition> triggers) {
        return new RelationDefinition(r.oid(), r.schema(), r.name(), r.kind(), r.owner(), r.comment(), r.unlogged(),
                r.rowSecurity(), r.forceRowSecurity(), r.rowEstimate(), r.sizeBytes(), r.partitionKey(),
                r.partitionOf(), r.partitionBound(), r.partitions(), r.viewDefinition(), r.sequence(), r.privileges(),
                columns, constraints, indexes, policies, triggers, r.dependentViews());
    }
}
