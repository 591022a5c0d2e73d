package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SequenceDefinition;

import java.util.List;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.rules.RuleCase.fires;
import static dev.schemawatch.analyzer.rules.RuleCase.silent;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;

final class HygieneCases {

    private HygieneCases() {
    }

    static List<RuleCase> cases() {
        RelationDefinition orders = orders(12_000).build();
        ConstraintDefinition customerFk = Tables.foreignKey("orders_customer_fk", List.of("customer_id"), "public", "customers",
                List.of("id"));
        RelationDefinition indexed = Tables.from(orders)
                .index(Tables.index("public", "orders", "orders_customer_idx", "customer_id", "id")).build();
        RelationDefinition withFk = Tables.from(indexed).constraint(customerFk).build();
        RelationDefinition withFkAndEmailIndex = Tables.from(withFk)
                .index(Tables.index("public", "orders", "orders_email_idx", "email")).build();
        RelationDefinition keyless = Tables.table("public", "audit_log").column("at", "timestamp with time zone")
                .column("entry", "jsonb").build();
        RelationDefinition keyed = Tables.table("public", "audit_log").column(column(1, "id", "bigint").identity("ALWAYS"))
                .column("entry", "jsonb").constraint(Tables.primaryKey("audit_log_pkey", "id")).build();
        RelationDefinition secured = Tables.from(orders).rowSecurity(true)
                .policy(Tables.policy("own_orders", "ALL", true, "(owner = CURRENT_USER)", "app")).build();
        RelationDefinition unsecured = Tables.from(secured).rowSecurity(false).build();
        RelationDefinition securedWithoutPolicy = Tables.from(secured).withoutPolicy("own_orders").build();
        RelationDefinition granted = Tables.from(orders).privileges("app_owner=arwdDxtm/app_owner", "app=arwd/app_owner").build();
        RelationDefinition revoked = Tables.from(granted).privileges("app_owner=arwdDxtm/app_owner", "app=r/app_owner").build();
        RelationDefinition commented = Tables.from(orders).comment("orders of the shop").build();
        RelationDefinition reowned = Tables.from(orders).owner("intern").build();
        RelationDefinition sequence = Tables.sequence("public", "invoice_numbers", null).build();
        RelationDefinition restarted = Tables.from(sequence)
                .sequence(new SequenceDefinition("bigint", 1, 1, 1, 1_000_000, 1, false, null)).build();
        RelationDefinition checked = Tables.from(orders).constraint(Tables.check("amount_positive", "amount > 0", "amount")).build();
        RelationDefinition audited = Tables.from(orders).trigger(Tables.trigger("public", "orders", "orders_audit", true)).build();
        RelationDefinition auditDisabled = Tables.from(orders).trigger(Tables.trigger("public", "orders", "orders_audit", false)).build();
        return List.of(
                fires("SW501", "ADD FOREIGN KEY without an index", Scenarios.addConstraint(orders, customerFk,
                        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id)")),
                silent("SW501", "ADD FOREIGN KEY whose columns lead an index", Scenarios.addConstraint(indexed, customerFk,
                        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id)")),

                fires("SW502", "CREATE TABLE without a primary key", Scenarios.createTable(keyless,
                        "CREATE TABLE audit_log (at timestamptz, entry jsonb)")),
                silent("SW502", "CREATE TABLE with a primary key", Scenarios.createTable(keyed,
                        "CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entry jsonb)")),

                fires("SW503", "DISABLE ROW LEVEL SECURITY", Scenarios.relationLevel(ChangeType.ROW_SECURITY_DISABLED, secured,
                        unsecured, "ALTER TABLE orders DISABLE ROW LEVEL SECURITY")),
                fires("SW503", "NO FORCE ROW LEVEL SECURITY", Scenarios.relationLevelModified(
                        Tables.from(secured).forceRowSecurity(true).build(), secured,
                        "ALTER TABLE orders NO FORCE ROW LEVEL SECURITY", ChangeAspect.FORCE_ROW_SECURITY)),
                silent("SW503", "ENABLE ROW LEVEL SECURITY", Scenarios.relationLevel(ChangeType.ROW_SECURITY_ENABLED, unsecured,
                        secured, "ALTER TABLE orders ENABLE ROW LEVEL SECURITY")),

                fires("SW504", "DROP POLICY", Events.event("DROP POLICY", "DROP POLICY own_orders ON orders")
                        .before(secured).after(securedWithoutPolicy)
                        .change(Events.policyRemoved(secured, securedWithoutPolicy, "own_orders")).build()),
                silent("SW504", "CREATE POLICY", Events.event("CREATE POLICY",
                                "CREATE POLICY own_orders ON orders USING (owner = current_user)")
                        .before(securedWithoutPolicy).after(secured).change(Events.policyAdded(secured, "own_orders")).build()),

                fires("SW505", "REVOKE", Scenarios.relationLevel(ChangeType.PRIVILEGES_CHANGED, granted, revoked,
                        "REVOKE INSERT, UPDATE, DELETE ON orders FROM app")),
                silent("SW505", "COMMENT ON TABLE", Scenarios.relationLevel(ChangeType.COMMENT_CHANGED, orders, commented,
                        "COMMENT ON TABLE orders IS 'orders of the shop'")),

                fires("SW506", "OWNER TO", Scenarios.relationLevel(ChangeType.OWNER_CHANGED, orders, reowned,
                        "ALTER TABLE orders OWNER TO intern")),
                silent("SW506", "COMMENT ON TABLE", Scenarios.relationLevel(ChangeType.COMMENT_CHANGED, orders, commented,
                        "COMMENT ON TABLE orders IS 'orders of the shop'")),

                fires("SW507", "ALTER SEQUENCE MAXVALUE", Scenarios.relationLevelModified(sequence, restarted,
                        "ALTER SEQUENCE invoice_numbers MAXVALUE 1000000", ChangeAspect.PARAMETERS)),
                fires("SW507", "DROP IDENTITY", Scenarios.alterColumn(
                        Tables.from(orders).column(column(orders.columns().get(0)).identity("BY_DEFAULT")).build(),
                        orders.columns().get(0), "ALTER TABLE orders ALTER COLUMN id DROP IDENTITY", ChangeAspect.IDENTITY)),
                silent("SW507", "CREATE SEQUENCE", Events.event("CREATE SEQUENCE", "CREATE SEQUENCE invoice_numbers")
                        .after(sequence).change(Events.tableAdded(sequence)).build()),

                fires("SW508", "DROP a CHECK constraint", Scenarios.dropConstraint(checked, "amount_positive",
                        "ALTER TABLE orders DROP CONSTRAINT amount_positive")),
                fires("SW508", "DROP a foreign key", Scenarios.dropConstraint(withFk, "orders_customer_fk",
                        "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk")),
                silent("SW508", "DROP the primary key (SW215 instead)", Scenarios.dropConstraint(orders, "orders_pkey",
                        "ALTER TABLE orders DROP CONSTRAINT orders_pkey")),

                fires("SW509", "DROP TRIGGER", Events.event("DROP TRIGGER", "DROP TRIGGER orders_audit ON orders")
                        .before(audited).after(orders).change(Events.triggerRemoved(audited, orders, "orders_audit")).build()),
                fires("SW509", "DISABLE TRIGGER", Events.event("ALTER TABLE", "ALTER TABLE orders DISABLE TRIGGER orders_audit")
                        .before(audited).after(auditDisabled)
                        .change(Events.triggerModified(audited, auditDisabled, "orders_audit", ChangeAspect.ENABLED)).build()),
                silent("SW509", "ENABLE TRIGGER", Events.event("ALTER TABLE", "ALTER TABLE orders ENABLE TRIGGER orders_audit")
                        .before(auditDisabled).after(audited)
                        .change(Events.triggerModified(auditDisabled, audited, "orders_audit", ChangeAspect.ENABLED)).build()),

                fires("SW510", "DROP the index a foreign key used", Scenarios.dropIndex(withFk, "orders_customer_idx",
                        "DROP INDEX CONCURRENTLY orders_customer_idx")),
                silent("SW510", "DROP an index no foreign key uses", Scenarios.dropIndex(withFkAndEmailIndex, "orders_email_idx",
                        "DROP INDEX CONCURRENTLY orders_email_idx")));
    }
}
