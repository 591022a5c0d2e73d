package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.ArrayList;
import java.util.List;

import static dev.schemawatch.analyzer.fixtures.Tables.column;

/** The usual shapes of DDL events, as the monitor reports them, on a shop's orders table. */
final class Scenarios {

    static final long LARGE = 2_500_000;

    private Scenarios() {
    }

    static Tables.TableBuilder orders(long rows) {
        return Tables.table("public", "orders")
                .column(column(1, "id", "bigint").notNull())
                .column(column(2, "email", "character varying(40)"))
                .column(column(3, "amount", "integer"))
                .column(column(4, "customer_id", "bigint"))
                .constraint(Tables.primaryKey("orders_pkey", "id"))
                .index(Tables.uniqueIndex("public", "orders", "orders_pkey", true, "id"))
                .rows(rows);
    }

    static RelationDefinition customers() {
        return Tables.table("public", "customers")
                .column(column(1, "id", "bigint").notNull())
                .constraint(Tables.primaryKey("customers_pkey", "id"))
                .rows(5_000)
                .build();
    }

    static SchemaChangeEvent alterColumn(RelationDefinition before, ColumnDefinition changed, String ddl,
                                         ChangeAspect... aspects) {
        RelationDefinition after = Tables.from(before).column(changed).build();
        return Events.event("ALTER TABLE", ddl).before(before).after(after)
                .change(Events.columnModified(before, after, changed.name(), aspects)).build();
    }

    static SchemaChangeEvent addColumn(RelationDefinition before, ColumnDefinition added, String ddl) {
        RelationDefinition after = Tables.from(before).column(added).build();
        return Events.event("ALTER TABLE", ddl).before(before).after(after)
                .change(Events.columnAdded(after, added.name())).build();
    }

    static SchemaChangeEvent dropColumn(RelationDefinition before, String column, String ddl) {
        RelationDefinition after = Tables.from(before).withoutColumn(column).build();
        return Events.event("ALTER TABLE", ddl).before(before).after(after)
                .change(Events.columnRemoved(before, after, column)).build();
    }

    /** ADD CONSTRAINT, with the index a primary key or unique constraint builds reported beside it. */
    static SchemaChangeEvent addConstraint(RelationDefinition before, ConstraintDefinition constraint, String ddl) {
        Tables.TableBuilder afterBuilder = Tables.from(before).constraint(constraint);
        boolean key = constraint.type() == ConstraintType.PRIMARY_KEY || constraint.type() == ConstraintType.UNIQUE;
        if (key) {
            afterBuilder.index(Tables.uniqueIndex(before.schema(), before.name(), constraint.name(),
                    constraint.type() == ConstraintType.PRIMARY_KEY, constraint.columns().toArray(String[]::new)));
        }
        RelationDefinition after = afterBuilder.build();
        List<AtomicChange> changes = new ArrayList<>(List.of(Events.constraintAdded(after, constraint.name())));
        if (key) {
            changes.add(Events.indexAdded(after, constraint.name()));
        }
        return Events.event("ALTER TABLE", ddl).before(before).after(after)
                .change(changes.toArray(AtomicChange[]::new)).build();
    }

    static SchemaChangeEvent dropConstraint(RelationDefinition before, String name, String ddl) {
        RelationDefinition after = Tables.from(before).withoutConstraint(name).withoutIndex(name).build();
        List<AtomicChange> changes = new ArrayList<>(List.of(Events.constraintRemoved(before, after, name)));
        if (before.indexes().stream().anyMatch(i -> i.name().equals(name))) {
            changes.add(Events.indexRemoved(before, after, name));
        }
        return Events.event("ALTER TABLE", ddl).before(before).after(after)
                .change(changes.toArray(AtomicChange[]::new)).build();
    }

    static SchemaChangeEvent createIndex(RelationDefinition before, IndexDefinition index, String ddl) {
        RelationDefinition after = Tables.from(before).index(index).build();
        return Events.event("CREATE INDEX", ddl).before(before).after(after)
                .change(Events.indexAdded(after, index.name())).build();
    }

    static SchemaChangeEvent dropIndex(RelationDefinition before, String index, String ddl) {
        RelationDefinition after = Tables.from(before).withoutIndex(index).build();
        return Events.event("DROP INDEX", ddl).before(before).after(after)
                .change(Events.indexRemoved(before, after, index)).build();
    }

    /** CREATE TABLE: the table, then one RELATIONSHIP_ADDED per foreign key it declares. */
    static SchemaChangeEvent createTable(RelationDefinition table, String ddl) {
        List<AtomicChange> changes = new ArrayList<>(List.of(Events.tableAdded(table)));
        table.constraints().stream().filter(c -> c.type() == ConstraintType.FOREIGN_KEY)
                .forEach(fk -> changes.add(Events.constraintAdded(table, fk.name())));
        return Events.event("CREATE TABLE", ddl).after(table).change(changes.toArray(AtomicChange[]::new)).build();
    }

    static SchemaChangeEvent dropRelation(RelationDefinition before, String commandTag, String ddl) {
        return Events.event(commandTag, ddl).before(before).change(Events.tableRemoved(before))
                .primary(before.schema(), before.name(), before.kind().isView() ? "view" : "table").build();
    }

    /** TABLE_MODIFIED (SET LOGGED, FORCE ROW LEVEL SECURITY...), VIEW_MODIFIED or SEQUENCE_MODIFIED. */
    static SchemaChangeEvent relationLevelModified(RelationDefinition before, RelationDefinition after, String ddl,
                                                   ChangeAspect... aspects) {
        String tag = after.kind().isView() ? "CREATE VIEW" : after.kind() == RelationKind.SEQUENCE
                ? "ALTER SEQUENCE" : "ALTER TABLE";
        return Events.event(tag, ddl).before(before).after(after).change(Events.modified(before, after, aspects)).build();
    }

    static SchemaChangeEvent relationLevel(ChangeType type, RelationDefinition before, RelationDefinition after, String ddl) {
        return Events.event("ALTER TABLE", ddl).before(before).after(after)
                .change(Events.relationLevel(type, before, after)).build();
    }
}
