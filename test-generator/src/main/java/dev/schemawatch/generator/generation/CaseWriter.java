package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.generator.generation.ColumnType.Kind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the cases of each category for one suite: chooses rows and values in Java, renders the
 * SQL and expectations from the category's template. Deterministic: a case's data depends only on
 * the suite's seed and the case's id. One instance per generation (it holds the seeded test data).
 */
final class CaseWriter {

    private final String suiteId;
    private final long seed;
    private final TableModel model;
    private final RowPlanner planner;
    private final StepTemplates templates;
    private final Display display = new Display();

    CaseWriter(String suiteId, long seed, TableModel model, StepTemplates templates) {
        this.suiteId = suiteId;
        this.seed = seed;
        this.model = model;
        this.planner = new RowPlanner(model, new TestData(seed));
        this.templates = templates;
    }

    // ---- SCHEMA_CONTRACT -------------------------------------------------------------------

    TestCase contract(RelationDefinition table) {
        return write(CaseCategory.SCHEMA_CONTRACT, table, table.qualifiedName(), table.qualifiedName() + " keeps its columns, types and key", caseSeed -> {
            Map<String, Object> values = context(table);
            values.put("columns", table.columns());
            values.put("relkind", switch (table.kind()) {
                case PARTITIONED_TABLE -> "p";
                case FOREIGN_TABLE -> "f";
                default -> "r";
            });
            values.put("primaryKey", TableModel.primaryKey(table).map(key -> String.join(",", key.columns())).orElse(""));
            return render("sql/contract.vm", values);
        });
    }

    // ---- CRUD_ROUND_TRIP -------------------------------------------------------------------

    TestCase crud(RelationDefinition table) {
        return write(CaseCategory.CRUD_ROUND_TRIP, table, table.qualifiedName(), table.qualifiedName() + " round trip: insert, read, update, delete", caseSeed -> {
            RowSet rows = planner.plan(table, caseSeed);
            List<String> match = matchColumns(table, rows.row());
            Optional<ColumnDefinition> update = table.columns().stream()
                    .filter(column -> rows.row().sets(column.name()) && !match.contains(column.name()))
                    .filter(column -> column.identity() == null && model.type(column).comparable())
                    .filter(column -> !TableModel.foreignKeyColumns(table).contains(column.name()))
                    .filter(column -> TableModel.checksOn(table, column.name()).isEmpty())
                    .filter(column -> !TableModel.uniqueColumns(table).contains(column.name()))
                    .findFirst();
            Map<String, Object> values = context(table);
            values.put("rows", rows);
            values.put("matchColumns", match);
            values.put("updateColumn", update.map(ColumnDefinition::name).orElse(""));
            values.put("updateValue", update.map(column -> planner.value(table, column, TestData.mix(caseSeed, 2))).orElse(""));
            return withDeferredCheck(render("sql/crud.vm", values), table, rows);
        });
    }

    /** The primary key when there is one, else every comparable column the row sets. */
    private List<String> matchColumns(RelationDefinition table, Row row) {
        Optional<ConstraintDefinition> key = TableModel.primaryKey(table);
        if (key.isPresent()) {
            return key.get().columns();
        }
        return table.columns().stream()
                .filter(column -> row.sets(column.name()) && model.type(column).comparable())
                .map(ColumnDefinition::name).toList();
    }

    // ---- NOT NULL / UNIQUE / CHECK / FOREIGN KEY -------------------------------------------

    TestCase notNull(RelationDefinition table, ColumnDefinition column) {
        String subject = table.qualifiedName() + "." + column.name();
        return write(CaseCategory.NOT_NULL_ENFORCEMENT, table, subject, subject + " rejects NULL", caseSeed -> {
            RowSet valid = planner.plan(table, TestData.mix(caseSeed, 1));
            RowSet violating = planner.plan(table, TestData.mix(caseSeed, 2));
            Row nulled = violating.row().with(column.name(), null);
            Map<String, Object> values = context(table);
            values.put("column", column.name());
            values.put("valid", valid);
            values.put("violating", violating.withRow(nulled));
            return render("sql/not-null.vm", values);
        });
    }

