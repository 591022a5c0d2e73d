package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.RelationDefinition;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns definition records into the {@code before}/{@code after} maps of an atomic change: one entry
 * per record component, in declaration order, so the same definition always yields the same map.
 * Null components are left out (an absent key means "none"); enums become their names and nested
 * records nested maps, so the map looks the same before and after a round trip through JSON.
 */
final class DefinitionMaps {

    private static final Set<String> SUB_OBJECTS = Set.of("columns", "constraints", "indexes", "policies", "triggers");
    private static final Set<String> CONTEXT = Set.of("rowEstimate", "sizeBytes", "dependentViews");

    private DefinitionMaps() {
    }

    static Map<String, Object> of(Record definition) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : definition.getClass().getRecordComponents()) {
            Object value = value(read(component, definition));
            if (value != null) {
                map.put(component.getName(), value);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The relation itself without its sub-objects and without the context that is no change of its
     * own (row estimate, size, dependent views): what relation-level changes carry.
     */
    static Map<String, Object> relationLevel(RelationDefinition relation) {
        Map<String, Object> map = new LinkedHashMap<>(of(relation));
        map.keySet().removeAll(SUB_OBJECTS);
        map.keySet().removeAll(CONTEXT);
        return Collections.unmodifiableMap(map);
    }

    /** A map of alternating keys and values, null values left out. */
    static Map<String, Object> entries(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], value(keysAndValues[i + 1]));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static Object value(Object value) {
        if (value instanceof Record nested) {
            return of(nested);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DefinitionMaps::value).toList();
        }
        return value;
    }

    private static Object read(RecordComponent component, Record definition) {
        try {
            return component.getAccessor().invoke(definition);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + definition.getClass(), e);
        }
    }
}
