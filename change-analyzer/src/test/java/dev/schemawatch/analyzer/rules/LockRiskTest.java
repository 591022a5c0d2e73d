package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.impact.LockRisk;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;
import static org.assertj.core.api.Assertions.assertThat;

/** The lock each kind of DDL takes, as PostgreSQL documents it, on the table's real size. */
class LockRiskTest {

    private final RuleBook rules = new RuleBook(Map.of(), Thresholds.DEFAULT);
    private final RelationDefinition orders = orders(12_000).build();
    private final ConstraintDefinition customerFk = Tables.foreignKey("orders_customer_fk", List.of("customer_id"), "public",
            "customers", List.of("id"));

    @Test
    void createIndexBlocksWritesWhileItReadsEveryRow() {
        LockRisk risk = lockRisk(Scenarios.createIndex(orders, Tables.index("public", "orders", "orders_email_idx", "email"),
                "CREATE INDEX orders_email_idx ON orders (email)"));

        assertThat(risk.lockMode()).isEqualTo("SHARE");
        assertThat(risk.rewrite()).isTrue();
        assertThat(risk.note()).contains("every INSERT, UPDATE and DELETE waits");
    }

    @Test
    void createIndexConcurrentlyLetsWritesGoOn() {
        LockRisk risk = lockRisk(Scenarios.createIndex(orders, Tables.index("public", "orders", "orders_email_idx", "email"),
                "CREATE INDEX CONCURRENTLY orders_email_idx ON orders (email)"));

        assertThat(risk.lockMode()).isEqualTo("SHARE UPDATE EXCLUSIVE");
    }

    @Test
    void addingANullableColumnIsCatalogOnlyButAccessExclusive() {
        LockRisk risk = lockRisk(Scenarios.addColumn(orders, column(5, "note", "text").build(),
                "ALTER TABLE orders ADD COLUMN note text"));

        assertThat(risk.lockMode()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(risk.rewrite()).isFalse();
        assertThat(risk.rowEstimate()).isEqualTo(12_000);
        assertThat(risk.sizeBytes()).isEqualTo(1_200_000);
        assertThat(risk.note()).contains("public.orders", "~12,000 rows", "only the catalog changed");
    }

    @Test
    void aTypeChangeThatIsNotBinaryCoercibleRewrites() {
        LockRisk risk = lockRisk(Scenarios.alterColumn(orders, column(3, "amount", "bigint").build(),
                "ALTER TABLE orders ALTER COLUMN amount TYPE bigint", ChangeAspect.TYPE));

        assertThat(risk.lockMode()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(risk.rewrite()).isTrue();
        assertThat(risk.note()).contains("every row was rewritten");
    }

    @Test
    void addingAForeignKeyLocksBothTablesAgainstWrites() {
        LockRisk risk = lockRisk(Scenarios.addConstraint(orders, customerFk,
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id)"));

        assertThat(risk.lockMode()).isEqualTo("SHARE ROW EXCLUSIVE");
        assertThat(risk.rewrite()).isTrue();
        assertThat(risk.note()).contains("public.customers");
    }

    @Test
    void validateConstraintLetsReadsAndWritesGoOn() {
        RelationDefinition before = Tables.from(orders).constraint(Tables.notValid(customerFk)).build();
        RelationDefinition after = Tables.from(orders).constraint(customerFk).build();
        SchemaChangeEvent validate = Events.event("ALTER TABLE", "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk")
                .before(before).after(after)
                .change(Events.constraintModified(before, after, "orders_customer_fk", "orders_customer_fk", ChangeAspect.VALIDATION))
                .build();

        LockRisk risk = lockRisk(validate);

        assertThat(risk.lockMode()).isEqualTo("SHARE UPDATE EXCLUSIVE");
        assertThat(risk.note()).contains("reads and writes go on");
        assertThat(rules.judge(validate, new FakeContext()).findings()).isEmpty();
    }

    @Test
    void theStrongestLockOfTheStatementCounts() {
        RelationDefinition after = Tables.from(orders).constraint(customerFk).column("note", "text").build();
        SchemaChangeEvent event = Events.event("ALTER TABLE", "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk"
                        + " FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID, ADD COLUMN note text")
                .before(orders).after(after)
                .change(Events.columnAdded(after, "note"), Events.constraintAdded(after, "orders_customer_fk")).build();

        assertThat(lockRisk(event).lockMode()).isEqualTo("ACCESS EXCLUSIVE");
    }

    @Test
    void creatingTablesAndViewsLocksNoExistingTable() {
        RelationDefinition invoices = Tables.table("public", "invoices").column(column(1, "id", "bigint").notNull())
                .column("customer_id", "bigint").constraint(Tables.primaryKey("invoices_pkey", "id")).constraint(customerFk).build();
        RelationDefinition view = Tables.view("public", "big_orders", " SELECT id FROM orders WHERE amount > 1000;").build();

        assertThat(lockRisk(Scenarios.createTable(invoices, "CREATE TABLE invoices (...)"))).isNull();
        assertThat(lockRisk(Events.event("CREATE VIEW", "CREATE VIEW big_orders AS SELECT id FROM orders WHERE amount > 1000")
                .after(view).change(Events.tableAdded(view)).primary("public", "big_orders", "view").build())).isNull();
    }

    @Test
    void driftFoundByReconciliationHasNoCommandAndSoNoLock() {
        SchemaChangeEvent event = Scenarios.addColumn(orders, column(5, "note", "text").build(), null);
        SchemaChangeEvent drift = new SchemaChangeEvent(event.eventId(), event.database(), event.schema(), event.objectName(),
                event.objectType(), "RECONCILIATION", null, SchemaChangeEvent.Origin.RECONCILIATION, event.changes(),
                event.before(), event.after(), event.types(), event.actor(), event.transaction(), event.occurredAt(), false, 0);

        assertThat(lockRisk(drift)).isNull();
    }

    @Test
    void droppingATableTakesItsLockToTheEnd() {
        LockRisk risk = lockRisk(Scenarios.dropRelation(orders, "DROP TABLE", "DROP TABLE orders"));

        assertThat(risk.lockMode()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(risk.note()).contains("to drop it");
    }

    @Test
    void theSizeIsTheLiveTablesNotTheEventsFigures() {
        LockRisk risk = rules.judge(Scenarios.addColumn(orders, column(5, "note", "text").build(),
                        "ALTER TABLE orders ADD COLUMN note text"), new FakeContext().size("public.orders", 9_000_000, 3L << 30))
                .lockRisk();

        assertThat(risk.rowEstimate()).isEqualTo(9_000_000);
        assertThat(risk.sizeBytes()).isEqualTo(3L << 30);
        assertThat(risk.note()).contains("~9,000,000 rows", "3.0 GB");
    }

    private LockRisk lockRisk(SchemaChangeEvent event) {
        return rules.judge(event, new FakeContext()).lockRisk();
    }
}
