package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;

import java.util.List;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.rules.RuleCase.fires;
import static dev.schemawatch.analyzer.rules.RuleCase.silent;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;

final class DataCases {

    private DataCases() {
    }

    static List<RuleCase> cases() {
        RelationDefinition orders = orders(12_000).build();
        RelationDefinition empty = orders(0).build();
        ConstraintDefinition positive = Tables.check("amount_positive", "amount > 0", "amount");
        ConstraintDefinition emailUnique = Tables.unique("orders_email_key", "email");
        ConstraintDefinition customerFk = Tables.foreignKey("orders_customer_fk", List.of("customer_id"), "public", "customers",
                List.of("id"));
        RelationDefinition newTableWithFk = Tables.table("public", "invoices")
                .column(column(1, "id", "bigint").notNull()).column("customer_id", "bigint")
                .constraint(Tables.primaryKey("invoices_pkey", "id")).constraint(customerFk).build();
        return List.of(
                fires("SW301", "SET NOT NULL over rows", Scenarios.alterColumn(orders, column(orders.columns().get(1)).notNull().build(),
                        "ALTER TABLE orders ALTER COLUMN email SET NOT NULL", ChangeAspect.NULLABILITY)),
                silent("SW301", "SET NOT NULL on an empty table", Scenarios.alterColumn(empty,
                        column(empty.columns().get(1)).notNull().build(),
                        "ALTER TABLE orders ALTER COLUMN email SET NOT NULL", ChangeAspect.NULLABILITY)),

                fires("SW302", "ADD UNIQUE over rows", Scenarios.addConstraint(orders, emailUnique,
                        "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email)")),
                silent("SW302", "ADD UNIQUE on an empty table", Scenarios.addConstraint(empty, emailUnique,
                        "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email)")),

                fires("SW303", "ADD CHECK over rows", Scenarios.addConstraint(orders, positive,
                        "ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0)")),
                silent("SW303", "ADD CHECK on an empty table", Scenarios.addConstraint(empty, positive,
                        "ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0)")),

                fires("SW304", "ADD FOREIGN KEY over rows", Scenarios.addConstraint(orders, customerFk,
                        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id)")),
                silent("SW304", "CREATE TABLE with a foreign key", Scenarios.createTable(newTableWithFk,
                        "CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers(id))")),

                fires("SW305", "CHECK NOT VALID over rows that break it", Scenarios.addConstraint(orders, Tables.notValid(positive),
                                "ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID"),
                        new FakeContext().violated(37)),
                silent("SW305", "CHECK NOT VALID over rows that satisfy it", Scenarios.addConstraint(orders, Tables.notValid(positive),
                        "ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID")));
    }
}
