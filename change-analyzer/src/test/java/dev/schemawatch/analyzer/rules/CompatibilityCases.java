package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.List;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.rules.RuleCase.fires;
import static dev.schemawatch.analyzer.rules.RuleCase.silent;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;

final class CompatibilityCases {

    private CompatibilityCases() {
    }

    static List<RuleCase> cases() {
        RelationDefinition orders = orders(12_000).build();
        RelationDefinition purchases = Tables.from(orders).renamed("public", "purchases").build();
        RelationDefinition totals = Tables.view("public", "order_totals", " SELECT id FROM orders;").build();
        RelationDefinition sums = Tables.from(totals).renamed("public", "order_sums").build();
        RelationDefinition renamedColumn = Tables.from(orders).column(column(orders.columns().get(1)).name("contact")).build();
        ColumnDefinition email = orders.columns().get(1);
        ColumnDefinition amount = orders.columns().get(2);
        RelationDefinition withDefault = Tables.from(orders).column(column(amount).defaultValue("0")).build();
        RelationDefinition requiredWithDefault = Tables.from(orders).column(column(amount).notNull().defaultValue("0")).build();
        RelationDefinition nullableWithDefault = Tables.from(orders).column(column(amount).defaultValue("0")).build();
        RelationDefinition empty = orders(0).build();
        TypeDefinition mood = Tables.enumType("public", "mood", "sad", "ok", "happy");
        TypeDefinition lessMood = Tables.withLabels(mood, "sad", "happy");
        TypeDefinition moreMood = Tables.withLabels(mood, "sad", "ok", "happy", "ecstatic");
        TypeDefinition renamedMood = Tables.withLabels(mood, "sad", "fine", "happy");
        RelationDefinition events = Tables.table("public", "events").partitionKey("RANGE (at)")
                .column("id", "bigint").column("at", "date").partitions("public.events_2025", "public.events_2026").build();
        RelationDefinition eventsDetached = Tables.from(events).partitions("public.events_2026").build();
        RelationDefinition withCheck = Tables.from(orders).constraint(Tables.check("amount_positive", "amount > 0", "amount")).build();
        return List.of(
                fires("SW201", "RENAME table", Events.event("ALTER TABLE", "ALTER TABLE orders RENAME TO purchases")
                        .before(orders).after(purchases).change(Events.renamed(orders, purchases)).build()),
                silent("SW201", "RENAME view", Events.event("ALTER VIEW", "ALTER VIEW order_totals RENAME TO order_sums")
                        .before(totals).after(sums).change(Events.renamed(totals, sums)).build()),

                fires("SW202", "RENAME COLUMN", Events.event("ALTER TABLE", "ALTER TABLE orders RENAME COLUMN email TO contact")
                        .before(orders).after(renamedColumn).change(Events.columnRenamed(orders, renamedColumn, "email", "contact")).build()),
                silent("SW202", "ADD COLUMN", Scenarios.addColumn(orders, column(5, "contact", "text").build(),
                        "ALTER TABLE orders ADD COLUMN contact text")),

                fires("SW203", "RENAME view", Events.event("ALTER VIEW", "ALTER VIEW order_totals RENAME TO order_sums")
                        .before(totals).after(sums).change(Events.renamed(totals, sums)).build()),
                silent("SW203", "RENAME table", Events.event("ALTER TABLE", "ALTER TABLE orders RENAME TO purchases")
                        .before(orders).after(purchases).change(Events.renamed(orders, purchases)).build()),

                fires("SW204", "RENAME type", Events.event("ALTER TYPE", "ALTER TYPE mood RENAME TO feeling")
                        .types(Tables.renamed(mood, "feeling")).change(Events.typeRenamed(mood, Tables.renamed(mood, "feeling")))
                        .primary("public", "feeling", "type").build()),
                silent("SW204", "CREATE TYPE", Events.event("CREATE TYPE", "CREATE TYPE mood AS ENUM ('sad')")
                        .types(mood).change(Events.typeAdded(mood)).primary("public", "mood", "type").build()),

                fires("SW205", "RENAME schema", Events.event("ALTER SCHEMA", "ALTER SCHEMA sales RENAME TO revenue")
                        .change(Events.schemaChange(ChangeType.SCHEMA_RENAMED, "revenue", "sales")).build()),
                silent("SW205", "CREATE SCHEMA", Events.event("CREATE SCHEMA", "CREATE SCHEMA revenue")
                        .change(Events.schemaChange(ChangeType.SCHEMA_ADDED, "revenue", null)).build()),

                fires("SW206", "varchar(40) to varchar(10)", Scenarios.alterColumn(orders,
                        column(email).type("character varying(10)").build(),
                        "ALTER TABLE orders ALTER COLUMN email TYPE varchar(10)", ChangeAspect.TYPE)),
                fires("SW206", "timestamptz to timestamp", Scenarios.alterColumn(
                        Tables.from(orders).column(column(5, "paid_at", "timestamp with time zone")).build(),
                        column(5, "paid_at", "timestamp without time zone").build(),
                        "ALTER TABLE orders ALTER COLUMN paid_at TYPE timestamp", ChangeAspect.TYPE)),
                fires("SW206", "bigint to integer", Scenarios.alterColumn(orders,
                        column(orders.columns().get(3)).type("integer").build(),
                        "ALTER TABLE orders ALTER COLUMN customer_id TYPE int", ChangeAspect.TYPE)),
                silent("SW206", "varchar(40) to varchar(100)", Scenarios.alterColumn(orders,
                        column(email).type("character varying(100)").build(),
                        "ALTER TABLE orders ALTER COLUMN email TYPE varchar(100)", ChangeAspect.TYPE)),

                fires("SW207", "varchar to integer", Scenarios.alterColumn(orders, column(email).type("integer").build(),
                        "ALTER TABLE orders ALTER COLUMN email TYPE integer USING email::integer", ChangeAspect.TYPE)),
                silent("SW207", "integer to text", Scenarios.alterColumn(orders, column(amount).type("text").build(),
                        "ALTER TABLE orders ALTER COLUMN amount TYPE text", ChangeAspect.TYPE)),

                fires("SW208", "SET NOT NULL without default", Scenarios.alterColumn(orders, column(amount).notNull().build(),
                        "ALTER TABLE orders ALTER COLUMN amount SET NOT NULL", ChangeAspect.NULLABILITY)),
                silent("SW208", "SET NOT NULL with a default", Scenarios.alterColumn(withDefault,
                        column(amount).defaultValue("0").notNull().build(),
                        "ALTER TABLE orders ALTER COLUMN amount SET NOT NULL", ChangeAspect.NULLABILITY)),

                fires("SW209", "DROP DEFAULT of a NOT NULL column", Scenarios.alterColumn(requiredWithDefault,
                        column(amount).notNull().build(), "ALTER TABLE orders ALTER COLUMN amount DROP DEFAULT",
                        ChangeAspect.DEFAULT)),
                silent("SW209", "DROP DEFAULT of a nullable column", Scenarios.alterColumn(nullableWithDefault,
                        amount, "ALTER TABLE orders ALTER COLUMN amount DROP DEFAULT", ChangeAspect.DEFAULT)),

                fires("SW210", "ADD COLUMN NOT NULL without default", Scenarios.addColumn(empty,
                        column(5, "channel", "text").notNull().build(), "ALTER TABLE orders ADD COLUMN channel text NOT NULL")),
                silent("SW210", "ADD COLUMN NOT NULL DEFAULT", Scenarios.addColumn(empty,
                        column(5, "channel", "text").notNull().defaultValue("'web'::text").build(),
                        "ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT 'web'")),

                fires("SW211", "enum value removed from the catalog behind the triggers' back", Events.event("RECONCILIATION", null)
                        .origin(SchemaChangeEvent.Origin.RECONCILIATION).types(lessMood).change(Events.enumValueRemoved(mood, lessMood, "ok")).primary("public", "mood", "type").build()),
                silent("SW211", "enum value added", Events.event("ALTER TYPE", "ALTER TYPE mood ADD VALUE 'ecstatic'")
                        .types(moreMood).change(Events.enumValueAdded(moreMood, "ecstatic")).primary("public", "mood", "type").build()),

                fires("SW212", "enum value renamed", Events.event("ALTER TYPE", "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'")
                        .types(renamedMood).change(Events.enumValueRenamed(mood, renamedMood, "ok", "fine"))
                        .primary("public", "mood", "type").build()),
                silent("SW212", "enum value added", Events.event("ALTER TYPE", "ALTER TYPE mood ADD VALUE 'ecstatic'")
                        .types(moreMood).change(Events.enumValueAdded(moreMood, "ecstatic")).primary("public", "mood", "type").build()),

                fires("SW213", "ADD GENERATED ALWAYS AS IDENTITY", Scenarios.alterColumn(orders,
                        column(orders.columns().get(0)).identity("ALWAYS").build(),
                        "ALTER TABLE orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY", ChangeAspect.IDENTITY)),
                silent("SW213", "ADD GENERATED BY DEFAULT AS IDENTITY", Scenarios.alterColumn(orders,
                        column(orders.columns().get(0)).identity("BY_DEFAULT").build(),
                        "ALTER TABLE orders ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY", ChangeAspect.IDENTITY)),

                fires("SW214", "DETACH PARTITION", Events.event("ALTER TABLE", "ALTER TABLE events DETACH PARTITION events_2025")
                        .before(events).after(eventsDetached).change(Events.partitionDetached(eventsDetached, "public.events_2025")).build(),
                        new FakeContext().size("public.events_2025", 40_000, 4_000_000)),
                silent("SW214", "ATTACH PARTITION", Events.event("ALTER TABLE",
                                "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")
                        .before(eventsDetached).after(events).change(Events.partitionAttached(events, "public.events_2025")).build()),

                fires("SW215", "DROP the primary key", Scenarios.dropConstraint(orders, "orders_pkey",
                        "ALTER TABLE orders DROP CONSTRAINT orders_pkey")),
                silent("SW215", "DROP a CHECK constraint", Scenarios.dropConstraint(withCheck, "amount_positive",
                        "ALTER TABLE orders DROP CONSTRAINT amount_positive")));
    }
}
