package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.TriggerDefinition;

import java.util.Objects;
import java.util.Optional;

/** One atomic change of a {@link JudgedEvent}, with the definitions and live figures the rules ask about. */
final class JudgedChange {

    private final int index;
    private final AtomicChange change;
    private final JudgedEvent event;

    JudgedChange(int index, AtomicChange change, JudgedEvent event) {
        this.index = index;
        this.change = change;
        this.event = event;
    }

    int index() {
        return index;
    }

    AtomicChange change() {
        return change;
    }

    ChangeType type() {
        return change.type();
    }

    boolean has(ChangeAspect aspect) {
        return change.aspects().contains(aspect);
    }

    JudgedEvent event() {
        return event;
    }

    /** {@code schema.relation}, or the schema alone for schema-level changes. */
    String relationName() {
        return JudgedEvent.qualified(change.schema(), change.relation());
    }

    /**
     * The object judged: {@code schema.relation.name}, as far as the change names it; a partition
     * change names the partition, already qualified.
     */
    String subject() {
        if (change.type() == ChangeType.PARTITION_ATTACHED || change.type() == ChangeType.PARTITION_DETACHED) {
            return change.name() == null ? relationName() : change.name();
        }
        return change.name() == null ? relationName() : relationName() + "." + change.name();
    }

    Optional<RelationDefinition> relationBefore() {
        return event.definitions().relationBefore(change);
    }

    Optional<RelationDefinition> relationAfter() {
        return event.definitions().relationAfter(change);
    }

    Optional<ColumnDefinition> columnBefore() {
        return event.definitions().columnBefore(change);
    }

    Optional<ColumnDefinition> columnAfter() {
        return event.definitions().columnAfter(change);
    }

    Optional<ConstraintDefinition> constraintBefore() {
        return event.definitions().constraintBefore(change);
    }

    Optional<ConstraintDefinition> constraintAfter() {
        return event.definitions().constraintAfter(change);
    }

    Optional<IndexDefinition> indexBefore() {
        return event.definitions().indexBefore(change);
    }

    Optional<IndexDefinition> indexAfter() {
        return event.definitions().indexAfter(change);
    }

    Optional<PolicyDefinition> policyBefore() {
        return event.definitions().policyBefore(change);
    }

    Optional<TriggerDefinition> triggerBefore() {
        return event.definitions().triggerBefore(change);
    }

    Optional<TriggerDefinition> triggerAfter() {
        return event.definitions().triggerAfter(change);
    }

    /**
     * The relation the change belongs to, after the statement or else before it; when the event
     * carries neither, a definition holding only its name and kind, which is all the live
     * database needs to answer for it.
     */
    RelationDefinition table() {
        return relationAfter().or(this::relationBefore).orElseGet(() -> nameOnly(change.schema(), change.relation(), kind()));
    }

    /**
     * What kind of relation the change belongs to: from its definition, else from the event's
     * primary object when that is the same relation; null when nothing says or it is no relation.
     */
    RelationKind kind() {
        Optional<RelationDefinition> relation = relationAfter().or(this::relationBefore);
        if (relation.isPresent() && relation.get().kind() != null) {
            return relation.get().kind();
        }
        return switch (primaryObjectType()) {
            case "table" -> RelationKind.TABLE;
            case "foreign table" -> RelationKind.FOREIGN_TABLE;
            case "view" -> RelationKind.VIEW;
            case "materialized view" -> RelationKind.MATERIALIZED_VIEW;
            case "sequence" -> RelationKind.SEQUENCE;
            default -> null;
        };
    }

    /**
     * Whether the change is on a table. When the event says nothing about the relation's kind,
     * a change of a relation that is not a known type counts as one on a table, the usual case.
     */
    boolean onTable() {
        if (change.relation() == null) {
            return false;
        }
        RelationKind kind = kind();
        if (kind != null) {
            return kind.isTable();
        }
        return !aboutType();
    }

    /** Whether the change is about a user-defined type (its {@code relation} then names the type). */
    boolean aboutType() {
        return event.definitions().typeAfter(change).isPresent() || event.definitions().typeBefore(change).isPresent()
                || primaryObjectType().equals("type") || primaryObjectType().equals("domain");
    }

    /** PostgreSQL's object type of the event's primary object when this change is about it, else "". */
    private String primaryObjectType() {
        var source = event.event();
        boolean same = source.objectType() != null && change.relation() != null
                && change.relation().equals(source.objectName()) && Objects.equals(change.schema(), source.schema());
        return same ? source.objectType() : "";
    }

    /** Whether the change is on a table that existed before the statement. */
    boolean onExistingTable() {
        return onTable() && !event.created(change.schema(), change.relation());
    }

    TableSize size() {
        return event.size(table());
    }

    /** Whether the table existed before the statement and holds rows now. */
    boolean onExistingTableWithRows() {
        return onExistingTable() && size().hasRows();
    }

    static RelationDefinition nameOnly(String schema, String name, RelationKind kind) {
        return new RelationDefinition(0, schema, name, kind == null ? RelationKind.TABLE : kind, null, null, false, false,
                false, -1, 0, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
