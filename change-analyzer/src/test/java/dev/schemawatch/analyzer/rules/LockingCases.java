package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;

import java.util.List;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.rules.RuleCase.fires;
import static dev.schemawatch.analyzer.rules.RuleCase.silent;
import static dev.schemawatch.analyzer.rules.Scenarios.LARGE;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;

final class LockingCases {

    private LockingCases() {
    }

    static List<RuleCase> cases() {
        RelationDefinition large = orders(LARGE).build();
        RelationDefinition small = orders(12_000).build();
        RelationDefinition largeRenamed = Tables.from(large).column(column(large.columns().get(1)).name("contact")).build();
        RelationDefinition smallRenamed = Tables.from(small).column(column(small.columns().get(1)).name("contact")).build();
        RelationDefinition largeWithProof = Tables.from(large)
                .constraint(Tables.check("email_not_null", "email IS NOT NULL", "email")).build();
        ConstraintDefinition customerFk = Tables.foreignKey("orders_customer_fk", List.of("customer_id"), "public", "customers",
                List.of("id"));
        ConstraintDefinition emailUnique = Tables.unique("orders_email_key", "email");
        RelationDefinition withEmailIndex = Tables.from(small).index(Tables.uniqueIndex("public", "orders", "orders_email_key",
                false, "email")).build();
        RelationDefinition withIndex = Tables.from(small).index(Tables.index("public", "orders", "orders_email_idx", "email")).build();
        return List.of(
                fires("SW401", "RENAME COLUMN on a large table", Events.event("ALTER TABLE",
                                "ALTER TABLE orders RENAME COLUMN email TO contact").before(large).after(largeRenamed)
                        .change(Events.columnRenamed(large, largeRenamed, "email", "contact")).build()),
                silent("SW401", "RENAME COLUMN on a small table", Events.event("ALTER TABLE",
                                "ALTER TABLE orders RENAME COLUMN email TO contact").before(small).after(smallRenamed)
                        .change(Events.columnRenamed(small, smallRenamed, "email", "contact")).build()),

                fires("SW402", "integer to bigint over rows", Scenarios.alterColumn(small,
                        column(small.columns().get(2)).type("bigint").build(),
                        "ALTER TABLE orders ALTER COLUMN amount TYPE bigint", ChangeAspect.TYPE)),
                fires("SW402", "ADD COLUMN with a volatile default over rows", Scenarios.addColumn(small,
                        column(5, "token", "uuid").defaultValue("gen_random_uuid()").build(),
                        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()")),
                fires("SW402", "SET UNLOGGED over rows", Scenarios.relationLevelModified(small,
                        Tables.from(small).unlogged(true).build(), "ALTER TABLE orders SET UNLOGGED", ChangeAspect.PERSISTENCE)),
                silent("SW402", "varchar(40) to varchar(100) is binary-coercible", Scenarios.alterColumn(small,
                        column(small.columns().get(1)).type("character varying(100)").build(),
                        "ALTER TABLE orders ALTER COLUMN email TYPE varchar(100)", ChangeAspect.TYPE)),
                silent("SW402", "ADD COLUMN with a stable default", Scenarios.addColumn(small,
                        column(5, "created_at", "timestamp with time zone").defaultValue("now()").build(),
                        "ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now()")),

                fires("SW403", "CREATE INDEX over rows", Scenarios.createIndex(small,
                        Tables.index("public", "orders", "orders_email_idx", "email"), "CREATE INDEX orders_email_idx ON orders (email)")),
                silent("SW403", "CREATE INDEX CONCURRENTLY", Scenarios.createIndex(small,
                        Tables.index("public", "orders", "orders_email_idx", "email"),
                        "/* online */ create index concurrently orders_email_idx on orders (email)")),

                fires("SW404", "ADD FOREIGN KEY without NOT VALID", Scenarios.addConstraint(small, customerFk,
                        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id)")),
                silent("SW404", "ADD FOREIGN KEY NOT VALID", Scenarios.addConstraint(small, Tables.notValid(customerFk),
                        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID")),

                fires("SW405", "ADD UNIQUE building its index", Scenarios.addConstraint(small, emailUnique,
                        "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email)")),
                silent("SW405", "ADD UNIQUE USING INDEX", Events.event("ALTER TABLE",
                                "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE USING INDEX orders_email_key")
                        .before(withEmailIndex).after(Tables.from(withEmailIndex).constraint(emailUnique).build())
                        .change(Events.constraintAdded(Tables.from(withEmailIndex).constraint(emailUnique).build(), "orders_email_key"))
                        .build()),

                fires("SW406", "SET NOT NULL scanning a large table", Scenarios.alterColumn(large,
                        column(large.columns().get(1)).notNull().build(),
                        "ALTER TABLE orders ALTER COLUMN email SET NOT NULL", ChangeAspect.NULLABILITY)),
                silent("SW406", "SET NOT NULL proven by a validated CHECK", Scenarios.alterColumn(largeWithProof,
                        column(large.columns().get(1)).notNull().build(),
                        "ALTER TABLE orders ALTER COLUMN email SET NOT NULL", ChangeAspect.NULLABILITY)),

                fires("SW407", "DROP INDEX over rows", Scenarios.dropIndex(withIndex, "orders_email_idx", "DROP INDEX orders_email_idx")),
                silent("SW407", "DROP INDEX CONCURRENTLY", Scenarios.dropIndex(withIndex, "orders_email_idx",
                        "DROP INDEX CONCURRENTLY orders_email_idx")));
    }
}
