package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a valid row of a table together with the parent rows its foreign keys need, parents first
 * (a depth-first walk over the foreign keys: a row is listed after every row it references).
 * <p>
 * Every insertable column gets a value, including identity and serial columns (with OVERRIDING
 * SYSTEM VALUE for identity ALWAYS): keys are then known to the children, and no sequence, which a
 * rollback would not undo, is advanced. Generated columns are left to PostgreSQL; a column of a type
 * without test data is left to its default, or NULL when nullable.
 * <p>
 * Cycles among foreign keys are broken where the schema allows it:
 * <ul>
 *   <li>a self reference points at the row itself when NOT NULL (checked at the end of the
 *       statement, so it holds), and is NULL when nullable;</li>
 *   <li>a nullable key that leads into a cycle is NULL: the cycle is entered from its other side.
 *       The REFERENTIAL_INTEGRITY case of that key then closes the loop with an UPDATE;</li>
 *   <li>a NOT NULL key back into a table whose row is being planned is filled with that row's
 *       (already chosen) key when the constraint is DEFERRABLE: the steps start with
 *       {@code SET CONSTRAINTS ALL DEFERRED};</li>
 *   <li>otherwise no valid row exists and planning fails with {@link Unsatisfiable}: the case is
 *       generated with a skip reason.</li>
 * </ul>
 */
final class RowPlanner {

    private final TableModel model;
    private final TestData data;
    /** Values of unique columns limited to a CHECK's list, already used in the current case. */
    private final Map<String, Set<String>> usedListValues = new HashMap<>();

    RowPlanner(TableModel model, TestData data) {
        this.model = model;
        this.data = data;
    }

    /** No valid row can be planned; the message says why. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable(String message) {
            super(message, null, false, false);
        }
    }

    /** Starts a new case: values of listed unique columns may be used again. */
    void startCase() {
        usedListValues.clear();
    }

    RowSet plan(RelationDefinition table, long rowSeed) {
        Walk walk = new Walk();
        Row row = walk.build(table, rowSeed);
        return new RowSet(walk.deferred, walk.parents, row);
    }

    String value(RelationDefinition table, ColumnDefinition column, long rowSeed) {
        return valueOrAbsent(table, column, rowSeed, TableModel.uniqueColumns(table).contains(column.name()));
    }

    private static final String ABSENT = "\u0000absent";

    private String valueOrAbsent(RelationDefinition table, ColumnDefinition column, long rowSeed, boolean unique) {
        ColumnType type = model.type(column);
        List<ConstraintDefinition> checks = TableModel.checksOn(table, column.name());
        CheckRule rule = null;
        for (ConstraintDefinition check : checks) {
            CheckRule candidate = CheckRule.of(check, column.name());
            if (!candidate.understood() && !column.notNull()) {
                // NULL satisfies any CHECK: safer than a value the CHECK may reject.
                return null;
            }
            rule = candidate.understood() ? candidate : rule;
        }
        if (unique && rule != null && !rule.allowed().isEmpty()) {
            return unusedListValue(table, column, rule);
        }
        String value = data.value(column, type, rowSeed, unique, rule);
        if (value != null) {
            return value;
        }
        if (column.defaultValue() != null || column.identity() != null) {
            return ABSENT;
        }
        if (!column.notNull()) {
            return null;
        }
        throw new Unsatisfiable("no test data for type " + column.type() + " of NOT NULL column " + column.name());
    }

    /** A unique column allows only the CHECK's few values: each row of a case takes another one. */
    private String unusedListValue(RelationDefinition table, ColumnDefinition column, CheckRule rule) {
        Set<String> used = usedListValues.computeIfAbsent(table.qualifiedName() + "\u0000" + column.name(), key -> new HashSet<>());
        for (String candidate : rule.allowed()) {
            if (used.add(candidate)) {
                return candidate;
            }
        }
        throw new Unsatisfiable("unique column " + column.name() + " allows only " + rule.allowed().size() + " values, all used in this case");
    }

