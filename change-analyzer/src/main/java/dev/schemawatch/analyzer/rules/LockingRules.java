package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.rules.TableWork.Pass;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SW4xx: locks held and rows read or written while the DDL ran, judged on the table's real size.
 * A rule that explains the lock on a table (a rewrite, a scan, an index build under ACCESS
 * EXCLUSIVE) keeps the general SW401 from repeating it for the same table.
 */
final class LockingRules implements RuleGroup {

    @Override
    public void judge(JudgedChange change, Findings findings) {
        Optional<TableWork> found = change.event().work(change);
        if (found.isEmpty()) {
            return;
        }
        TableWork work = found.get();
        switch (change.type()) {
            case COLUMN_ADDED, COLUMN_MODIFIED, TABLE_MODIFIED -> {
                if (work.pass() == Pass.REWRITE) {
                    rewritten(change, work, findings);
                } else if (work.pass() == Pass.SCAN && change.type() == ChangeType.COLUMN_MODIFIED) {
                    notNullScanned(change, work, findings);
                }
            }
            case INDEX_ADDED -> indexBuiltBlockingWrites(change, work, findings);
            case INDEX_REMOVED -> indexDroppedUnderLock(change, work, findings);
            case CONSTRAINT_ADDED, RELATIONSHIP_ADDED, CONSTRAINT_MODIFIED, RELATIONSHIP_MODIFIED ->
                    constraintAddedUnderLock(change, work, findings);
            default -> {
                // only the general ACCESS EXCLUSIVE rule applies, once per table
            }
        }
    }

    @Override
    public void judgeEvent(JudgedEvent event, Findings findings) {
        Set<String> reported = new HashSet<>();
        for (TableWork work : event.tableWorks()) {
            RelationDefinition table = work.table();
            String name = JudgedEvent.qualified(table.schema(), table.name());
            if (work.lock() != LockMode.ACCESS_EXCLUSIVE || work.change().type() == ChangeType.TABLE_REMOVED
                    || event.isLockExplained(table) || reported.contains(name)) {
                continue;
            }
            TableSize size = event.size(table);
            if (!event.isLarge(size)) {
                continue;
            }
            reported.add(name);
            JudgedChange change = work.change();
            String what = change.change().summary() != null ? change.change().summary() : change.type().name();
            findings.add(RuleCatalogue.ACCESS_EXCLUSIVE_ON_LARGE_TABLE, change,
                    what + ": took ACCESS EXCLUSIVE on " + name + " (" + Quantities.size(size) + "); it waited behind every"
                            + " running query on the table and blocked every query queued after it",
                    "Run it with SET lock_timeout = '2s' (and retry on timeout) so that it never queues behind a long"
                            + " query on " + SqlQuoting.qualified(table.schema(), table.name()) + ".");
        }
    }

