package dev.schemawatch.analyzer.rollback;

import dev.schemawatch.analyzer.rules.ColumnTypeChange;
import dev.schemawatch.analyzer.rules.Concurrently;
import dev.schemawatch.analyzer.rules.EventDefinitions;
import dev.schemawatch.analyzer.rules.QualifiedName;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.schema.SequenceDefinition;
import dev.schemawatch.contracts.schema.TriggerDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The inverse of each atomic change of one event, from the definitions the event carries. */
final class InverseDdl {

    /** Changes of a relation that dropping the relation undoes as well, when the same statement created it. */
    private static final Set<ChangeType> PART_OF_A_NEW_RELATION = Set.of(ChangeType.COLUMN_ADDED,
            ChangeType.CONSTRAINT_ADDED, ChangeType.RELATIONSHIP_ADDED, ChangeType.INDEX_ADDED, ChangeType.POLICY_ADDED,
            ChangeType.TRIGGER_ADDED, ChangeType.PARTITION_ATTACHED, ChangeType.ROW_SECURITY_ENABLED,
            ChangeType.COMMENT_CHANGED, ChangeType.OWNER_CHANGED, ChangeType.PRIVILEGES_CHANGED);

    private static final String OUTSIDE_TRANSACTION = "run it outside a transaction block";

    private final SchemaChangeEvent event;
    private final EventDefinitions definitions;
    private final Map<String, Integer> createdAt = new HashMap<>();

    InverseDdl(SchemaChangeEvent event) {
        this.event = event;
        this.definitions = new EventDefinitions(event);
        for (int i = 0; i < event.changes().size(); i++) {
            AtomicChange change = event.changes().get(i);
            switch (change.type()) {
                case TABLE_ADDED, VIEW_ADDED, SEQUENCE_ADDED -> createdAt.putIfAbsent(key(change.schema(), change.relation()), i);
                default -> {
                    // creates no relation
                }
            }
        }
    }

