package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.Optional;

/** SW2xx: readers or writers built for the old schema stop working. */
final class CompatibilityRules implements RuleGroup {

    private static final String ALWAYS = "ALWAYS";

    @Override
    public void judge(JudgedChange change, Findings findings) {
        switch (change.type()) {
            case TABLE_RENAMED -> relationRenamed(change, findings, RuleCatalogue.TABLE_RENAMED, "table");
            case VIEW_RENAMED -> relationRenamed(change, findings, RuleCatalogue.VIEW_RENAMED, "view");
            case TYPE_RENAMED -> relationRenamed(change, findings, RuleCatalogue.TYPE_RENAMED, "type");
            case SCHEMA_RENAMED -> schemaRenamed(change, findings);
            case COLUMN_RENAMED -> columnRenamed(change, findings);
            case COLUMN_MODIFIED -> columnModified(change, findings);
            case COLUMN_ADDED -> columnAdded(change, findings);
            case ENUM_VALUE_REMOVED -> findings.add(RuleCatalogue.ENUM_VALUE_REMOVED, change,
                    "value " + SqlQuoting.literal(change.change().name()) + " removed from enum " + change.relationName()
                            + Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), change.change().name())),
                    "Migrate rows and writers off " + SqlQuoting.literal(change.change().name())
                            + " before recreating the type without it.");
            case ENUM_VALUE_RENAMED -> findings.add(RuleCatalogue.ENUM_VALUE_RENAMED, change,
                    "value " + SqlQuoting.literal(change.change().previousName()) + " of enum " + change.relationName()
                            + " renamed to " + SqlQuoting.literal(change.change().name())
                            + "; writers sending the old label fail",
                    "Instead: ALTER TYPE " + qualified(change) + " ADD VALUE " + SqlQuoting.literal(change.change().name())
                            + ", move writers and rows to it, and retire " + SqlQuoting.literal(change.change().previousName())
                            + " later.");
            case PARTITION_DETACHED -> partitionDetached(change, findings);
            case CONSTRAINT_REMOVED -> keyDropped(change, findings);
            default -> {
                // compatible
            }
        }
    }

    private static void relationRenamed(JudgedChange change, Findings findings, RuleDefinition rule, String noun) {
        String previous = change.change().previousName();
        String oldName = previous == null ? "its previous name"
                : QualifiedName.parse(previous, change.change().schema()).toString();
        String oldShortName = previous == null ? null : QualifiedName.parse(previous, change.change().schema()).name();
        String message = noun + " " + oldName + " renamed to " + change.relationName()
                + "; queries using the old name fail"
                + Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), oldShortName));
        String fix = switch (noun) {
            case "table" -> previous == null ? rule.fix()
                    : "Keep the old name working until every client moved: CREATE VIEW "
                    + QualifiedName.parse(previous, change.change().schema()).sql() + " AS SELECT * FROM " + qualified(change)
                    + " (a simple view is updatable).";
            case "view" -> previous == null ? rule.fix()
                    : "Keep a view under the old name (CREATE VIEW " + QualifiedName.parse(previous, change.change().schema()).sql()
                    + " AS SELECT * FROM " + qualified(change) + ") until readers moved.";
            default -> rule.fix();
        };
        findings.add(rule, change, message, fix);
    }

    private static void schemaRenamed(JudgedChange change, Findings findings) {
        String previous = change.change().previousName();
        String message = "schema " + (previous == null ? "(previous name unknown)" : previous) + " renamed to "
                + change.change().schema() + "; every qualified name and search_path entry using the old name stops resolving"
                + Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), previous));
        findings.add(RuleCatalogue.SCHEMA_RENAMED, change, message, RuleCatalogue.SCHEMA_RENAMED.fix());
    }

    private static void columnRenamed(JudgedChange change, Findings findings) {
        String previous = change.change().previousName();
        String message = "column " + change.relationName() + "." + previous + " renamed to " + change.change().name()
                + "; queries naming " + previous + " fail"
                + Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), previous));
        String type = change.columnAfter().map(ColumnDefinition::type).orElse("of the same type");
        findings.add(RuleCatalogue.COLUMN_RENAMED, change, message,
                "Rename back, then: ALTER TABLE " + qualified(change) + " ADD COLUMN " + SqlQuoting.identifier(change.change().name())
                        + " " + type + ", keep both in step with a trigger, backfill, move readers and writers, then drop "
                        + SqlQuoting.identifier(previous) + ".");
    }

    private static void columnModified(JudgedChange change, Findings findings) {
        Optional<ColumnDefinition> before = change.columnBefore();
        Optional<ColumnDefinition> after = change.columnAfter();
        if (before.isEmpty() || after.isEmpty() || !change.onTable()) {
            return;
        }
        ColumnDefinition was = before.get();
        ColumnDefinition is = after.get();
        if (change.has(ChangeAspect.TYPE)) {
            typeChanged(change, findings, was, is);
        }
        if (change.has(ChangeAspect.NULLABILITY) && is.notNull() && !was.notNull() && !hasValueSource(is)) {
            findings.add(RuleCatalogue.NOT_NULL_ADDED, change,
                    "column " + change.subject() + " is NOT NULL now and has no default: writers that omit it or send NULL fail",
                    "Give it a default first (ALTER TABLE " + qualified(change) + " ALTER COLUMN " + column(change)
                            + " SET DEFAULT ...), or make sure every writer sets it.");
        }
        boolean sourceDropped = (change.has(ChangeAspect.DEFAULT) || change.has(ChangeAspect.IDENTITY))
                && hasValueSource(was) && !hasValueSource(is) && is.notNull();
        if (sourceDropped) {
            String source = was.identity() != null ? "identity (GENERATED " + was.identity().replace('_', ' ') + ")"
                    : "default " + was.defaultValue();
            String restore = was.identity() != null
                    ? "ADD GENERATED " + was.identity().replace('_', ' ') + " AS IDENTITY"
                    : "SET DEFAULT " + was.defaultValue();
            findings.add(RuleCatalogue.DEFAULT_DROPPED, change,
                    "column " + change.subject() + " lost its " + source + " but stays NOT NULL: writers that omit it fail",
                    "Keep it until every writer sets " + column(change) + " (ALTER TABLE " + qualified(change)
                            + " ALTER COLUMN " + column(change) + " " + restore + "), or drop NOT NULL with it.");
        }
        if (change.has(ChangeAspect.IDENTITY) && ALWAYS.equals(is.identity()) && !ALWAYS.equals(was.identity())) {
            findings.add(RuleCatalogue.IDENTITY_ALWAYS_ADDED, change,
                    "column " + change.subject() + " is GENERATED ALWAYS AS IDENTITY now: writers supplying their own values fail"
                            + " unless they add OVERRIDING SYSTEM VALUE",
                    "Use ALTER TABLE " + qualified(change) + " ALTER COLUMN " + column(change)
                            + " SET GENERATED BY DEFAULT, or change the writers first.");
        }
    }

    private static void typeChanged(JudgedChange change, Findings findings, ColumnDefinition was, ColumnDefinition is) {
        ColumnTypeChange typeChange = ColumnTypeChange.between(was.type(), is.type());
        String transition = "column " + change.subject() + " " + was.type() + " → " + is.type() + ": " + typeChange.reason();
        if (typeChange.narrowed()) {
            findings.add(RuleCatalogue.COLUMN_TYPE_NARROWED, change, transition,
                    "Keep " + was.type() + ", or first make sure no row or writer needs more (e.g. ALTER TABLE " + qualified(change)
                            + " ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT), and change the type after.");
        } else if (typeChange.incompatible()) {
            findings.add(RuleCatalogue.COLUMN_TYPE_INCOMPATIBLE, change, transition,
                    "Add a column of type " + is.type() + " beside " + column(change) + ", write both, backfill, move readers, "
                            + "then drop the old column.");
        }
    }

    private static void columnAdded(JudgedChange change, Findings findings) {
        Optional<ColumnDefinition> added = change.columnAfter();
        if (added.isEmpty() || !change.onExistingTable() || !added.get().notNull() || hasValueSource(added.get())) {
            return;
        }
        ColumnDefinition column = added.get();
        findings.add(RuleCatalogue.REQUIRED_COLUMN_ADDED, change,
                "column " + change.subject() + " " + column.type() + " NOT NULL added without a default: every INSERT that does not"
                        + " name it fails (PostgreSQL accepted it because " + change.relationName() + " had no rows)",
                "ALTER TABLE " + qualified(change) + " ADD COLUMN " + column(change) + " " + column.type()
                        + " DEFAULT ... NOT NULL, or add it nullable and set NOT NULL once every writer fills it.");
    }

    private static void partitionDetached(JudgedChange change, Findings findings) {
        String child = change.change().name();
        if (child == null) {
            return;
        }
        QualifiedName partition = QualifiedName.parse(child, change.change().schema());
        boolean parentSide = !child.equals(change.relationName());
        String parent = parentSide ? change.relationName()
                : Optional.ofNullable(change.change().before()).map(b -> DefinitionMapReader.text(b, "partitionOf"))
                .orElse("its parent");
        TableSize size = change.event().size(JudgedChange.nameOnly(partition.schema(), partition.name(), null));
        findings.add(RuleCatalogue.PARTITION_DETACHED, change,
                "partition " + partition + " detached from " + parent + ": its " + Quantities.rows(size.rowEstimate())
                        + " no longer appear in queries on " + parent,
                "Make sure no reader needs those rows through " + parent + "; on a busy table use ALTER TABLE ... DETACH PARTITION "
                        + partition.sql() + " CONCURRENTLY.");
    }

    private static void keyDropped(JudgedChange change, Findings findings) {
        Optional<ConstraintDefinition> dropped = change.constraintBefore();
        if (dropped.isEmpty()) {
            return;
        }
        ConstraintDefinition key = dropped.get();
        if (key.type() != ConstraintType.PRIMARY_KEY && key.type() != ConstraintType.UNIQUE) {
            return;
        }
        String noun = key.type() == ConstraintType.PRIMARY_KEY ? "primary key " : "unique constraint ";
        findings.add(RuleCatalogue.KEY_DROPPED, change,
                noun + change.subject() + " on (" + String.join(", ", key.columns()) + ") dropped: duplicates can be written"
                        + " and INSERT ... ON CONFLICT (" + String.join(", ", key.columns()) + ") fails",
                "Build the replacement first (CREATE UNIQUE INDEX CONCURRENTLY ... ON " + qualified(change)
                        + "), attach it with ADD CONSTRAINT ... USING INDEX, then drop the old constraint.");
    }

    /** Whether the column fills itself when a writer omits it. */
    private static boolean hasValueSource(ColumnDefinition column) {
        return column.defaultValue() != null || column.identity() != null || column.generated() != null;
    }

    private static String qualified(JudgedChange change) {
        return SqlQuoting.qualified(change.change().schema(), change.change().relation());
    }

    private static String column(JudgedChange change) {
        return SqlQuoting.identifier(change.change().name());
    }
}