    private static void rewritten(JudgedChange change, TableWork work, Findings findings) {
        TableSize size = change.size();
        if (!size.hasRows()) {
            return;
        }
        change.event().lockExplained(work.table());
        String table = qualified(change);
        String rewrote = " rewrote " + change.relationName() + " (" + Quantities.size(size) + ") under ACCESS EXCLUSIVE: ";
        switch (change.type()) {
            case COLUMN_MODIFIED -> {
                ColumnDefinition was = change.columnBefore().orElseThrow();
                ColumnDefinition is = change.columnAfter().orElseThrow();
                String replacement = SqlQuoting.identifier(is.name() + "_new");
                ColumnTypeChange typeChange = ColumnTypeChange.between(was.type(), is.type());
                // a narrowing or incompatible change is explained by its own rule; here only the rewrite matters
                String why = typeChange.compatibility() == ColumnTypeChange.Compatibility.WIDENED
                        ? "every value was converted and every index rebuilt (" + typeChange.reason() + ")"
                        : "every value was converted and every index rebuilt";
                findings.add(RuleCatalogue.TABLE_REWRITTEN, change,
                        "changing " + change.subject() + " from " + was.type() + " to " + is.type() + rewrote + why,
                        "Avoid the rewrite: ALTER TABLE " + table + " ADD COLUMN " + replacement + " " + is.type()
                                + "; keep it in step with a trigger, backfill it in batches, then swap the names in one short"
                                + " transaction and drop the old column.");
            }
            case COLUMN_ADDED -> {
                ColumnDefinition column = change.columnAfter().orElseThrow();
                String why = TableWork.fillsEveryRow(column);
                String fix = column.defaultValue() != null && column.identity() == null && column.generated() == null
                        ? "Add it without default (instant): ALTER TABLE " + table + " ADD COLUMN " + column(change) + " "
                        + column.type() + "; then ALTER TABLE " + table + " ALTER COLUMN " + column(change) + " SET DEFAULT "
                        + column.defaultValue() + " (new rows only), and fill existing rows in batches."
                        : "Add a plain " + column.type() + " column (instant), fill it in batches (and keep it in step with a"
                        + " trigger), then turn it into what you need.";
                findings.add(RuleCatalogue.TABLE_REWRITTEN, change,
                        "adding " + change.subject() + rewrote + why, fix);
            }
            default -> {
                boolean unlogged = change.relationAfter().map(RelationDefinition::unlogged).orElse(false);
                findings.add(RuleCatalogue.TABLE_REWRITTEN, change,
                        "SET " + (unlogged ? "UNLOGGED" : "LOGGED") + rewrote + "changing persistence always copies the table",
                        "Run it in a maintenance window, or create a new " + (unlogged ? "UNLOGGED" : "LOGGED")
                                + " table and copy the rows in batches.");
            }
        }
    }

    private static void notNullScanned(JudgedChange change, TableWork work, Findings findings) {
        TableSize size = change.size();
        if (!change.event().isLarge(size)) {
            return;
        }
        change.event().lockExplained(work.table());
        String table = qualified(change);
        String column = column(change);
        String check = SqlQuoting.identifier(change.change().name() + "_not_null");
        findings.add(RuleCatalogue.NOT_NULL_SCAN_ON_LARGE_TABLE, change,
                "SET NOT NULL on " + change.subject() + " read all " + Quantities.rows(size.rowEstimate()) + " ("
                        + Quantities.bytes(size.sizeBytes()) + ") of " + change.relationName()
                        + " under ACCESS EXCLUSIVE: no validated CHECK (" + change.change().name() + " IS NOT NULL) proved it",
                "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID; ALTER TABLE "
                        + table + " VALIDATE CONSTRAINT " + check + "; ALTER TABLE " + table + " ALTER COLUMN " + column
                        + " SET NOT NULL; ALTER TABLE " + table + " DROP CONSTRAINT " + check + ";");
    }

    private static void indexBuiltBlockingWrites(JudgedChange change, TableWork work, Findings findings) {
        if (work.lock() != LockMode.SHARE || !change.size().hasRows()) {
            return;
        }
        Optional<IndexDefinition> index = change.indexAfter();
        boolean partitioned = change.table().kind() == RelationKind.PARTITIONED_TABLE;
        String fix;
        if (partitioned) {
            fix = "CONCURRENTLY is not available on a partitioned table: CREATE INDEX ... ON ONLY " + qualified(change)
                    + ", then CREATE INDEX CONCURRENTLY on each partition and ALTER INDEX ... ATTACH PARTITION each one.";
        } else {
            fix = index.flatMap(i -> Concurrently.createIndex(i.definition()))
                    .map(statement -> statement + "; (outside a transaction block; check afterwards that the index is valid)")
                    .orElse("CREATE INDEX CONCURRENTLY " + SqlQuoting.identifier(change.change().name()) + " ON "
                            + qualified(change) + " (...), outside a transaction block.");
        }
        findings.add(RuleCatalogue.INDEX_WITHOUT_CONCURRENTLY, change,
                "index " + change.change().name() + " built on " + change.relationName() + " (" + Quantities.size(change.size())
                        + ") without CONCURRENTLY: every INSERT, UPDATE and DELETE waited for the whole build",
                fix);
    }