    TestCase unique(RelationDefinition table, ConstraintDefinition constraint) {
        String subject = table.qualifiedName() + "." + constraint.name();
        return write(CaseCategory.UNIQUE_ENFORCEMENT, table, subject, subject + " rejects a duplicate " + String.join(", ", constraint.columns()), caseSeed -> {
            RowSet first = planner.plan(table, TestData.mix(caseSeed, 1));
            RowSet duplicate = planner.plan(table, TestData.mix(caseSeed, 2));
            Row repeated = duplicate.row();
            for (String column : constraint.columns()) {
                repeated = repeated.with(column, first.row().value(column));
            }
            Map<String, Object> values = context(table);
            values.put("constraint", constraint.name());
            values.put("columns", String.join(", ", constraint.columns()));
            values.put("first", first);
            values.put("duplicate", duplicate.withRow(repeated));
            values.put("distinct", planner.plan(table, TestData.mix(caseSeed, 3)));
            return render("sql/unique.vm", values);
        });
    }

    TestCase check(RelationDefinition table, ConstraintDefinition constraint) {
        String subject = table.qualifiedName() + "." + constraint.name();
        return write(CaseCategory.CHECK_ENFORCEMENT, table, subject, subject + " rejects a value it forbids", caseSeed -> {
            String column = constraint.columns().size() == 1 ? constraint.columns().get(0) : null;
            CheckRule rule = column == null ? null : CheckRule.of(constraint, column);
            String violating = rule == null || !rule.understood() ? null : violatingValue(table, column, rule);
            if (violating == null) {
                throw new RowPlanner.Unsatisfiable("no violating value can be derived from " + constraint.definition());
            }
            RowSet violatingRows = planner.plan(table, TestData.mix(caseSeed, 2));
            Map<String, Object> values = context(table);
            values.put("constraint", constraint.name());
            values.put("column", column);
            values.put("violatingValue", violating);
            values.put("valid", planner.plan(table, TestData.mix(caseSeed, 1)));
            values.put("violating", violatingRows.withRow(violatingRows.row().with(column, violating)));
            return render("sql/check.vm", values);
        });
    }

    private String violatingValue(RelationDefinition table, String columnName, CheckRule rule) {
        ColumnType type = TableModel.column(table, columnName).map(model::type).orElse(null);
        if (type == null || type.array()) {
            return null;
        }
        boolean numeric = type.isInteger() || type.kind() == Kind.NUMERIC;
        if (numeric && rule.lowest() != null) {
            return rule.lowest().subtract(BigDecimal.ONE).toPlainString();
        }
        if (numeric && rule.highest() != null) {
            return rule.highest().add(BigDecimal.ONE).toPlainString();
        }
        if (type.kind() == Kind.TEXT && !rule.allowed().isEmpty()) {
            String outside = "~";
            while (rule.allowed().contains(outside)) {
                outside += "~";
            }
            return outside;
        }
        return null;
    }

    TestCase foreignKey(RelationDefinition table, ConstraintDefinition key) {
        String subject = table.qualifiedName() + "." + key.name();
        return write(CaseCategory.FOREIGN_KEY_ENFORCEMENT, table, subject, subject + " rejects a row without its parent", caseSeed -> {
            RelationDefinition parent = model.relation(key.referencedSchema(), key.referencedTable())
                    .orElseThrow(() -> new RowPlanner.Unsatisfiable("referenced table " + key.referencedTable() + " is not among the definitions"));
            RowSet violating = planner.plan(table, TestData.mix(caseSeed, 2));
            // A parent row that is never inserted: its key values reference nothing.
            Row missingParent = planner.plan(parent, TestData.mix(caseSeed, 3)).row();
            Row orphan = violating.row();
            for (int i = 0; i < key.columns().size(); i++) {
                String value = missingParent.value(key.referencedColumns().get(i));
                if (value == null) {
                    throw new RowPlanner.Unsatisfiable("no value for referenced column " + key.referencedColumns().get(i));
                }
                orphan = orphan.with(key.columns().get(i), value);
            }
            Map<String, Object> values = context(table);
            values.put("constraint", key.name());
            values.put("columns", String.join(", ", key.columns()));
            values.put("valid", planner.plan(table, TestData.mix(caseSeed, 1)));
            values.put("violating", violating.withRow(orphan));
            return render("sql/foreign-key.vm", values);
        });
    }

    // ---- REFERENTIAL_INTEGRITY -------------------------------------------------------------

