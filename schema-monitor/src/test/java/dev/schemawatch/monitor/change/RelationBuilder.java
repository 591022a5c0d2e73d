package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SequenceDefinition;
import dev.schemawatch.contracts.schema.TriggerDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Builds relation definitions for tests. {@link #from} starts from an existing definition, so a
 * test states a "before" once and derives its "after" by naming only what the statement changed.
 */
final class RelationBuilder {

    private final long oid;
    private String schema;
    private String name;
    private RelationKind kind;
    private String owner = "app";
    private String comment;
    private boolean unlogged;
    private boolean rowSecurity;
    private boolean forceRowSecurity;
    private long rowEstimate;
    private long sizeBytes;
    private String partitionKey;
    private String partitionOf;
    private String partitionBound;
    private List<String> partitions = new ArrayList<>();
    private String viewDefinition;
    private SequenceDefinition sequence;
    private List<String> privileges = new ArrayList<>();
    private final List<ColumnDefinition> columns = new ArrayList<>();
    private final List<ConstraintDefinition> constraints = new ArrayList<>();
    private final List<IndexDefinition> indexes = new ArrayList<>();
    private final List<PolicyDefinition> policies = new ArrayList<>();
    private final List<TriggerDefinition> triggers = new ArrayList<>();
    private List<String> dependentViews = new ArrayList<>();

    private RelationBuilder(long oid, String schema, String name, RelationKind kind) {
        this.oid = oid;
        this.schema = schema;
        this.name = name;
        this.kind = kind;
    }

    static RelationBuilder table(long oid, String schema, String name) {
        return new RelationBuilder(oid, schema, name, RelationKind.TABLE);
    }

    static RelationBuilder view(long oid, String schema, String name, String definition) {
        return new RelationBuilder(oid, schema, name, RelationKind.VIEW).viewDefinition(definition);
    }

    static RelationBuilder sequence(long oid, String schema, String name, SequenceDefinition parameters) {
        RelationBuilder builder = new RelationBuilder(oid, schema, name, RelationKind.SEQUENCE);
        builder.sequence = parameters;
        return builder;
    }

    static RelationBuilder from(RelationDefinition r) {
        RelationBuilder b = new RelationBuilder(r.oid(), r.schema(), r.name(), r.kind());
        b.owner = r.owner();
        b.comment = r.comment();
        b.unlogged = r.unlogged();
        b.rowSecurity = r.rowSecurity();
        b.forceRowSecurity = r.forceRowSecurity();
        b.rowEstimate = r.rowEstimate();
        b.sizeBytes = r.sizeBytes();
        b.partitionKey = r.partitionKey();
        b.partitionOf = r.partitionOf();
        b.partitionBound = r.partitionBound();
        b.partitions = new ArrayList<>(r.partitions());
        b.viewDefinition = r.viewDefinition();
        b.sequence = r.sequence();
        b.privileges = new ArrayList<>(r.privileges());
        b.columns.addAll(r.columns());
        b.constraints.addAll(r.constraints());
        b.indexes.addAll(r.indexes());
        b.policies.addAll(r.policies());
        b.triggers.addAll(r.triggers());
        b.dependentViews = new ArrayList<>(r.dependentViews());
        return b;
    }

    RelationBuilder kind(RelationKind value) {
        kind = value;
        return this;
    }

    RelationBuilder named(String newSchema, String newName) {
        schema = newSchema;
        name = newName;
        return this;
    }

    RelationBuilder owner(String value) {
        owner = value;
        return this;
    }

    RelationBuilder comment(String value) {
        comment = value;
        return this;
    }

    RelationBuilder unlogged(boolean value) {
        unlogged = value;
        return this;
    }

    RelationBuilder rowSecurity(boolean value) {
        rowSecurity = value;
        return this;
    }

    RelationBuilder forceRowSecurity(boolean value) {
        forceRowSecurity = value;
        return this;
    }

    RelationBuilder rowEstimate(long value) {
        rowEstimate = value;
        return this;
    }

    RelationBuilder sizeBytes(long value) {
        sizeBytes = value;
        return this;
    }

    RelationBuilder partitionKey(String value) {
        kind = RelationKind.PARTITIONED_TABLE;
        partitionKey = value;
        return this;
    }

    RelationBuilder partitionOf(String parent, String bound) {
        partitionOf = parent;
        partitionBound = bound;
        return this;
    }

    RelationBuilder partitions(String... children) {
        partitions = new ArrayList<>(List.of(children));
        return this;
    }

    RelationBuilder viewDefinition(String value) {
        viewDefinition = value;
        return this;
    }

    RelationBuilder sequence(SequenceDefinition value) {
        sequence = value;
        return this;
    }

    RelationBuilder privileges(String... values) {
        privileges = new ArrayList<>(List.of(values));
        return this;
    }

    RelationBuilder dependentViews(String... values) {
        dependentViews = new ArrayList<>(List.of(values));
        return this;
    }

    RelationBuilder column(ColumnBuilder column) {
        return column(column.build());
    }

    /** Adds the column, or replaces the one with its attnum. */
    RelationBuilder column(ColumnDefinition column) {
        put(columns, column, c -> c.attnum() == column.attnum());
        return this;
    }

    RelationBuilder column(int attnum, String columnName, String type) {
        return column(ColumnBuilder.column(attnum, columnName, type));
    }

    RelationBuilder withoutColumn(int attnum) {
        columns.removeIf(c -> c.attnum() == attnum);
        return this;
    }

    /** Adds the constraint, or replaces the one with its OID. */
    RelationBuilder constraint(ConstraintDefinition constraint) {
        put(constraints, constraint, c -> c.oid() == constraint.oid());
        return this;
    }

    RelationBuilder withoutConstraint(long constraintOid) {
        constraints.removeIf(c -> c.oid() == constraintOid);
        return this;
    }

    RelationBuilder index(IndexDefinition index) {
        put(indexes, index, i -> i.oid() == index.oid());
        return this;
    }

    RelationBuilder withoutIndex(long indexOid) {
        indexes.removeIf(i -> i.oid() == indexOid);
        return this;
    }

    RelationBuilder policy(PolicyDefinition policy) {
        put(policies, policy, p -> p.oid() == policy.oid());
        return this;
    }

    RelationBuilder withoutPolicy(long policyOid) {
        policies.removeIf(p -> p.oid() == policyOid);
        return this;
    }

    RelationBuilder trigger(TriggerDefinition trigger) {
        put(triggers, trigger, t -> t.oid() == trigger.oid());
        return this;
    }

    RelationBuilder withoutTrigger(long triggerOid) {
        triggers.removeIf(t -> t.oid() == triggerOid);
        return this;
    }

    RelationDefinition build() {
        return new RelationDefinition(oid, schema, name, kind, owner, comment, unlogged, rowSecurity, forceRowSecurity,
                rowEstimate, sizeBytes, partitionKey, partitionOf, partitionBound, partitions, viewDefinition, sequence,
                privileges, columns, constraints, indexes, policies, triggers, dependentViews);
    }

    private static <T> void put(List<T> items, T item, Predicate<T> same) {
        for (int i = 0; i < items.size(); i++) {
            if (same.test(items.get(i))) {
                items.set(i, item);
                return;
            }
        }
        items.add(item);
    }
}