    private final class Walk {
        private final List<Row> parents = new ArrayList<>();
        private final Map<String, Map<String, String>> inProgress = new HashMap<>();
        private boolean deferred;

        Row build(RelationDefinition table, long rowSeed) {
            Set<String> keyColumns = TableModel.foreignKeyColumns(table);
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> unique = TableModel.uniqueColumns(table);
            for (ColumnDefinition column : table.columns()) {
                if (TableModel.insertable(column) && !keyColumns.contains(column.name())) {
                    values.put(column.name(), valueOrAbsent(table, column, rowSeed, unique.contains(column.name())));
                }
            }
            inProgress.put(table.qualifiedName(), values);
            for (ConstraintDefinition key : TableModel.constraints(table, ConstraintType.FOREIGN_KEY)) {
                fillForeignKey(table, key, values, TestData.mix(rowSeed, key.name()));
            }
            inProgress.remove(table.qualifiedName());
            return toRow(table, values);
        }

        private void fillForeignKey(RelationDefinition table, ConstraintDefinition key, Map<String, String> values, long parentSeed) {
            boolean nullable = key.columns().stream()
                    .allMatch(name -> TableModel.column(table, name).map(column -> !column.notNull()).orElse(false));
            Optional<RelationDefinition> parent = model.relation(key.referencedSchema(), key.referencedTable());
            if (parent.isEmpty()) {
                if (nullable) {
                    setAll(values, key.columns(), null);
                    return;
                }
                throw new Unsatisfiable("referenced table " + key.referencedSchema() + "." + key.referencedTable()
                        + " of NOT NULL foreign key " + key.name() + " is not among the definitions");
            }
            RelationDefinition referenced = parent.get();
            if (referenced.qualifiedName().equals(table.qualifiedName())) {
                if (nullable) {
                    setAll(values, key.columns(), null);
                } else {
                    copyKey(key, values, values);
                }
                return;
            }
            Map<String, String> ancestor = inProgress.get(referenced.qualifiedName());
            if (ancestor != null) {
                if (nullable) {
                    setAll(values, key.columns(), null);
                } else if (key.deferrable()) {
                    deferred = true;
                    copyKey(key, ancestor, values);
                } else {
                    throw new Unsatisfiable("foreign key " + key.name() + " closes a cycle and is neither nullable nor deferrable");
                }
                return;
            }
            if (nullable && model.reaches(referenced, table)) {
                setAll(values, key.columns(), null);
                return;
            }
            Row parentRow = build(referenced, parentSeed);
            parents.add(parentRow);
            for (int i = 0; i < key.columns().size(); i++) {
                values.put(key.columns().get(i), parentRow.value(key.referencedColumns().get(i)));
            }
        }

        private void copyKey(ConstraintDefinition key, Map<String, String> from, Map<String, String> to) {
            for (int i = 0; i < key.columns().size(); i++) {
                String value = from.get(key.referencedColumns().get(i));
                if (value == null || value.equals(ABSENT)) {
                    throw new Unsatisfiable("foreign key " + key.name() + " needs a value of " + key.referencedColumns().get(i) + " before it is known");
                }
                to.put(key.columns().get(i), value);
            }
        }

        private void setAll(Map<String, String> values, List<String> columns, String value) {
            columns.forEach(column -> values.put(column, value));
        }
    }

    /** Columns in table order; absent ones (left to their default) are not listed. */
    Row toRow(RelationDefinition table, Map<String, String> values) {
        List<String> columns = new ArrayList<>();
        List<String> rowValues = new ArrayList<>();
        boolean overriding = false;
        for (ColumnDefinition column : table.columns()) {
            if (!values.containsKey(column.name()) || ABSENT.equals(values.get(column.name()))) {
                continue;
            }
            columns.add(column.name());
            rowValues.add(values.get(column.name()));
            overriding |= "ALWAYS".equals(column.identity());
        }
        return new Row(table.schema(), table.name(), columns, rowValues, overriding);
    }
}
