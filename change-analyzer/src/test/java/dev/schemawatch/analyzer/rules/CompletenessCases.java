package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.List;

import static dev.schemawatch.analyzer.rules.RuleCase.fires;
import static dev.schemawatch.analyzer.rules.RuleCase.silent;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;

final class CompletenessCases {

    private CompletenessCases() {
    }

    static List<RuleCase> cases() {
        RelationDefinition orders = orders(12_000).build();
        SchemaChangeEvent addColumn = Scenarios.addColumn(orders, Tables.column(5, "note", "text").build(),
                "ALTER TABLE orders ADD COLUMN note text");
        SchemaChangeEvent manyColumns = Events.event("ALTER TABLE", "ALTER TABLE orders ADD COLUMN note text, ...")
                .before(orders).after(Tables.from(orders).column("note", "text").build())
                .change(addColumn.changes().get(0)).omittedChanges(3).build();
        return List.of(
                fires("SW901", "CREATE FUNCTION", Events.event("CREATE FUNCTION",
                                "CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'")
                        .change(Events.other("public", "answer", "CREATE FUNCTION public.answer()"))
                        .primary("public", "answer", "function").build()),
                silent("SW901", "ADD COLUMN", addColumn),

                fires("SW902", "definitions left out for size", Events.truncated(addColumn)),
                silent("SW902", "definitions present", addColumn),

                fires("SW903", "changes left off for size", manyColumns),
                silent("SW903", "every change present", addColumn));
    }
}