    Inverse of(AtomicChange change) {
        Integer creator = createdAt.get(key(change.schema(), change.relation()));
        if (creator != null && PART_OF_A_NEW_RELATION.contains(change.type())) {
            return Inverse.coveredBy("dropping " + change.schema() + "." + change.relation() + " (step for change #" + creator + ")");
        }
        return switch (change.type()) {
            case TABLE_ADDED, VIEW_ADDED -> relationAdded(change);
            case TABLE_REMOVED -> tableRemoved(change);
            case TABLE_RENAMED, VIEW_RENAMED -> relationRenamed(change);
            case TABLE_MODIFIED -> tableModified(change);
            case COLUMN_ADDED -> columnAdded(change);
            case COLUMN_REMOVED -> columnRemoved(change);
            case COLUMN_RENAMED -> Inverse.reversible("ALTER " + keyword(change) + " " + relation(change) + " RENAME COLUMN "
                    + SqlQuoting.identifier(change.name()) + " TO " + SqlQuoting.identifier(change.previousName()) + ";", null);
            case COLUMN_MODIFIED -> ColumnModification.inverse(change, definitions, relation(change));
            case CONSTRAINT_ADDED, RELATIONSHIP_ADDED -> Inverse.reversible("ALTER TABLE " + relation(change)
                    + " DROP CONSTRAINT " + SqlQuoting.identifier(change.name()) + ";", constraintDropNote(change));
            case CONSTRAINT_REMOVED, RELATIONSHIP_REMOVED -> constraintRemoved(change);
            case CONSTRAINT_MODIFIED, RELATIONSHIP_MODIFIED -> constraintModified(change);
            case INDEX_ADDED -> indexAdded(change);
            case INDEX_REMOVED -> indexRemoved(change);
            case INDEX_MODIFIED -> change.previousName() == null
                    ? Inverse.none("the index's definition changed in place; recreate it from its previous definition")
                    : Inverse.reversible("ALTER INDEX " + SqlQuoting.qualified(change.schema(), change.name()) + " RENAME TO "
                    + SqlQuoting.identifier(change.previousName()) + ";", null);
            case VIEW_REMOVED -> viewRemoved(change);
            case VIEW_MODIFIED -> viewModified(change);
            case SEQUENCE_ADDED -> sequenceAdded(change);
            case SEQUENCE_REMOVED -> sequenceRemoved(change);
            case SEQUENCE_MODIFIED -> sequenceModified(change);
            case TYPE_ADDED -> Inverse.reversible("DROP " + typeKeyword(change) + " " + relation(change) + ";",
                    "fails while columns or functions use the type");
            case TYPE_REMOVED -> typeRemoved(change);
            case TYPE_RENAMED -> renamedBack("ALTER " + typeKeyword(change), change);
            case TYPE_MODIFIED -> Inverse.none("PostgreSQL cannot change a domain's base type or a type's attributes back in"
                    + " place; recreate the type from its previous definition (" + Objects.toString(change.summary(), "see the event") + ")");
            case ENUM_VALUE_ADDED -> Inverse.none("PostgreSQL cannot drop an enum value. To undo, create a new type without "
                    + SqlQuoting.literal(change.name()) + ", move every column to it (ALTER TABLE ... ALTER COLUMN ... TYPE new_type"
                    + " USING col::text::new_type, after changing rows that hold the value), drop " + relation(change)
                    + " and rename the new type");
            case ENUM_VALUE_REMOVED -> enumValueRemoved(change);
            case ENUM_VALUE_RENAMED -> Inverse.reversible("ALTER TYPE " + relation(change) + " RENAME VALUE "
                    + SqlQuoting.literal(change.name()) + " TO " + SqlQuoting.literal(change.previousName()) + ";", null);
            case SCHEMA_ADDED -> Inverse.reversible("DROP SCHEMA " + SqlQuoting.identifier(change.schema()) + " RESTRICT;",
                    "fails while the schema holds objects; drop those first (their own steps)");
            case SCHEMA_REMOVED -> Inverse.irreversible("CREATE SCHEMA " + SqlQuoting.identifier(change.schema()) + ";", null,
                    "restores the empty schema, not its owner, privileges or default privileges; objects dropped with it are"
                            + " restored by their own steps as far as possible");
            case SCHEMA_RENAMED -> change.previousName() == null
                    ? Inverse.none("the schema's previous name was not known")
                    : Inverse.reversible("ALTER SCHEMA " + SqlQuoting.identifier(change.schema()) + " RENAME TO "
                    + SqlQuoting.identifier(change.previousName()) + ";", null);
            case PARTITION_ATTACHED -> partitionAttached(change);
            case PARTITION_DETACHED -> partitionDetached(change);
            case POLICY_ADDED -> Inverse.reversible("DROP POLICY " + SqlQuoting.identifier(change.name()) + " ON "
                    + relation(change) + ";", null);
            case POLICY_REMOVED -> definitions.policyBefore(change)
                    .map(p -> Inverse.reversible(SqlFragments.createPolicy(p, relation(change)), null))
                    .orElseGet(() -> Inverse.none("the policy's definition was not captured"));
            case POLICY_MODIFIED -> policyModified(change);
            case ROW_SECURITY_ENABLED -> Inverse.reversible("ALTER TABLE " + relation(change)
                    + " DISABLE ROW LEVEL SECURITY;", null);
            case ROW_SECURITY_DISABLED -> Inverse.reversible("ALTER TABLE " + relation(change)
                    + " ENABLE ROW LEVEL SECURITY;", null);
            case TRIGGER_ADDED -> Inverse.reversible("DROP TRIGGER " + SqlQuoting.identifier(change.name()) + " ON "
                    + relation(change) + ";", null);
            case TRIGGER_REMOVED -> definitions.triggerBefore(change)
                    .filter(t -> t.definition() != null)
                    .map(t -> Inverse.reversible(createTrigger(t, relation(change)), null))
                    .orElseGet(() -> Inverse.none("the trigger's definition was not captured"));
            case TRIGGER_MODIFIED -> triggerModified(change);
            case COMMENT_CHANGED -> commentChanged(change);
            case OWNER_CHANGED -> ownerChanged(change);
            case PRIVILEGES_CHANGED -> privilegesChanged(change);
            case OTHER -> Inverse.none(Objects.toString(change.summary(), "the statement was not understood"));
        };
    }

    private Inverse relationAdded(AtomicChange change) {
        RelationKind kind = kind(change);
        String note = kind != null && kind.isView() ? null : "every row written to it since is lost";
        return Inverse.reversible("DROP " + SqlFragments.keyword(kind) + " " + relation(change) + ";", note);
    }

    private Inverse tableRemoved(AtomicChange change) {
        Optional<RelationDefinition> before = definitions.relationBefore(change);
        String loss = "all rows of " + change.schema() + "." + change.relation()
                + before.map(t -> " (" + rows(t.rowEstimate()) + ")").orElse("");
        if (before.isEmpty()) {
            return Inverse.irreversible(null, loss, "the table's definition was not captured");
        }
        if (before.get().kind() == RelationKind.FOREIGN_TABLE) {
            return Inverse.irreversible(null, null, "a foreign table needs its server and options, which were not captured;"
                    + " its remote data is untouched");
        }
        String sql = CreateStatements.table(before.get());
        return Inverse.irreversible(sql, loss, sql == null ? "a column type could not be read back from the definition"
                : "recreates the structure (columns, constraints, indexes, policies, triggers, grants) without the rows;"
                + " restore them from a backup");
    }

    private Inverse relationRenamed(AtomicChange change) {
        return renamedBack("ALTER " + keyword(change), change);
    }

