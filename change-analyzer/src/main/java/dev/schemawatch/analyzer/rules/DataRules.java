package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SW3xx: a new constraint over existing rows, with what the live rows say about it. Tables the
 * statement created hold no rows yet and are not checked.
 */
final class DataRules implements RuleGroup {

    private static final String NOT_VALID_SUFFIX = " NOT VALID";

    @Override
    public void judge(JudgedChange change, Findings findings) {
        switch (change.type()) {
            case COLUMN_MODIFIED -> notNullSet(change, findings);
            case CONSTRAINT_ADDED, RELATIONSHIP_ADDED -> constraintAdded(change, findings);
            case CONSTRAINT_MODIFIED, RELATIONSHIP_MODIFIED -> {
                if (TableWork.redefined(change)) {
                    constraintAdded(change, findings);
                }
            }
            default -> {
                // no new constraint
            }
        }
    }

    private static void notNullSet(JudgedChange change, Findings findings) {
        Optional<ColumnDefinition> before = change.columnBefore();
        Optional<ColumnDefinition> after = change.columnAfter();
        boolean set = change.has(ChangeAspect.NULLABILITY) && after.map(ColumnDefinition::notNull).orElse(false)
                && !before.map(ColumnDefinition::notNull).orElse(true);
        if (!set || !change.onExistingTableWithRows()) {
            return;
        }
        RelationDefinition table = change.table();
        String column = after.get().name();
        // PostgreSQL 18 names NOT NULL constraints <table>_<column>_not_null; earlier versions have none
        ConstraintDefinition notNull = new ConstraintDefinition(0, table.name() + "_" + column + "_not_null",
                ConstraintType.NOT_NULL, "NOT NULL " + SqlQuoting.identifier(column), List.of(column), true, false, false,
                null, null, null, null, null, null);
        judge(change, findings, RuleCatalogue.NOT_NULL_ON_ROWS, table, notNull, "NOT NULL on " + change.subject());
    }

    private static void constraintAdded(JudgedChange change, Findings findings) {
        Optional<ConstraintDefinition> added = change.constraintAfter();
        if (added.isEmpty() || !change.onExistingTableWithRows()) {
            return;
        }
        ConstraintDefinition constraint = added.get();
        RuleDefinition rule = switch (constraint.type()) {
            case PRIMARY_KEY, UNIQUE -> RuleCatalogue.UNIQUE_ON_ROWS;
            case CHECK -> RuleCatalogue.CHECK_ON_ROWS;
            case FOREIGN_KEY -> RuleCatalogue.FOREIGN_KEY_ON_ROWS;
            case NOT_NULL -> RuleCatalogue.NOT_NULL_ON_ROWS;
            default -> null;
        };
        if (rule != null) {
            judge(change, findings, rule, change.table(), constraint,
                    describe(constraint) + " " + constraint.name() + " on " + change.relationName());
        }
    }

    private static void judge(JudgedChange change, Findings findings, RuleDefinition rule, RelationDefinition table,
                              ConstraintDefinition constraint, String what) {
        DataCheck check = change.event().context().dataCheck(table, constraint);
        TableSize size = change.size();
        String rows = Quantities.rows(check.rowEstimate() > 0 ? check.rowEstimate() : size.rowEstimate());
        if (check.outcome() == DataCheck.Outcome.VIOLATED) {
            String violating = check.violatingRows() == null ? "some" : Quantities.count(check.violatingRows()) + " of";
            findings.add(RuleCatalogue.ROWS_VIOLATE_CONSTRAINT, change.index(), change.subject(),
                    what + ": " + violating + " " + rows + " violate it (" + check.detail() + ")",
                    "Find them with " + violationQuery(table, constraint) + "; repair or delete them, then ALTER TABLE "
                            + SqlQuoting.qualified(table.schema(), table.name()) + " VALIDATE CONSTRAINT "
                            + SqlQuoting.identifier(constraint.name()) + ".",
                    check);
            return;
        }
        String outcome = check.outcome() == DataCheck.Outcome.SATISFIED ? "the existing rows satisfy it"
                : "whether the existing rows satisfy it could not be checked";
        findings.add(rule, change.index(), change.subject(),
                what + " over " + rows + ": " + outcome + " (" + check.detail() + ")", rule.fix(), check);
    }

    private static String describe(ConstraintDefinition constraint) {
        return switch (constraint.type()) {
            case PRIMARY_KEY -> "primary key";
            case UNIQUE -> "unique constraint";
            case CHECK -> "check constraint";
            case FOREIGN_KEY -> "foreign key";
            case NOT_NULL -> "NOT NULL constraint";
            default -> "constraint";
        };
    }

    /** A read-only query that lists the rows breaking the constraint, for the fix. */
    static String violationQuery(RelationDefinition table, ConstraintDefinition constraint) {
        String from = SqlQuoting.qualified(table.schema(), table.name());
        String columns = constraint.columns().stream().map(SqlQuoting::identifier).collect(Collectors.joining(", "));
        return switch (constraint.type()) {
            case NOT_NULL -> "SELECT * FROM " + from + " WHERE " + columns + " IS NULL";
            case PRIMARY_KEY, UNIQUE -> "SELECT " + columns + ", count(*) FROM " + from + " GROUP BY " + columns
                    + " HAVING count(*) > 1";
            case CHECK -> checkExpression(constraint.definition())
                    .map(expression -> "SELECT * FROM " + from + " WHERE NOT " + expression)
                    .orElse("a query for rows where the condition is false");
            case FOREIGN_KEY -> foreignKeyOrphans(from, constraint);
            default -> "a query for the rows it rejects";
        };
    }

    private static String foreignKeyOrphans(String from, ConstraintDefinition fk) {
        if (fk.referencedTable() == null || fk.referencedColumns().size() != fk.columns().size()) {
            return "a query for rows without a parent";
        }
        StringBuilder join = new StringBuilder();
        StringBuilder present = new StringBuilder();
        for (int i = 0; i < fk.columns().size(); i++) {
            String child = "c." + SqlQuoting.identifier(fk.columns().get(i));
            join.append(i == 0 ? "" : " AND ").append("p.").append(SqlQuoting.identifier(fk.referencedColumns().get(i)))
                    .append(" = ").append(child);
            present.append(" AND ").append(child).append(" IS NOT NULL");
        }
        return "SELECT c.* FROM " + from + " c WHERE NOT EXISTS (SELECT 1 FROM "
                + SqlQuoting.qualified(fk.referencedSchema(), fk.referencedTable()) + " p WHERE " + join + ")" + present;
    }

    /** The condition of {@code CHECK (condition) [NOT VALID]} as pg_get_constraintdef writes it. */
    private static Optional<String> checkExpression(String definition) {
        if (definition == null || !definition.startsWith("CHECK ")) {
            return Optional.empty();
        }
        String expression = definition.substring("CHECK ".length());
        if (expression.endsWith(NOT_VALID_SUFFIX)) {
            expression = expression.substring(0, expression.length() - NOT_VALID_SUFFIX.length());
        }
        return Optional.of(expression);
    }
}
