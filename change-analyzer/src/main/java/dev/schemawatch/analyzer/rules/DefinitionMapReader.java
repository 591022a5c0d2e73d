package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SequenceDefinition;
import dev.schemawatch.contracts.schema.TriggerDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the {@code before}/{@code after} maps of an atomic change back into definition records.
 * The monitor writes one entry per record component and leaves null components out, so an absent
 * key is null (or false, or empty); after a trip through JSON numbers may arrive as any
 * {@link Number} and enums as their names, which is what this accepts.
 */
final class DefinitionMapReader {

    private DefinitionMapReader() {
    }

    static ColumnDefinition column(Map<String, Object> map) {
        return new ColumnDefinition((int) number(map, "attnum"), text(map, "name"), text(map, "type"),
                flag(map, "notNull"), text(map, "defaultValue"), text(map, "identity"), text(map, "generated"),
                text(map, "collation"), text(map, "comment"));
    }

    static ConstraintDefinition constraint(Map<String, Object> map) {
        return new ConstraintDefinition(number(map, "oid"), text(map, "name"), constant(ConstraintType.class, map, "type"),
                text(map, "definition"), texts(map, "columns"), flag(map, "validated"), flag(map, "deferrable"),
                flag(map, "initiallyDeferred"), text(map, "referencedSchema"), text(map, "referencedTable"),
                texts(map, "referencedColumns"), text(map, "onUpdate"), text(map, "onDelete"), text(map, "matchType"));
    }

    static IndexDefinition index(Map<String, Object> map) {
        return new IndexDefinition(number(map, "oid"), text(map, "name"), text(map, "definition"), texts(map, "columns"),
                flag(map, "unique"), flag(map, "primary"), flag(map, "valid"));
    }

    static PolicyDefinition policy(Map<String, Object> map) {
        return new PolicyDefinition(number(map, "oid"), text(map, "name"), text(map, "command"), flag(map, "permissive"),
                texts(map, "roles"), text(map, "using"), text(map, "withCheck"));
    }

    static TriggerDefinition trigger(Map<String, Object> map) {
        return new TriggerDefinition(number(map, "oid"), text(map, "name"), text(map, "definition"), flag(map, "enabled"));
    }

    /**
     * A relation from a whole-definition map (TABLE_ADDED, TABLE_REMOVED...) or a relation-level
     * one, which has no sub-objects, size or dependants: those then read as empty.
     */
    static RelationDefinition relation(Map<String, Object> map) {
        return new RelationDefinition(number(map, "oid"), text(map, "schema"), text(map, "name"),
                constant(RelationKind.class, map, "kind"), text(map, "owner"), text(map, "comment"), flag(map, "unlogged"),
                flag(map, "rowSecurity"), flag(map, "forceRowSecurity"), number(map, "rowEstimate"),
                number(map, "sizeBytes"), text(map, "partitionKey"), text(map, "partitionOf"), text(map, "partitionBound"),
                texts(map, "partitions"), text(map, "viewDefinition"), sequence(nested(map, "sequence")),
                texts(map, "privileges"), records(map, "columns", DefinitionMapReader::column),
                records(map, "constraints", DefinitionMapReader::constraint),
                records(map, "indexes", DefinitionMapReader::index), records(map, "policies", DefinitionMapReader::policy),
                records(map, "triggers", DefinitionMapReader::trigger), texts(map, "dependentViews"));
    }

    static TypeDefinition type(Map<String, Object> map) {
        return new TypeDefinition(number(map, "oid"), text(map, "schema"), text(map, "name"),
                constant(TypeKind.class, map, "kind"), text(map, "owner"), text(map, "comment"), texts(map, "labels"),
                text(map, "baseType"), texts(map, "constraints"), texts(map, "attributes"));
    }

    static SequenceDefinition sequence(Map<String, Object> map) {
        if (map == null) {
            return null;
        }
        return new SequenceDefinition(text(map, "dataType"), number(map, "start"), number(map, "increment"),
                number(map, "minValue"), number(map, "maxValue"), number(map, "cache"), flag(map, "cycle"),
                text(map, "ownedBy"));
    }

    /** Whether the map describes a relation rather than a type: its {@code kind} names a relation kind. */
    static boolean describesRelation(Map<String, Object> map) {
        return map != null && constant(RelationKind.class, map, "kind") != null;
    }

    static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    static long number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    static boolean flag(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Boolean bool ? bool : value != null && Boolean.parseBoolean(value.toString());
    }

    static List<String> texts(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof List<?> list)) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(list.size());
        list.forEach(item -> texts.add(item == null ? null : item.toString()));
        return texts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> map, String key) {
        return map.get(key) instanceof Map<?, ?> nested ? (Map<String, Object>) nested : null;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> records(Map<String, Object> map, String key,
                                       Function<Map<String, Object>, T> reader) {
        if (!(map.get(key) instanceof List<?> list)) {
            return List.of();
        }
        List<T> records = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof Map<?, ?> nested) {
                records.add(reader.apply((Map<String, Object>) nested));
            }
        }
        return records;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.toString())) {
                return constant;
            }
        }
        return null;
    }
}