    /**
     * RENAME TO the previous name, then SET SCHEMA to the previous schema when the change moved the
     * object (the event gives the previous name as {@code schema.name}).
     */
    private Inverse renamedBack(String alter, AtomicChange change) {
        if (change.previousName() == null) {
            return Inverse.none("the previous name was not known");
        }
        QualifiedName previous = definitions.relationBefore(change)
                .map(r -> new QualifiedName(r.schema(), r.name()))
                .orElseGet(() -> QualifiedName.parse(change.previousName(), change.schema()));
        List<String> statements = new ArrayList<>();
        String current = relation(change);
        if (!previous.name().equals(change.relation())) {
            statements.add(alter + " " + current + " RENAME TO " + SqlQuoting.identifier(previous.name()) + ";");
            current = SqlQuoting.qualified(change.schema(), previous.name());
        }
        if (!Objects.equals(previous.schema(), change.schema())) {
            statements.add(alter + " " + current + " SET SCHEMA " + SqlQuoting.identifier(previous.schema()) + ";");
        }
        return Inverse.reversible(String.join("\n", statements), null);
    }

    private Inverse tableModified(AtomicChange change) {
        Optional<RelationDefinition> before = definitions.relationBefore(change);
        if (before.isEmpty()) {
            return Inverse.none("the table's previous settings were not captured");
        }
        List<String> actions = new ArrayList<>();
        String note = null;
        if (change.aspects().contains(ChangeAspect.PERSISTENCE)) {
            actions.add(before.get().unlogged() ? "SET UNLOGGED" : "SET LOGGED");
            note = "rewrites the whole table under ACCESS EXCLUSIVE";
        }
        if (change.aspects().contains(ChangeAspect.FORCE_ROW_SECURITY)) {
            actions.add(before.get().forceRowSecurity() ? "FORCE ROW LEVEL SECURITY" : "NO FORCE ROW LEVEL SECURITY");
        }
        if (actions.isEmpty()) {
            return Inverse.none(Objects.toString(change.summary(), "the table changed in a way schemawatch cannot undo"));
        }
        return Inverse.reversible("ALTER TABLE " + relation(change) + " " + String.join(", ", actions) + ";", note);
    }

    private Inverse columnAdded(AtomicChange change) {
        RelationKind kind = kind(change);
        if (kind != null && kind.isView()) {
            return Inverse.coveredBy("restoring the view's previous definition (its VIEW_MODIFIED step)");
        }
        return Inverse.reversible("ALTER " + SqlFragments.keyword(kind) + " " + relation(change) + " DROP COLUMN "
                + SqlQuoting.identifier(change.name()) + ";", "the values written to " + change.name() + " since are lost");
    }

    private Inverse columnRemoved(AtomicChange change) {
        Optional<ColumnDefinition> before = definitions.columnBefore(change);
        long rows = definitions.relationBefore(change).or(() -> definitions.relationAfter(change))
                .map(RelationDefinition::rowEstimate).orElse(-1L);
        String loss = "values of column " + change.schema() + "." + change.relation() + "." + change.name()
                + " (" + rows(rows) + ")";
        if (before.isEmpty()) {
            return Inverse.irreversible(null, loss, "the column's definition was not captured");
        }
        ColumnDefinition column = before.get();
        boolean fillsItself = column.defaultValue() != null || column.identity() != null || column.generated() != null;
        // PostgreSQL refuses ADD COLUMN ... NOT NULL without a default on a table with rows
        boolean notNullNow = column.notNull() && (fillsItself || rows == 0);
        String declaration = SqlFragments.columnDeclaration(column, notNullNow);
        if (declaration == null) {
            return Inverse.irreversible(null, loss, "the column's type could not be read back from its definition");
        }
        String note = "restores the column, not its values";
        if (column.notNull() && !notNullNow) {
            note += "; NOT NULL is left out because the table has rows: once the values are restored, run ALTER TABLE "
                    + relation(change) + " ALTER COLUMN " + SqlQuoting.identifier(column.name()) + " SET NOT NULL;";
        }
        return Inverse.irreversible("ALTER " + keyword(change) + " " + relation(change) + " ADD COLUMN " + declaration + ";",
                loss, note);
    }

    private Inverse constraintRemoved(AtomicChange change) {
        Optional<ConstraintDefinition> before = definitions.constraintBefore(change);
        if (before.isEmpty() || before.get().definition() == null) {
            return Inverse.none("the constraint's definition was not captured");
        }
        ConstraintDefinition constraint = before.get();
        String table = relation(change);
        String name = SqlQuoting.identifier(constraint.name());
        String sql = "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + constraint.definition() + ";";
        return Inverse.reversible(sql, addConstraintNote(constraint, table));
    }