    TestCase referential(RelationDefinition table, ConstraintDefinition key) {
        String subject = table.qualifiedName() + "." + key.name();
        return write(CaseCategory.REFERENTIAL_INTEGRITY, table, subject,
                subject + " parent first, then child; deleting the parent: " + key.onDelete(), caseSeed -> {
            RelationDefinition parent = model.relation(key.referencedSchema(), key.referencedTable())
                    .orElseThrow(() -> new RowPlanner.Unsatisfiable("referenced table " + key.referencedTable() + " is not among the definitions"));
            RowSet parentRows = planner.plan(parent, TestData.mix(caseSeed, 1));
            List<String> childKey = TableModel.primaryKey(table).map(ConstraintDefinition::columns).orElse(List.of());
            Row linked = childKey.isEmpty() ? null : parentRows.parents().stream()
                    .filter(row -> row.schema().equals(table.schema()) && row.name().equals(table.name()))
                    .filter(row -> key.columns().stream().allMatch(column -> row.value(column) == null))
                    .findFirst().orElse(null);
            RowSet child = null;
            if (linked == null) {
                RowSet planned = planner.plan(table, TestData.mix(caseSeed, 2));
                Row childRow = planned.row();
                for (int i = 0; i < key.columns().size(); i++) {
                    childRow = childRow.with(key.columns().get(i), parentRows.row().value(key.referencedColumns().get(i)));
                }
                child = planned.withRow(childRow);
            }
            Map<String, Object> values = context(table);
            values.put("constraint", key.name());
            values.put("columns", key.columns());
            values.put("referencedColumns", key.referencedColumns());
            values.put("check", new ReferenceCheck(parentRows, child, linked, childKey, key.onDelete() == null ? "NO_ACTION" : key.onDelete()));
            List<SqlStep> steps = render("sql/referential.vm", values);
            return parentRows.deferred() || (child != null && child.deferred()) ? withDeferredCheck(steps, table, parentRows) : steps;
        });
    }

    // ---- BOUNDARY_VALUES -------------------------------------------------------------------