    private static void indexDroppedUnderLock(JudgedChange change, TableWork work, Findings findings) {
        boolean plainDropIndex = change.event().commandTag().equals("DROP INDEX");
        if (!plainDropIndex || work.lock() != LockMode.ACCESS_EXCLUSIVE || !change.size().hasRows()) {
            return;
        }
        change.event().lockExplained(work.table());
        findings.add(RuleCatalogue.INDEX_DROPPED_WITHOUT_CONCURRENTLY, change,
                "index " + change.change().name() + " dropped without CONCURRENTLY: ACCESS EXCLUSIVE on " + change.relationName()
                        + " (" + Quantities.size(change.size()) + ")",
                "DROP INDEX CONCURRENTLY " + SqlQuoting.qualified(change.change().schema(), change.change().name())
                        + "; (outside a transaction block)");
    }

    private static void constraintAddedUnderLock(JudgedChange change, TableWork work, Findings findings) {
        Optional<ConstraintDefinition> added = change.constraintAfter();
        boolean newDefinition = change.type() == ChangeType.CONSTRAINT_ADDED || change.type() == ChangeType.RELATIONSHIP_ADDED
                || TableWork.redefined(change);
        if (added.isEmpty() || !newDefinition || !change.size().hasRows()) {
            return;
        }
        ConstraintDefinition constraint = added.get();
        String table = qualified(change);
        String name = SqlQuoting.identifier(constraint.name());
        if (work.pass() == Pass.SCAN && (constraint.type() == ConstraintType.CHECK
                || constraint.type() == ConstraintType.FOREIGN_KEY)) {
            if (work.lock() == LockMode.ACCESS_EXCLUSIVE) {
                change.event().lockExplained(work.table());
            }
            String locked = work.referencedTable() == null ? change.relationName()
                    : change.relationName() + " and " + work.referencedTable();
            findings.add(RuleCatalogue.CONSTRAINT_VALIDATED_UNDER_LOCK, change,
                    (constraint.type() == ConstraintType.CHECK ? "check constraint " : "foreign key ") + constraint.name()
                            + " validated all " + Quantities.rows(change.size().rowEstimate()) + " of " + change.relationName()
                            + " while adding it: " + work.lock().sql() + " on " + locked + " for the whole scan",
                    "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + withoutNotValid(constraint.definition())
                            + " NOT VALID; then, in its own transaction, ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";");
            return;
        }
        if (work.pass() == Pass.INDEX_BUILD) {
            change.event().lockExplained(work.table());
            boolean exclusion = constraint.type() == ConstraintType.EXCLUSION;
            String kind = constraint.type() == ConstraintType.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
            String columns = constraint.columns().stream().map(SqlQuoting::identifier).collect(Collectors.joining(", "));
            findings.add(RuleCatalogue.UNIQUE_INDEX_BUILT_UNDER_LOCK, change,
                    (exclusion ? "exclusion" : kind) + " constraint " + constraint.name() + " built its index on "
                            + change.relationName() + " (" + Quantities.size(change.size()) + ") under ACCESS EXCLUSIVE:"
                            + " no reads or writes until the build was done",
                    exclusion
                            ? "An exclusion constraint cannot adopt an existing index: add it in a quiet period, or enforce the rule another way."
                            : "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + table + " (" + columns + "); ALTER TABLE " + table
                            + " ADD CONSTRAINT " + name + " " + kind + " USING INDEX " + name + ";");
        }
    }

    private static String withoutNotValid(String definition) {
        if (definition == null) {
            return "...";
        }
        return definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - " NOT VALID".length())
                : definition;
    }

    private static String qualified(JudgedChange change) {
        return SqlQuoting.qualified(change.change().schema(), change.change().relation());
    }

    private static String column(JudgedChange change) {
        return SqlQuoting.identifier(change.change().name());
    }
}
