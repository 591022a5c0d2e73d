package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.schema.TriggerDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The typed definitions a schema-change event carries for each of its atomic changes: the
 * relation before and after, and the changed column, constraint, index, policy, trigger or type
 * before and after.
 *
 * <p>The event's own {@code before}/{@code after} relation definitions are preferred: the relation
 * after is found by the change's schema and name (which are those after the statement), the one
 * before by the same OID, so renames are seen through; a column before is found by the
 * {@code attnum} of the column after. When the event has no such definition (it left them out to
 * respect the message size limit, or the monitor did not know the relation) the change's own
 * {@code before}/{@code after} maps are read instead. When neither is there the answer is empty.
 */
public final class EventDefinitions {

    private final SchemaChangeEvent event;
    private final Map<Name, RelationDefinition> afterByName = new HashMap<>();
    private final Map<Name, RelationDefinition> beforeByName = new HashMap<>();
    private final Map<Long, RelationDefinition> beforeByOid = new HashMap<>();

    public EventDefinitions(SchemaChangeEvent event) {
        this.event = event;
        event.after().forEach(r -> afterByName.put(new Name(r.schema(), r.name()), r));
        event.before().forEach(r -> {
            beforeByName.put(new Name(r.schema(), r.name()), r);
            beforeByOid.put(r.oid(), r);
        });
    }

    /** The relation the change belongs to, as the statement left it; empty when it was dropped. */
    public Optional<RelationDefinition> relationAfter(AtomicChange change) {
        RelationDefinition typed = afterByName.get(new Name(change.schema(), change.relation()));
        if (typed != null) {
            return Optional.of(typed);
        }
        return DefinitionMapReader.describesRelation(change.after())
                ? Optional.of(DefinitionMapReader.relation(change.after()))
                : Optional.empty();
    }

    /** The relation the change belongs to, as it was before the statement; empty when it was created. */
    public Optional<RelationDefinition> relationBefore(AtomicChange change) {
        RelationDefinition after = afterByName.get(new Name(change.schema(), change.relation()));
        RelationDefinition typed = after != null
                ? beforeByOid.get(after.oid())
                : beforeByName.get(new Name(change.schema(), change.relation()));
        if (typed != null) {
            return Optional.of(typed);
        }
        return DefinitionMapReader.describesRelation(change.before())
                ? Optional.of(DefinitionMapReader.relation(change.before()))
                : Optional.empty();
    }

    /** Any relation the event describes under this name, preferring its definition after the statement. */
    public Optional<RelationDefinition> relation(String schema, String name) {
        Name key = new Name(schema, name);
        return Optional.ofNullable(afterByName.getOrDefault(key, beforeByName.get(key)));
    }

    public Optional<ColumnDefinition> columnAfter(AtomicChange change) {
        return relationAfter(change)
                .flatMap(r -> named(r.columns(), ColumnDefinition::name, change.name()))
                .or(() -> fromMap(change.after(), "attnum", DefinitionMapReader::column));
    }

    public Optional<ColumnDefinition> columnBefore(AtomicChange change) {
        Optional<RelationDefinition> before = relationBefore(change);
        Optional<ColumnDefinition> after = relationAfter(change)
                .flatMap(r -> named(r.columns(), ColumnDefinition::name, change.name()));
        Optional<ColumnDefinition> typed = after.isPresent()
                ? before.flatMap(r -> r.columns().stream().filter(c -> c.attnum() == after.get().attnum()).findFirst())
                : before.flatMap(r -> named(r.columns(), ColumnDefinition::name, nameBefore(change)));
        return typed.or(() -> fromMap(change.before(), "attnum", DefinitionMapReader::column));
    }

    public Optional<ConstraintDefinition> constraintAfter(AtomicChange change) {
        return relationAfter(change)
                .flatMap(r -> named(r.constraints(), ConstraintDefinition::name, change.name()))
                .or(() -> fromMap(change.after(), "validated", DefinitionMapReader::constraint));
    }

    public Optional<ConstraintDefinition> constraintBefore(AtomicChange change) {
        return relationBefore(change)
                .flatMap(r -> named(r.constraints(), ConstraintDefinition::name, nameBefore(change)))
                .or(() -> fromMap(change.before(), "validated", DefinitionMapReader::constraint));
    }

    public Optional<IndexDefinition> indexAfter(AtomicChange change) {
        return relationAfter(change)
                .flatMap(r -> named(r.indexes(), IndexDefinition::name, change.name()))
                .or(() -> fromMap(change.after(), "unique", DefinitionMapReader::index));
    }

    public Optional<IndexDefinition> indexBefore(AtomicChange change) {
        return relationBefore(change)
                .flatMap(r -> named(r.indexes(), IndexDefinition::name, nameBefore(change)))
                .or(() -> fromMap(change.before(), "unique", DefinitionMapReader::index));
    }

    public Optional<PolicyDefinition> policyBefore(AtomicChange change) {
        return relationBefore(change)
                .flatMap(r -> named(r.policies(), PolicyDefinition::name, nameBefore(change)))
                .or(() -> fromMap(change.before(), "permissive", DefinitionMapReader::policy));
    }

    public Optional<TriggerDefinition> triggerAfter(AtomicChange change) {
        return relationAfter(change)
                .flatMap(r -> named(r.triggers(), TriggerDefinition::name, change.name()))
                .or(() -> fromMap(change.after(), "enabled", DefinitionMapReader::trigger));
    }

    public Optional<TriggerDefinition> triggerBefore(AtomicChange change) {
        return relationBefore(change)
                .flatMap(r -> named(r.triggers(), TriggerDefinition::name, nameBefore(change)))
                .or(() -> fromMap(change.before(), "enabled", DefinitionMapReader::trigger));
    }

    /** The user-defined type the change belongs to, after the statement. */
    public Optional<TypeDefinition> typeAfter(AtomicChange change) {
        return event.types().stream()
                .filter(t -> t.schema().equals(change.schema()) && t.name().equals(change.relation()))
                .findFirst()
                .or(() -> fromMap(change.after(), "labels", DefinitionMapReader::type));
    }

    /** The type before the statement: only type-level changes carry it (as their before map). */
    public Optional<TypeDefinition> typeBefore(AtomicChange change) {
        return fromMap(change.before(), "labels", DefinitionMapReader::type);
    }

    /** A sub-object's name before the statement: renamed ones carry it as previousName. */
    private static String nameBefore(AtomicChange change) {
        return change.previousName() != null ? change.previousName() : change.name();
    }

    private static <T> Optional<T> named(List<T> items, Function<T, String> name, String wanted) {
        if (wanted == null) {
            return Optional.empty();
        }
        for (T item : items) {
            if (wanted.equals(name.apply(item))) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a map only when it holds the key every map of that kind has (the monitor always writes
     * boolean components), so a map of another kind of object is never misread.
     */
    private static <T> Optional<T> fromMap(Map<String, Object> map, String distinctiveKey,
                                           Function<Map<String, Object>, T> reader) {
        return map != null && map.containsKey(distinctiveKey) ? Optional.of(reader.apply(map)) : Optional.empty();
    }

    private record Name(String schema, String name) {
    }
}
