package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The relations and enum types one suite is generated from: look-ups by name, keys, constraints
 * on a column, and which foreign keys close a cycle.
 */
final class TableModel {

    private final Map<String, RelationDefinition> relations = new HashMap<>();
    private final Map<String, TypeDefinition> enums = new HashMap<>();
    private final Map<String, ColumnType> columnTypes = new HashMap<>();

    TableModel(List<RelationDefinition> definitions, List<TypeDefinition> types) {
        definitions.forEach(relation -> relations.put(key(relation.schema(), relation.name()), relation));
        for (TypeDefinition type : types) {
            if (type.kind() == TypeDefinition.TypeKind.ENUM) {
                enums.put(type.name(), type);
                enums.put(type.schema() + "." + type.name(), type);
            }
        }
    }

    /** The same model with {@code replacement} standing in for the relation of the same oid or name. */
    TableModel with(RelationDefinition replacement) {
        TableModel model = new TableModel(List.copyOf(relations.values()), List.of());
        model.enums.putAll(enums);
        model.relations.values().removeIf(relation -> relation.oid() == replacement.oid());
        model.relations.put(key(replacement.schema(), replacement.name()), replacement);
        return model;
    }

    Optional<RelationDefinition> relation(String schema, String name) {
        return Optional.ofNullable(relations.get(key(schema, name)));
    }

    ColumnType type(ColumnDefinition column) {
        return columnTypes.computeIfAbsent(column.type(), type -> ColumnType.parse(type, enums));
    }

    static Optional<ColumnDefinition> column(RelationDefinition table, String name) {
        return table.columns().stream().filter(column -> column.name().equals(name)).findFirst();
    }

    static List<ConstraintDefinition> constraints(RelationDefinition table, ConstraintType type) {
        return table.constraints().stream().filter(constraint -> constraint.type() == type).toList();
    }

    static Optional<ConstraintDefinition> primaryKey(RelationDefinition table) {
        return constraints(table, ConstraintType.PRIMARY_KEY).stream().findFirst();
    }

    /** Columns that must hold distinct values per row: those of primary keys and unique constraints. */
    static Set<String> uniqueColumns(RelationDefinition table) {
        Set<String> columns = new HashSet<>();
        for (ConstraintDefinition constraint : table.constraints()) {
            if (constraint.type() == ConstraintType.PRIMARY_KEY || constraint.type() == ConstraintType.UNIQUE) {
                columns.addAll(constraint.columns());
            }
        }
        return columns;
    }

    static Set<String> foreignKeyColumns(RelationDefinition table) {
        Set<String> columns = new HashSet<>();
        constraints(table, ConstraintType.FOREIGN_KEY).forEach(constraint -> columns.addAll(constraint.columns()));
        return columns;
    }

    static List<ConstraintDefinition> checksOn(RelationDefinition table, String column) {
        return constraints(table, ConstraintType.CHECK).stream().filter(check -> check.columns().contains(column)).toList();
    }

    static boolean insertable(ColumnDefinition column) {
        return column.generated() == null;
    }

    /** Whether following foreign keys from {@code from} leads back to {@code to}. */
    boolean reaches(RelationDefinition from, RelationDefinition to) {
        Deque<RelationDefinition> pending = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            RelationDefinition current = pending.pop();
            if (!seen.add(current.qualifiedName())) {
                continue;
            }
            for (ConstraintDefinition key : constraints(current, ConstraintType.FOREIGN_KEY)) {
                Optional<RelationDefinition> parent = relation(key.referencedSchema(), key.referencedTable());
                if (parent.isPresent()) {
                    if (parent.get().oid() == to.oid() && parent.get().name().equals(to.name())) {
                        return true;
                    }
                    pending.push(parent.get());
                }
            }
        }
        return false;
    }

    private static String key(String schema, String name) {
        return schema + "\u0000" + name;
    }
}