    /** @return null when the column's type has no limits the generator knows */
    TestCase boundaries(RelationDefinition table, ColumnDefinition column) {
        String subject = table.qualifiedName() + "." + column.name();
        ColumnType type = model.type(column);
        if (TableModel.foreignKeyColumns(table).contains(column.name())) {
            return null;
        }
        List<String[]> limits = limits(table, column, type);
        if (limits.isEmpty()) {
            return null;
        }
        return write(CaseCategory.BOUNDARY_VALUES, table, subject, subject + " " + column.type() + " at and beyond its limits", caseSeed -> {
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < limits.size(); i++) {
                String[] limit = limits.get(i);
                RowSet rows = planner.plan(table, TestData.mix(caseSeed, i));
                Row row = limit[0] == null ? rows.row().plain() : rows.row().with(column.name(), limit[0]);
                probes.add(new Probe(rows.withRow(row), limit[1], subject + " " + limit[2]));
            }
            Map<String, Object> values = context(table);
            values.put("column", column.name());
            values.put("probes", probes);
            return render("sql/boundaries.vm", values);
        });
    }

    /**
     * Probes as {value, SQLSTATE or "" for success, what a miss means}; a null value means "the row
     * as planned, without OVERRIDING SYSTEM VALUE". Values the column's CHECK or uniqueness may
     * reject for other reasons are only probed beyond the type's limits (the type rejects them first).
     */
    private List<String[]> limits(RelationDefinition table, ColumnDefinition column, ColumnType type) {
        List<String[]> limits = new ArrayList<>();
        if (column.generated() != null) {
            // A value of the column's type, as if it were an ordinary column.
            ColumnDefinition ordinary = new ColumnDefinition(column.attnum(), column.name(), column.type(), false, null, null, null, null, null);
            String value = planner.value(table, ordinary, seed);
            if (value != null) {
                limits.add(new String[] {value, "428C9", "accepts an explicit value although it is GENERATED ALWAYS"});
            }
            return limits;
        }
        if ("ALWAYS".equals(column.identity())) {
            limits.add(new String[] {null, "428C9", "accepts an explicit value without OVERRIDING SYSTEM VALUE although it is GENERATED ALWAYS AS IDENTITY"});
        }
        boolean freeValues = TableModel.checksOn(table, column.name()).isEmpty();
        if (type.array()) {
            if (freeValues && !column.notNull()) {
                limits.add(new String[] {"{}", "", "rejects an empty array"});
            }
            limits.add(new String[] {"{", "22P02", "accepts a malformed array literal"});
            return limits;
        }
        switch (type.kind()) {
            case TEXT -> {
                if (type.length() > 0) {
                    if (freeValues) {
                        limits.add(new String[] {"x".repeat(type.length()), "", "rejects a value of exactly " + type.length() + " characters"});
                    }
                    limits.add(new String[] {"x".repeat(type.length() + 1), "22001", "accepts " + (type.length() + 1) + " characters, more than its limit"});
                }
            }
            case SMALLINT, INTEGER, BIGINT -> {
                List<BigInteger> range = TestData.integerLimits(type.kind());
                if (freeValues) {
                    limits.add(new String[] {range.get(0).toString(), "", "rejects the smallest value of its type"});
                    limits.add(new String[] {range.get(1).toString(), "", "rejects the largest value of its type"});
                }
                limits.add(new String[] {range.get(1).add(BigInteger.ONE).toString(), "22003", "accepts a value beyond its type's range"});
                limits.add(new String[] {range.get(0).subtract(BigInteger.ONE).toString(), "22003", "accepts a value below its type's range"});
            }
            case NUMERIC -> {
                if (type.precision() > 0 && type.scale() >= 0 && type.scale() <= type.precision()) {
                    BigDecimal max = TestData.numericMax(type);
                    if (freeValues) {
                        limits.add(new String[] {max.toPlainString(), "", "rejects " + max.toPlainString() + ", the largest value of numeric(" + type.precision() + "," + type.scale() + ")"});
                    }
                    String overflow = BigDecimal.TEN.pow(type.precision() - type.scale()).toPlainString();
                    limits.add(new String[] {overflow, "22003", "accepts " + overflow + ", beyond numeric(" + type.precision() + "," + type.scale() + ")"});
                }
            }
            case DATE -> {
                if (freeValues) {
                    limits.add(new String[] {"4713-01-01 BC", "", "rejects the earliest date"});
                    limits.add(new String[] {"5874897-12-31", "", "rejects the latest date"});
                }
                limits.add(new String[] {"5874898-01-01", "22008", "accepts a date beyond the latest"});
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                String zone = type.kind() == Kind.TIMESTAMPTZ ? "+00" : "";
                if (freeValues) {
                    limits.add(new String[] {"4713-01-01 00:00:00" + zone + " BC", "", "rejects the earliest timestamp"});
                    limits.add(new String[] {"294276-12-31 23:59:59" + zone, "", "rejects the latest timestamp"});
                    limits.add(new String[] {"infinity", "", "rejects infinity"});
                }
                limits.add(new String[] {"294277-01-01 00:00:00" + zone, "22008", "accepts a timestamp beyond the latest"});
            }
            case ENUM -> {
                if (freeValues && !type.labels().isEmpty()) {
                    limits.add(new String[] {type.labels().get(0), "", "rejects its first label " + type.labels().get(0)});
                    limits.add(new String[] {type.labels().get(type.labels().size() - 1), "", "rejects its last label"});
                }
                String invalid = "not a label";
                while (type.labels().contains(invalid)) {
                    invalid += "!";
                }
                limits.add(new String[] {invalid, "22P02", "accepts a value that is not one of its labels"});
            }
            case UUID -> {
                if (freeValues) {
                    limits.add(new String[] {"00000000-0000-0000-0000-000000000000", "", "rejects the nil uuid"});
                }
                limits.add(new String[] {"not-a-uuid", "22P02", "accepts text that is not a uuid"});
            }
            case JSON, JSONB -> {
                if (freeValues) {
                    limits.add(new String[] {"{\"nested\": {\"list\": [1, 2.5, \"three\", null, true]}}", "", "rejects a nested JSON document"});
                }
                limits.add(new String[] {"{\"unterminated\": ", "22P02", "accepts malformed JSON"});
            }
            default -> {
            }
        }
        return limits;
    }

    // ---- BACKWARD_COMPATIBILITY, DEPENDENT_VIEW, QUERY_REPLAY -------------------------------

    TestCase backwardCompatibility(RelationDefinition after, RelationDefinition before, String changeSummary, boolean compatible) {
        String subject = before.qualifiedName() + " -> " + after.qualifiedName();
        return write(CaseCategory.BACKWARD_COMPATIBILITY, after, subject, before.qualifiedName() + " pre-change INSERT and SELECT still work", caseSeed -> {
            RowPlanner beforePlanner = new RowPlanner(model.with(before), new TestData(seed));
            RowSet rows = beforePlanner.plan(before, caseSeed);
            String verdict = compatible ? "" : " (the analyzer judged the change not backward compatible)";
            Map<String, Object> values = new HashMap<>();
            values.put("display", display);
            values.put("before", before);
            values.put("rows", rows);
            values.put("readColumns", before.columns().stream().map(ColumnDefinition::name).toList());
            values.put("writersBecause", changeSummary + " broke old writers: the pre-change INSERT into " + before.qualifiedName() + " fails" + verdict);
            values.put("readersBecause", changeSummary + " broke old readers: the pre-change SELECT from " + before.qualifiedName() + " fails" + verdict);
            return render("sql/backward-compatibility.vm", values);
        });
    }

    TestCase dependentView(RelationDefinition table, String viewSchema, String viewName) {
        String subject = viewSchema + "." + viewName;
        return write(CaseCategory.DEPENDENT_VIEW, table, subject, "view " + subject + " still selects", caseSeed -> {
            Map<String, Object> values = new HashMap<>();
            values.put("display", display);
            values.put("viewSchema", viewSchema);
            values.put("viewName", viewName);
            return render("sql/dependent-view.vm", values);
        });
    }

    TestCase queryReplay(String targetTable, String queryId, String query, String sqlState) {
        String subject = "query " + queryId;
        String statement = query.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        String name = "replay " + queryId + " prepares";
        if (statement.contains(";")) {
            // PREPARE takes one statement; a second one after a semicolon would run, not be prepared.
            return skipped(CaseCategory.QUERY_REPLAY, targetTable, subject, name, "the recorded query holds more than one statement; it is not replayed");
        }
        if (statement.lines().anyMatch(line -> line.stripLeading().startsWith("--@"))) {
            // The one text that reaches a template unquoted must not be able to start a step of its own.
            return skipped(CaseCategory.QUERY_REPLAY, targetTable, subject, name,
                    "the recorded query holds a line starting with --@, which would read as a step marker; it is not replayed");
        }
        String body = statement;
        return write(CaseCategory.QUERY_REPLAY, targetTable, subject, name, caseSeed -> {
            Map<String, Object> values = new HashMap<>();
            values.put("display", display);
            values.put("query", body);
            values.put("statementName", "schemawatch_replay_" + Long.toUnsignedString(caseSeed, 36));
            values.put("because", "the application's query " + queryId + " no longer prepares" + (sqlState == null ? "" : " (it failed with " + sqlState + " at analysis)"));
            return render("sql/query-replay.vm", values);
        });
    }

    TestCase skipped(CaseCategory category, String targetTable, String subject, String name, String reason) {
        return new TestCase(caseId(category, subject), category, name, targetTable, List.of(), reason);
    }

    // ---- shared ----------------------------------------------------------------------------

    private interface Steps {
        List<SqlStep> write(long caseSeed);
    }

    private TestCase write(CaseCategory category, RelationDefinition table, String subject, String name, Steps steps) {
        return write(category, table.qualifiedName(), subject, name, steps);
    }

    /** A case; when no valid row can be planned, the same case with the reason as its skip reason. */
    private TestCase write(CaseCategory category, String targetTable, String subject, String name, Steps steps) {
        String caseId = caseId(category, subject);
        planner.startCase();
        try {
            return new TestCase(caseId, category, name, targetTable, steps.write(TestData.mix(seed, caseId)), null);
        } catch (RowPlanner.Unsatisfiable e) {
            return new TestCase(caseId, category, name, targetTable, List.of(), e.getMessage());
        }
    }

    private String caseId(CaseCategory category, String subject) {
        return EventEnvelope.derivedId(suiteId, category.name() + "\u0000" + subject);
    }

    private Map<String, Object> context(RelationDefinition table) {
        Map<String, Object> values = new HashMap<>();
        values.put("display", display);
        values.put("table", table);
        return values;
    }

    private List<SqlStep> render(String template, Map<String, Object> values) {
        return templates.render(template, values);
    }

    private List<SqlStep> withDeferredCheck(List<SqlStep> steps, RelationDefinition table, RowSet rows) {
        if (!rows.deferred()) {
            return steps;
        }
        List<SqlStep> all = new ArrayList<>(steps);
        all.addAll(templates.render("sql/deferred-check.vm", Map.of("display", display, "label", table.qualifiedName())));
        return all;
    }
}