    private static String addConstraintNote(ConstraintDefinition constraint, String table) {
        String name = SqlQuoting.identifier(constraint.name());
        boolean notValid = constraint.definition().endsWith(" NOT VALID");
        return switch (constraint.type()) {
            case CHECK, FOREIGN_KEY -> notValid ? "restored NOT VALID, as it was"
                    : "fails if rows written since break it, and scans the table under lock; on a large table run ALTER TABLE "
                    + table + " ADD CONSTRAINT " + name + " " + constraint.definition() + " NOT VALID; then ALTER TABLE " + table
                    + " VALIDATE CONSTRAINT " + name + "; instead";
            case PRIMARY_KEY, UNIQUE -> "fails if duplicates were written since, and builds its index under ACCESS EXCLUSIVE;"
                    + " on a large table run CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + table + " ("
                    + constraint.columns().stream().map(SqlQuoting::identifier).collect(Collectors.joining(", "))
                    + ") first, then ALTER TABLE " + table + " ADD CONSTRAINT " + name + " "
                    + (constraint.type() == ConstraintType.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX " + name + ";";
            default -> "fails if rows written since break it";
        };
    }

    private Inverse constraintModified(AtomicChange change) {
        Optional<ConstraintDefinition> before = definitions.constraintBefore(change);
        Optional<ConstraintDefinition> after = definitions.constraintAfter(change);
        String table = relation(change);
        boolean redefined = change.aspects().contains(ChangeAspect.DEFINITION)
                || change.aspects().contains(ChangeAspect.REFERENCED_TARGET)
                || change.aspects().contains(ChangeAspect.ON_DELETE) || change.aspects().contains(ChangeAspect.ON_UPDATE);
        if (redefined) {
            if (before.isEmpty() || before.get().definition() == null) {
                return Inverse.none("the constraint's previous definition was not captured");
            }
            return Inverse.reversible("ALTER TABLE " + table + " DROP CONSTRAINT " + SqlQuoting.identifier(change.name())
                    + ", ADD CONSTRAINT " + SqlQuoting.identifier(before.get().name()) + " " + before.get().definition() + ";",
                    addConstraintNote(before.get(), table));
        }
        List<String> statements = new ArrayList<>();
        if (change.aspects().contains(ChangeAspect.DEFERRABILITY) && before.isPresent()) {
            ConstraintDefinition was = before.get();
            statements.add("ALTER TABLE " + table + " ALTER CONSTRAINT " + SqlQuoting.identifier(change.name())
                    + (was.deferrable() ? " DEFERRABLE INITIALLY " + (was.initiallyDeferred() ? "DEFERRED" : "IMMEDIATE")
                    : " NOT DEFERRABLE") + ";");
        }
        if (change.previousName() != null) {
            statements.add("ALTER TABLE " + table + " RENAME CONSTRAINT " + SqlQuoting.identifier(change.name()) + " TO "
                    + SqlQuoting.identifier(change.previousName()) + ";");
        }
        boolean validated = change.aspects().contains(ChangeAspect.VALIDATION) && after.map(ConstraintDefinition::validated).orElse(true);
        if (statements.isEmpty()) {
            return validated
                    ? Inverse.reversible(null, "nothing to undo: VALIDATE CONSTRAINT only checked the existing rows")
                    : Inverse.none(Objects.toString(change.summary(), "the constraint changed in a way schemawatch cannot undo"));
        }
        return Inverse.reversible(String.join("\n", statements),
                validated ? "the constraint stays validated; that only checked the existing rows" : null);
    }

    private String constraintDropNote(AtomicChange change) {
        return definitions.constraintAfter(change)
                .filter(c -> c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE)
                .map(c -> "drops the index that enforces it as well")
                .orElse(null);
    }

    private Inverse indexAdded(AtomicChange change) {
        if (enforcesConstraint(change, ChangeType.CONSTRAINT_ADDED)) {
            return Inverse.coveredBy("dropping constraint " + change.name() + " (its own step)");
        }
        String index = SqlQuoting.qualified(change.schema(), change.name());
        if (kind(change) == RelationKind.PARTITIONED_TABLE) {
            return Inverse.reversible("DROP INDEX " + index + ";",
                    "an index on a partitioned table cannot be dropped CONCURRENTLY; this takes ACCESS EXCLUSIVE on every partition");
        }
        return Inverse.reversible("DROP INDEX CONCURRENTLY " + index + ";", OUTSIDE_TRANSACTION);
    }

    private Inverse indexRemoved(AtomicChange change) {
        if (enforcesConstraint(change, ChangeType.CONSTRAINT_REMOVED)) {
            return Inverse.coveredBy("restoring constraint " + change.name() + " (its own step), which rebuilds the index");
        }
        Optional<IndexDefinition> before = definitions.indexBefore(change);
        if (before.isEmpty() || before.get().definition() == null) {
            return Inverse.none("the index's definition was not captured");
        }
        String definition = before.get().definition();
        if (kind(change) == RelationKind.PARTITIONED_TABLE) {
            return Inverse.reversible(definition + ";", "an index on a partitioned table cannot be built CONCURRENTLY;"
                    + " this blocks writes while it builds");
        }
        return Concurrently.createIndex(definition)
                .map(sql -> Inverse.reversible(sql + ";", OUTSIDE_TRANSACTION + ", and check afterwards that the index is valid"))
                .orElseGet(() -> Inverse.reversible(definition + ";", "blocks writes while it builds"));
    }

    /** Whether the index is the one a primary key or unique constraint of the same change list enforces. */
    private boolean enforcesConstraint(AtomicChange index, ChangeType constraintChange) {
        return event.changes().stream().anyMatch(c -> c.type() == constraintChange
                && Objects.equals(c.schema(), index.schema()) && Objects.equals(c.relation(), index.relation())
                && Objects.equals(c.name(), index.name()));
    }

    private Inverse viewRemoved(AtomicChange change) {
        Optional<RelationDefinition> before = definitions.relationBefore(change);
        String sql = before.map(CreateStatements::view).orElse(null);
        if (sql == null) {
            return Inverse.none("the view's definition was not captured");
        }
        boolean materialized = before.get().kind() == RelationKind.MATERIALIZED_VIEW;
        return Inverse.reversible(sql, materialized
                ? "recomputes its contents from the current data, which may differ from what it held"
                : "fails if the tables or columns it reads are gone");
    }

    private Inverse viewModified(AtomicChange change) {
        Optional<RelationDefinition> before = definitions.relationBefore(change);
        if (!change.aspects().contains(ChangeAspect.DEFINITION) || before.isEmpty()
                || before.get().viewDefinition() == null) {
            return Inverse.none(Objects.toString(change.summary(), "the view's previous definition was not captured"));
        }
        RelationDefinition was = before.get();
        String name = relation(change);
        String query = CreateStatements.query(was.viewDefinition());
        if (was.kind() == RelationKind.MATERIALIZED_VIEW) {
            return Inverse.reversible("DROP MATERIALIZED VIEW " + name + ";\nCREATE MATERIALIZED VIEW " + name + " AS " + query + ";",
                    "recomputes its contents; indexes on it must be recreated");
        }
        boolean columnsAdded = definitions.relationAfter(change)
                .map(is -> is.columns().size() > was.columns().size())
                .orElse(false);
        if (columnsAdded) {
            return Inverse.reversible("DROP VIEW " + name + ";\nCREATE VIEW " + name + " AS " + query + ";",
                    "CREATE OR REPLACE VIEW cannot remove the columns the change added, so the view is dropped and recreated;"
                            + " views depending on it must be dropped first and recreated after");
        }
        return Inverse.reversible("CREATE OR REPLACE VIEW " + name + " AS " + query + ";", null);
    }

    private Inverse sequenceAdded(AtomicChange change) {
        Optional<String> ownedBy = definitions.relationAfter(change).map(RelationDefinition::sequence)
                .map(SequenceDefinition::ownedBy);
        Optional<Integer> ownerCreated = ownedBy.flatMap(this::createdOwner);
        if (ownerCreated.isPresent()) {
            return Inverse.coveredBy("dropping the table that owns it (step for change #" + ownerCreated.get() + ")");
        }
        return Inverse.reversible("DROP SEQUENCE " + relation(change) + ";", "fails while a column default still uses it");
    }

    private Inverse sequenceRemoved(AtomicChange change) {
        Optional<RelationDefinition> before = definitions.relationBefore(change);
        String sql = before.map(CreateStatements::sequence).orElse(null);
        if (sql == null) {
            return Inverse.none("the sequence's parameters were not captured");
        }
        String ownedBy = before.get().sequence().ownedBy();
        if (ownedBy != null && identityOfRemovedTable(ownedBy)) {
            return Inverse.coveredBy("recreating the identity column that owned it, which creates a new sequence");
        }
        return Inverse.irreversible(sql, "the sequence's current value",
                "starts again at its start value; move it past the ids in use with SELECT setval(" + SqlQuoting.literal(relation(change))
                        + ", max(id)) FROM the table it feeds" + (ownedBy == null ? "" : " (it was owned by " + ownedBy + ")"));
    }

    private Inverse sequenceModified(AtomicChange change) {
        if (change.previousName() != null && change.aspects().isEmpty()) {
            return renamedBack("ALTER SEQUENCE", change);
        }
        Optional<SequenceDefinition> before = definitions.relationBefore(change).map(RelationDefinition::sequence);
        if (!change.aspects().contains(ChangeAspect.PARAMETERS) || before.isEmpty()) {
            return Inverse.none(Objects.toString(change.summary(), "the sequence's previous parameters were not captured"));
        }
        return Inverse.reversible("ALTER SEQUENCE " + relation(change) + SqlFragments.sequenceParameters(before.get()) + ";",
                "restores its parameters, not its current value");
    }

    private Inverse typeRemoved(AtomicChange change) {
        Optional<TypeDefinition> before = definitions.typeBefore(change);
        String sql = before.map(CreateStatements::type).orElse(null);
        if (sql == null) {
            return Inverse.none("the type's definition was not captured, or it is of a kind schemawatch cannot recreate");
        }
        return Inverse.reversible(sql, "recreates the type; columns dropped with it (CASCADE) are restored by their own steps");
    }

    private Inverse enumValueRemoved(AtomicChange change) {
        String label = SqlQuoting.literal(change.name());
        String placement = "";
        Optional<TypeDefinition> after = definitions.typeAfter(change);
        Object position = change.before() == null ? null : change.before().get("position");
        if (after.isPresent() && position instanceof Number number) {
            List<String> labels = after.get().labels();
            int at = number.intValue();
            if (at < labels.size()) {
                placement = " BEFORE " + SqlQuoting.literal(labels.get(at));
            } else if (!labels.isEmpty()) {
                placement = " AFTER " + SqlQuoting.literal(labels.get(labels.size() - 1));
            }
        }
        return Inverse.irreversible("ALTER TYPE " + relation(change) + " ADD VALUE " + label + placement + ";", null,
                "adds the label back; rows that held it were changed when it was removed and keep their new value");
    }

    private Inverse partitionAttached(AtomicChange change) {
        String child = change.name();
        if (child == null) {
            return Inverse.none("the partition was not named");
        }
        QualifiedName partition = QualifiedName.parse(child, change.schema());
        boolean childSide = child.equals(change.schema() + "." + change.relation());
        String parent;
        if (childSide) {
            String partitionOf = change.after() == null ? null : Objects.toString(change.after().get("partitionOf"), null);
            if (partitionOf == null) {
                return Inverse.none("the parent of partition " + child + " was not captured");
            }
            parent = QualifiedName.parse(partitionOf, change.schema()).sql();
        } else {
            parent = relation(change);
        }
        return Inverse.reversible("ALTER TABLE " + parent + " DETACH PARTITION " + partition.sql() + ";",
                "its rows stay in the detached table; DETACH PARTITION ... CONCURRENTLY (outside a transaction block) avoids"
                        + " blocking the parent");
    }

    private Inverse partitionDetached(AtomicChange change) {
        String child = change.name();
        if (child == null) {
            return Inverse.none("the partition was not named");
        }
        QualifiedName partition = QualifiedName.parse(child, change.schema());
        boolean childSide = child.equals(change.schema() + "." + change.relation());
        String parent;
        String bound;
        if (childSide) {
            Map<String, Object> before = change.before() == null ? Map.of() : change.before();
            String partitionOf = Objects.toString(before.get("partitionOf"), null);
            parent = partitionOf == null ? null : QualifiedName.parse(partitionOf, change.schema()).sql();
            bound = Objects.toString(before.get("partitionBound"), null);
        } else {
            parent = relation(change);
            bound = definitions.relation(partition.schema(), partition.name()).map(RelationDefinition::partitionBound).orElse(null);
        }
        if (parent == null || bound == null) {
            return Inverse.none("the partition's bound was not captured; ATTACH it with its FOR VALUES clause");
        }
        return Inverse.reversible("ALTER TABLE " + parent + " ATTACH PARTITION " + partition.sql() + " " + bound + ";",
                "reads the partition to check its rows fit the bound, unless a matching CHECK constraint proves it");
    }

    private Inverse policyModified(AtomicChange change) {
        String table = relation(change);
        if (!change.aspects().contains(ChangeAspect.DEFINITION)) {
            return change.previousName() == null
                    ? Inverse.none(Objects.toString(change.summary(), "nothing recorded to undo"))
                    : Inverse.reversible("ALTER POLICY " + SqlQuoting.identifier(change.name()) + " ON " + table + " RENAME TO "
                    + SqlQuoting.identifier(change.previousName()) + ";", null);
        }
        Optional<PolicyDefinition> before = definitions.policyBefore(change);
        if (before.isEmpty()) {
            return Inverse.none("the policy's previous definition was not captured");
        }
        return Inverse.reversible("DROP POLICY " + SqlQuoting.identifier(change.name()) + " ON " + table + ";\n"
                + SqlFragments.createPolicy(before.get(), table), "run both statements in one transaction, so no moment is"
                + " without the policy");
    }

    private Inverse triggerModified(AtomicChange change) {
        String table = relation(change);
        String name = SqlQuoting.identifier(change.name());
        List<String> statements = new ArrayList<>();
        if (change.aspects().contains(ChangeAspect.DEFINITION)) {
            Optional<TriggerDefinition> before = definitions.triggerBefore(change).filter(t -> t.definition() != null);
            if (before.isEmpty()) {
                return Inverse.none("the trigger's previous definition was not captured");
            }
            return Inverse.reversible("DROP TRIGGER " + name + " ON " + table + ";\n" + createTrigger(before.get(), table), null);
        }
        if (change.aspects().contains(ChangeAspect.ENABLED)) {
            boolean wasEnabled = definitions.triggerBefore(change).map(TriggerDefinition::enabled).orElse(true);
            statements.add("ALTER TABLE " + table + (wasEnabled ? " ENABLE" : " DISABLE") + " TRIGGER " + name + ";");
        }
        if (change.previousName() != null) {
            statements.add("ALTER TRIGGER " + name + " ON " + table + " RENAME TO " + SqlQuoting.identifier(change.previousName()) + ";");
        }
        return statements.isEmpty()
                ? Inverse.none(Objects.toString(change.summary(), "nothing recorded to undo"))
                : Inverse.reversible(String.join("\n", statements), null);
    }

    private static String createTrigger(TriggerDefinition trigger, String table) {
        return trigger.definition() + ";" + (trigger.enabled() ? ""
                : "\nALTER TABLE " + table + " DISABLE TRIGGER " + SqlQuoting.identifier(trigger.name()) + ";");
    }

    private Inverse commentChanged(AtomicChange change) {
        if (change.relation() == null) {
            return Inverse.none("the previous comment on schema " + change.schema() + " was not captured");
        }
        if (change.name() != null) {
            return definitions.columnBefore(change)
                    .map(c -> Inverse.reversible("COMMENT ON COLUMN " + relation(change) + "." + SqlQuoting.identifier(c.name())
                            + " IS " + SqlQuoting.literal(c.comment()) + ";", null))
                    .orElseGet(() -> Inverse.none("the column's previous comment was not captured"));
        }
        Optional<TypeDefinition> type = definitions.typeBefore(change);
        if (type.isPresent()) {
            return Inverse.reversible("COMMENT ON " + typeKeyword(change) + " " + relation(change) + " IS "
                    + SqlQuoting.literal(type.get().comment()) + ";", null);
        }
        return definitions.relationBefore(change)
                .map(r -> Inverse.reversible("COMMENT ON " + SqlFragments.keyword(r.kind()) + " " + relation(change) + " IS "
                        + SqlQuoting.literal(r.comment()) + ";", null))
                .orElseGet(() -> Inverse.none("the previous comment was not captured"));
    }

    private Inverse ownerChanged(AtomicChange change) {
        if (change.relation() == null) {
            return Inverse.none("the previous owner of schema " + change.schema() + " was not captured");
        }
        Optional<TypeDefinition> type = definitions.typeBefore(change);
        if (type.isPresent() && type.get().owner() != null) {
            return Inverse.reversible("ALTER " + typeKeyword(change) + " " + relation(change) + " OWNER TO "
                    + SqlQuoting.identifier(type.get().owner()) + ";", null);
        }
        return definitions.relationBefore(change)
                .filter(r -> r.owner() != null)
                .map(r -> Inverse.reversible("ALTER " + SqlFragments.keyword(r.kind()) + " " + relation(change) + " OWNER TO "
                        + SqlQuoting.identifier(r.owner()) + ";", null))
                .orElseGet(() -> Inverse.none("the previous owner was not captured"));
    }

    private Inverse privilegesChanged(AtomicChange change) {
        Optional<RelationDefinition> before = definitions.relationBefore(change);
        Optional<RelationDefinition> after = definitions.relationAfter(change);
        if (before.isEmpty() || after.isEmpty()) {
            return Inverse.none("the previous privileges were not captured");
        }
        String objectKeyword = before.get().kind() == RelationKind.SEQUENCE ? "SEQUENCE" : "TABLE";
        String sql = SqlFragments.privilegeStatements(after.get().privileges(), before.get().privileges(), objectKeyword,
                relation(change));
        if (sql == null) {
            return Inverse.none("an access control entry could not be read");
        }
        return Inverse.reversible(sql.isEmpty() ? null : sql, "grants are restored as the current user; the original grantors are not");
    }

    /** Whether {@code ownedBy} ({@code schema.table.column}) names an identity column of a table this event dropped. */
    private boolean identityOfRemovedTable(String ownedBy) {
        for (AtomicChange change : event.changes()) {
            if (change.type() != ChangeType.TABLE_REMOVED || !ownedBy.startsWith(change.schema() + "." + change.relation() + ".")) {
                continue;
            }
            String column = ownedBy.substring((change.schema() + "." + change.relation() + ".").length());
            boolean identity = definitions.relationBefore(change)
                    .map(t -> t.columns().stream().anyMatch(c -> c.name().equals(column) && c.identity() != null))
                    .orElse(false);
            if (identity) {
                return true;
            }
        }
        return false;
    }

    /** The index of the change that created the table owning a sequence ({@code schema.table.column}). */
    private Optional<Integer> createdOwner(String ownedBy) {
        return createdAt.entrySet().stream()
                .filter(created -> ownedBy.startsWith(created.getKey() + "."))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private RelationKind kind(AtomicChange change) {
        return definitions.relationAfter(change).or(() -> definitions.relationBefore(change))
                .map(RelationDefinition::kind).orElse(null);
    }

    private String keyword(AtomicChange change) {
        return SqlFragments.keyword(kind(change));
    }

    private String typeKeyword(AtomicChange change) {
        Optional<TypeDefinition> type = definitions.typeBefore(change).or(() -> definitions.typeAfter(change));
        return type.map(t -> t.kind() == TypeDefinition.TypeKind.DOMAIN ? "DOMAIN" : "TYPE").orElse("TYPE");
    }

    private static String relation(AtomicChange change) {
        return SqlQuoting.qualified(change.schema(), change.relation());
    }

    private static String key(String schema, String name) {
        return schema + "." + name;
    }

    static String rows(long estimate) {
        return estimate < 0 ? "row count unknown" : String.format(Locale.ROOT, "~%,d rows", estimate);
    }

    /** The inverse of a column modification, aspect by aspect, as one ALTER TABLE. */
    private static final class ColumnModification {

        static Inverse inverse(AtomicChange change, EventDefinitions definitions, String table) {
            Optional<ColumnDefinition> before = definitions.columnBefore(change);
            Optional<ColumnDefinition> after = definitions.columnAfter(change);
            if (before.isEmpty() || after.isEmpty()) {
                return Inverse.none("the column's previous definition was not captured");
            }
            ColumnDefinition was = before.get();
            ColumnDefinition is = after.get();
            String column = "ALTER COLUMN " + SqlQuoting.identifier(is.name());
            List<String> actions = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            boolean retyped = change.aspects().contains(ChangeAspect.TYPE) || change.aspects().contains(ChangeAspect.COLLATION);
            boolean defaultDropped = false;
            if (retyped && is.defaultValue() != null) {
                // the current default may not cast to the old type; it is put back after
                actions.add(column + " DROP DEFAULT");
                defaultDropped = true;
            }
            if (change.aspects().contains(ChangeAspect.IDENTITY) && was.identity() == null && is.identity() != null) {
                actions.add(column + " DROP IDENTITY");
            }
            if (retyped) {
                if (!SqlFragments.isTypeName(was.type())) {
                    return Inverse.none("the column's previous type could not be read back");
                }
                actions.add(column + " TYPE " + was.type()
                        + (was.collation() != null ? " COLLATE " + SqlFragments.collation(was.collation())
                        : change.aspects().contains(ChangeAspect.COLLATION) ? " COLLATE \"default\"" : "")
                        + " USING " + SqlQuoting.identifier(is.name()) + "::" + was.type());
                ColumnTypeChange back = ColumnTypeChange.between(is.type(), was.type());
                if (back.narrowed() || back.incompatible()) {
                    notes.add("changing back to " + was.type() + " may fail or lose data for values written since ("
                            + back.reason() + ")");
                }
                if (back.rewrite()) {
                    notes.add("rewrites the table under ACCESS EXCLUSIVE");
                }
            }
            if (change.aspects().contains(ChangeAspect.DEFAULT) || defaultDropped) {
                if (was.defaultValue() != null) {
                    actions.add(column + " SET DEFAULT " + was.defaultValue());
                } else if (!defaultDropped) {
                    actions.add(column + " DROP DEFAULT");
                }
            }
            if (change.aspects().contains(ChangeAspect.NULLABILITY)) {
                actions.add(column + (was.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
                if (was.notNull()) {
                    notes.add("SET NOT NULL fails if NULLs were written since, and reads every row");
                }
            }
            if (change.aspects().contains(ChangeAspect.IDENTITY) && was.identity() != null) {
                if (is.identity() == null) {
                    actions.add(column + " ADD GENERATED " + SqlFragments.identity(was.identity()) + " AS IDENTITY");
                    notes.add("the new identity's sequence starts at 1: SELECT setval(pg_get_serial_sequence("
                            + SqlQuoting.literal(table) + ", " + SqlQuoting.literal(is.name()) + "), max("
                            + SqlQuoting.identifier(is.name()) + ")) FROM " + table + ";");
                } else {
                    actions.add(column + " SET GENERATED " + SqlFragments.identity(was.identity()));
                }
            }
            boolean reversible = true;
            if (change.aspects().contains(ChangeAspect.GENERATED)) {
                if (was.generated() != null && is.generated() != null) {
                    actions.add(column + " SET EXPRESSION AS (" + was.generated() + ")");
                    notes.add("SET EXPRESSION needs PostgreSQL 17 and rewrites the table");
                } else {
                    reversible = false;
                    notes.add("PostgreSQL cannot turn an existing column into a generated one or back; recreate the column");
                }
            }
            String sql = actions.isEmpty() ? null : "ALTER TABLE " + table + " " + String.join(", ", actions) + ";";
            String note = notes.isEmpty() ? null : String.join("; ", notes);
            return reversible ? Inverse.reversible(sql, note) : Inverse.irreversible(sql, null, note);
        }
    }
}
