package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What PostgreSQL did to an existing table to carry out one atomic change: the lock it took and
 * how much of the table it had to read or write while holding it. The lock levels are those of
 * PostgreSQL's ALTER TABLE, CREATE INDEX, CREATE POLICY, CREATE TRIGGER and COMMENT documentation.
 *
 * @param change          the change
 * @param table           the table locked
 * @param lock            the strongest lock the change took on it
 * @param pass            how much of the table was read or written under that lock
 * @param referencedTable for a foreign key, the parent table, locked the same way; else null
 */
record TableWork(JudgedChange change, RelationDefinition table, LockMode lock, Pass pass, String referencedTable) {

    /** How much work on the table's rows the change needed, least first. */
    enum Pass {
        CATALOG_ONLY("only the catalog changed"),
        INDEX_BUILD("an index was built from every row"),
        SCAN("every row was read to check it"),
        REWRITE("every row was rewritten and every index rebuilt");

        private final String description;

        Pass(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** Calls of functions whose value differs per row, so a column added with one as default is filled row by row. */
    private static final List<String> VOLATILE_CALLS = List.of("random(", "random_normal(", "clock_timestamp(",
            "timeofday(", "gen_random_uuid(", "uuid_generate_v1(", "uuid_generate_v1mc(", "uuid_generate_v4(", "uuidv4(",
            "uuidv7(", "nextval(");

    private static final Set<ChangeAspect> VALIDATION_ONLY = Set.of(ChangeAspect.VALIDATION);

    /** The work the change did on an existing table; empty when it touched none (or nothing is known). */
    static Optional<TableWork> of(JudgedChange change) {
        if (change.event().event().origin() == SchemaChangeEvent.Origin.RECONCILIATION || !change.onExistingTable()) {
            return Optional.empty();
        }
        RelationDefinition table = change.table();
        String tag = change.event().commandTag();
        DdlText ddl = change.event().ddl();
        String name = change.change().name();
        return switch (change.type()) {
            case TABLE_REMOVED, TABLE_RENAMED, COLUMN_REMOVED, COLUMN_RENAMED, CONSTRAINT_REMOVED, RELATIONSHIP_REMOVED,
                 POLICY_ADDED, POLICY_REMOVED, POLICY_MODIFIED, ROW_SECURITY_ENABLED, ROW_SECURITY_DISABLED,
                 TRIGGER_REMOVED, OWNER_CHANGED -> work(change, table, LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY);
            case TABLE_MODIFIED -> work(change, table, LockMode.ACCESS_EXCLUSIVE,
                    change.has(ChangeAspect.PERSISTENCE) ? Pass.REWRITE : Pass.CATALOG_ONLY);
            case COLUMN_ADDED -> work(change, table, LockMode.ACCESS_EXCLUSIVE,
                    change.columnAfter().map(TableWork::fillsEveryRow).orElse(null) != null ? Pass.REWRITE : Pass.CATALOG_ONLY);
            case COLUMN_MODIFIED -> work(change, table, LockMode.ACCESS_EXCLUSIVE, columnModified(change));
            case CONSTRAINT_ADDED -> constraintAdded(change, table, ddl);
            case CONSTRAINT_MODIFIED, RELATIONSHIP_MODIFIED -> constraintModified(change, table, ddl);
            case RELATIONSHIP_ADDED -> foreignKeyAdded(change, table, ddl);
            case INDEX_ADDED -> tag.equals("CREATE INDEX")
                    ? work(change, table, ddl.says(name, "INDEX", "CONCURRENTLY") ? LockMode.SHARE_UPDATE_EXCLUSIVE
                    : LockMode.SHARE, Pass.INDEX_BUILD)
                    : work(change, table, LockMode.ACCESS_EXCLUSIVE, Pass.INDEX_BUILD);
            case INDEX_REMOVED -> work(change, table, tag.equals("DROP INDEX") && ddl.says(name, "INDEX", "CONCURRENTLY")
                    ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY);
            case INDEX_MODIFIED -> work(change, table, VALIDATION_ONLY.containsAll(change.change().aspects())
                    ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY);
            case PARTITION_ATTACHED -> partitionAttached(change, table, tag);
            case PARTITION_DETACHED -> work(change, table, ddl.says(childName(name), "CONCURRENTLY")
                    ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY);
            case TRIGGER_ADDED -> work(change, table, LockMode.SHARE_ROW_EXCLUSIVE, Pass.CATALOG_ONLY);
            case TRIGGER_MODIFIED -> work(change, table, change.change().aspects().equals(List.of(ChangeAspect.ENABLED))
                    ? LockMode.SHARE_ROW_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY);
            case COMMENT_CHANGED -> work(change, table, LockMode.SHARE_UPDATE_EXCLUSIVE, Pass.CATALOG_ONLY);
            // a form of ALTER TABLE schemawatch does not break down: assume the lock most forms take
            case OTHER -> tag.equals("ALTER TABLE")
                    ? work(change, table, LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * Why adding this column made PostgreSQL write every existing row, or null when it did not:
     * since PostgreSQL 11 a constant (or stable) default is stored once in the catalog, but a
     * volatile default, an identity or a stored generated column is computed row by row.
     */
    static String fillsEveryRow(ColumnDefinition column) {
        if (column.identity() != null) {
            return "an identity column is filled from its sequence for every existing row";
        }
        if (column.generated() != null) {
            return "a stored generated column is computed for every existing row";
        }
        String call = volatileCall(column.defaultValue());
        return call == null ? null : "the volatile default " + call + ") is evaluated for every existing row";
    }

    /**
     * Whether a validated {@code CHECK (col IS NOT NULL)} on the table lets SET NOT NULL skip its
     * scan (PostgreSQL 12 and later).
     */
    static boolean notNullProvenByCheck(RelationDefinition table, String column) {
        String wanted = "check" + column.toLowerCase(Locale.ROOT) + "isnotnull";
        for (ConstraintDefinition constraint : table.constraints()) {
            if (constraint.type() == ConstraintType.CHECK && constraint.validated() && constraint.definition() != null
                    && squeezed(constraint.definition()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the change validated a constraint on the table's rows (it was added without NOT VALID). */
    static boolean validatedWhileAdding(JudgedChange change, ConstraintDefinition constraint) {
        return constraint.validated() && !change.event().ddl().says(constraint.name(), "NOT", "VALID");
    }

    /** A constraint added, or redefined by dropping and re-adding it under the same name in one statement. */
    static boolean redefined(JudgedChange change) {
        return change.has(ChangeAspect.DEFINITION) || change.has(ChangeAspect.REFERENCED_TARGET)
                || change.has(ChangeAspect.ON_DELETE) || change.has(ChangeAspect.ON_UPDATE);
    }

    private static Pass columnModified(JudgedChange change) {
        Optional<ColumnDefinition> before = change.columnBefore();
        Optional<ColumnDefinition> after = change.columnAfter();
        if (before.isEmpty() || after.isEmpty()) {
            return Pass.CATALOG_ONLY;
        }
        if (change.has(ChangeAspect.TYPE) && ColumnTypeChange.between(before.get().type(), after.get().type()).rewrite()) {
            return Pass.REWRITE;
        }
        boolean notNullSet = change.has(ChangeAspect.NULLABILITY) && after.get().notNull() && !before.get().notNull();
        if (notNullSet && !change.relationAfter().map(t -> notNullProvenByCheck(t, after.get().name())).orElse(false)) {
            return Pass.SCAN;
        }
        return Pass.CATALOG_ONLY;
    }

    private static Optional<TableWork> constraintAdded(JudgedChange change, RelationDefinition table, DdlText ddl) {
        Optional<ConstraintDefinition> added = change.constraintAfter();
        if (added.isEmpty()) {
            return work(change, table, LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY);
        }
        ConstraintDefinition constraint = added.get();
        Pass pass = switch (constraint.type()) {
            case PRIMARY_KEY, UNIQUE, EXCLUSION ->
                    ddl.says(constraint.name(), "USING", "INDEX") ? Pass.CATALOG_ONLY : Pass.INDEX_BUILD;
            case CHECK, NOT_NULL -> validatedWhileAdding(change, constraint) ? Pass.SCAN : Pass.CATALOG_ONLY;
            default -> Pass.CATALOG_ONLY;
        };
        return work(change, table, LockMode.ACCESS_EXCLUSIVE, pass);
    }

    private static Optional<TableWork> constraintModified(JudgedChange change, RelationDefinition table, DdlText ddl) {
        if (VALIDATION_ONLY.equals(Set.copyOf(change.change().aspects()))) {
            // VALIDATE CONSTRAINT reads every row but lets reads and writes go on
            return work(change, table, LockMode.SHARE_UPDATE_EXCLUSIVE, Pass.SCAN);
        }
        if (redefined(change)) {
            Optional<ConstraintDefinition> constraint = change.constraintAfter();
            if (constraint.isPresent() && constraint.get().type() == ConstraintType.FOREIGN_KEY) {
                return foreignKeyAdded(change, table, ddl);
            }
            return constraintAdded(change, table, ddl);
        }
        return work(change, table, LockMode.ACCESS_EXCLUSIVE, Pass.CATALOG_ONLY);
    }

    private static Optional<TableWork> foreignKeyAdded(JudgedChange change, RelationDefinition table, DdlText ddl) {
        Optional<ConstraintDefinition> foreignKey = change.constraintAfter();
        Pass pass = foreignKey.map(fk -> validatedWhileAdding(change, fk)).orElse(false) ? Pass.SCAN : Pass.CATALOG_ONLY;
        String parent = foreignKey.filter(fk -> fk.referencedTable() != null)
                .map(fk -> JudgedEvent.qualified(fk.referencedSchema(), fk.referencedTable()))
                .orElse(null);
        return Optional.of(new TableWork(change, table, LockMode.SHARE_ROW_EXCLUSIVE, pass, parent));
    }

    /**
     * Seen from the parent, ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE (PostgreSQL 12 and
     * later) and CREATE TABLE ... PARTITION OF still ACCESS EXCLUSIVE; seen from the partition,
     * attaching it reads every row to check the partition bound.
     */
    private static Optional<TableWork> partitionAttached(JudgedChange change, RelationDefinition table, String tag) {
        boolean childSide = change.relationName().equals(change.change().name());
        if (childSide) {
            return work(change, table, LockMode.ACCESS_EXCLUSIVE, Pass.SCAN);
        }
        return work(change, table, tag.equals("CREATE TABLE") ? LockMode.ACCESS_EXCLUSIVE : LockMode.SHARE_UPDATE_EXCLUSIVE,
                Pass.CATALOG_ONLY);
    }

    /** A partition change names the child as {@code schema.name}; statements mention only its name. */
    private static String childName(String qualified) {
        if (qualified == null) {
            return null;
        }
        int dot = qualified.indexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    private static Optional<TableWork> work(JudgedChange change, RelationDefinition table, LockMode lock, Pass pass) {
        return Optional.of(new TableWork(change, table, lock, pass, null));
    }

    /** The first volatile function call in the expression, e.g. {@code random(}; null when none. */
    private static String volatileCall(String expression) {
        if (expression == null) {
            return null;
        }
        String lower = expression.toLowerCase(Locale.ROOT);
        for (String call : VOLATILE_CALLS) {
            int at = lower.indexOf(call);
            while (at >= 0) {
                char before = at == 0 ? ' ' : lower.charAt(at - 1);
                if (!(Character.isLetterOrDigit(before) || before == '_' || before == '$')) {
                    return call;
                }
                at = lower.indexOf(call, at + 1);
            }
        }
        return null;
    }

    /** A constraint definition without parentheses, quotes and spaces, lower-cased. */
    private static String squeezed(String definition) {
        StringBuilder squeezed = new StringBuilder(definition.length());
        for (int i = 0; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (c != '(' && c != ')' && c != '"' && !Character.isWhitespace(c)) {
                squeezed.append(Character.toLowerCase(c));
            }
        }
        return squeezed.toString();
    }
}
