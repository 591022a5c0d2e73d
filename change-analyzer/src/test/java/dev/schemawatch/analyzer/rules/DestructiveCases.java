package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.List;

import static dev.schemawatch.analyzer.rules.RuleCase.fires;
import static dev.schemawatch.analyzer.rules.RuleCase.silent;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;

final class DestructiveCases {

    private DestructiveCases() {
    }

    static List<RuleCase> cases() {
        RelationDefinition orders = orders(12_000).build();
        RelationDefinition totals = Tables.view("public", "order_totals", " SELECT id, amount FROM orders;").build();
        RelationDefinition usedTotals = Tables.from(totals).dependentViews("public.daily_totals").build();
        RelationDefinition snapshot = Tables.materializedView("public", "order_snapshot", " SELECT id FROM orders;").rows(300).build();
        TypeDefinition mood = Tables.enumType("public", "mood", "sad", "ok");
        return List.of(
                fires("SW101", "DROP SCHEMA", Events.event("DROP SCHEMA", "DROP SCHEMA sales CASCADE")
                        .change(Events.schemaChange(ChangeType.SCHEMA_REMOVED, "sales", null)).build()),
                silent("SW101", "CREATE SCHEMA", Events.event("CREATE SCHEMA", "CREATE SCHEMA sales")
                        .change(Events.schemaChange(ChangeType.SCHEMA_ADDED, "sales", null)).build()),

                fires("SW102", "DROP TABLE", Scenarios.dropRelation(orders, "DROP TABLE", "DROP TABLE orders")),
                silent("SW102", "DROP VIEW is no table", Scenarios.dropRelation(totals, "DROP VIEW", "DROP VIEW order_totals")),

                fires("SW103", "DROP COLUMN", Scenarios.dropColumn(orders, "email", "ALTER TABLE orders DROP COLUMN email")),
                silent("SW103", "ADD COLUMN", Scenarios.addColumn(orders, Tables.column(5, "note", "text").build(),
                        "ALTER TABLE orders ADD COLUMN note text")),

                fires("SW104", "DROP VIEW nothing uses", Scenarios.dropRelation(totals, "DROP VIEW", "DROP VIEW order_totals")),
                silent("SW104", "DROP VIEW another view uses (SW105 instead)",
                        Scenarios.dropRelation(usedTotals, "DROP VIEW", "DROP VIEW order_totals CASCADE")),

                fires("SW105", "DROP VIEW another view depends on",
                        Scenarios.dropRelation(usedTotals, "DROP VIEW", "DROP VIEW order_totals CASCADE")),
                fires("SW105", "DROP VIEW recorded queries read",
                        Scenarios.dropRelation(totals, "DROP VIEW", "DROP VIEW order_totals"),
                        new FakeContext().brokenQuery("SELECT * FROM order_totals WHERE id = $1", 1_200, "42P01",
                                "relation \"order_totals\" does not exist")),
                fires("SW105", "DROP VIEW the blast radius finds dependants of",
                        Scenarios.dropRelation(totals, "DROP VIEW", "DROP VIEW order_totals CASCADE"),
                        new FakeContext().dependents(new BlastRadius.Dependent("VIEW", "public.weekly_totals"))),
                silent("SW105", "DROP VIEW nothing uses", Scenarios.dropRelation(totals, "DROP VIEW", "DROP VIEW order_totals")),

                fires("SW106", "DROP MATERIALIZED VIEW",
                        Scenarios.dropRelation(snapshot, "DROP MATERIALIZED VIEW", "DROP MATERIALIZED VIEW order_snapshot")),
                silent("SW106", "DROP VIEW of a plain view", Scenarios.dropRelation(totals, "DROP VIEW", "DROP VIEW order_totals")),

                fires("SW107", "DROP TYPE", Events.event("DROP TYPE", "DROP TYPE mood").change(Events.typeRemoved(mood))
                        .primary("public", "mood", "type").build()),
                silent("SW107", "CREATE TYPE", Events.event("CREATE TYPE", "CREATE TYPE mood AS ENUM ('sad', 'ok')")
                        .types(mood).change(Events.typeAdded(mood)).primary("public", "mood", "type").build()));
    }
}
