package dev.schemawatch.analyzer.live;

import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.BlastRadius.Dependent;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.schemawatch.analyzer.live.DependencyIndex.FUNCTION;
import static dev.schemawatch.analyzer.live.DependencyIndex.MATERIALIZED_VIEW;
import static dev.schemawatch.analyzer.live.DependencyIndex.VIEW;
import static dev.schemawatch.analyzer.live.TestEvents.change;
import static dev.schemawatch.analyzer.live.TestEvents.event;
import static dev.schemawatch.analyzer.live.TestEvents.table;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blast radius on a real catalog of 54 tables: a chain of 45 tables under customers, a cycle
 * through a deferrable key, a self-reference, views (one on another), a materialized view and
 * functions of every body kind (SQL-standard, SQL and PL/pgSQL text).
 */
class LiveBlastRadiusTest {

    private static final String SHOP = """
            CREATE SCHEMA shop;
            CREATE SCHEMA audit;
            CREATE SCHEMA hr;
            CREATE TABLE shop.customers (id int PRIMARY KEY, name text);
            CREATE TABLE shop.orders (id int PRIMARY KEY, customer_id int REFERENCES shop.customers, status text);
            CREATE TABLE shop.categories (id int PRIMARY KEY, parent_id int REFERENCES shop.categories);
            CREATE TABLE shop.products (id int PRIMARY KEY, category_id int REFERENCES shop.categories);
            CREATE TABLE shop.order_items (id int PRIMARY KEY, order_id int REFERENCES shop.orders,
                                           product_id int REFERENCES shop.products, quantity int);
            CREATE TABLE shop.orders_archive (id int PRIMARY KEY);
            CREATE TABLE audit.order_log (id int PRIMARY KEY, order_id int CONSTRAINT order_log_order_fk REFERENCES shop.orders);
            CREATE TABLE hr.departments (id int PRIMARY KEY, head_id int);
            CREATE TABLE hr.employees (id int PRIMARY KEY,
                                       department_id int CONSTRAINT employees_department_fk REFERENCES hr.departments);
            ALTER TABLE hr.departments ADD CONSTRAINT departments_head_fk FOREIGN KEY (head_id) REFERENCES hr.employees
                DEFERRABLE INITIALLY DEFERRED;
            DO $$
            BEGIN
                FOR i IN 1..45 LOOP
                    EXECUTE format('CREATE TABLE shop.%I (id int PRIMARY KEY, up_id int CONSTRAINT %I REFERENCES shop.%I)',
                                   'chain_' || lpad(i::text, 2, '0'), 'chain_' || lpad(i::text, 2, '0') || '_up_fk',
                                   CASE WHEN i = 1 THEN 'customers' ELSE 'chain_' || lpad((i - 1)::text, 2, '0') END);
                END LOOP;
            END
            $$;
            CREATE VIEW shop.open_orders AS SELECT * FROM shop.orders WHERE status = 'open';
            CREATE VIEW shop.open_orders_by_customer AS
                SELECT c.id, count(*) AS open_orders FROM shop.customers c JOIN shop.open_orders o ON o.customer_id = c.id
                GROUP BY c.id;
            CREATE MATERIALIZED VIEW shop.order_totals AS
                SELECT order_id, sum(quantity) AS quantity FROM shop.order_items GROUP BY order_id;
            CREATE FUNCTION shop.order_count(customer int) RETURNS bigint LANGUAGE sql
                RETURN (SELECT count(*) FROM shop.orders WHERE customer_id = customer);
            CREATE FUNCTION shop.last_order_id() RETURNS int LANGUAGE plpgsql
                AS $$ BEGIN RETURN (SELECT max(id) FROM shop.ORDERS); END $$;
            CREATE FUNCTION shop.archived_count() RETURNS bigint LANGUAGE sql
                AS 'SELECT count(*) FROM shop.orders_archive';
            """;

    private static final List<String> CHAIN = chain();

    private static LiveTestDatabase shop;
    private static PostgresLiveDatabase live;

    @BeforeAll
    static void createShop() {
        shop = LiveTestDatabase.create("live_blast", SHOP);
        live = shop.live();
    }

    @AfterAll
    static void closeShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void ordersReachChildrenParentsViewsAndFunctions() {
        BlastRadius radius = live.blastRadius(columnChange(shop, "shop", "orders"), false);

        assertThat(radius.referencingTables()).containsExactly("audit.order_log", "shop.order_items");
        assertThat(radius.referencedTables()).containsExactly("shop.customers");
        assertThat(radius.relationships()).containsExactly(
                "audit.order_log -> shop.orders (order_log_order_fk)",
                "shop.order_items -> shop.orders (order_items_order_id_fkey)",
                "shop.orders -> shop.customers (orders_customer_id_fkey)");
        assertThat(radius.dependents()).containsExactly(
                new Dependent(FUNCTION, "shop.last_order_id()"),
                new Dependent(VIEW, "shop.open_orders"),
                new Dependent(VIEW, "shop.open_orders_by_customer"),
                new Dependent(FUNCTION, "shop.order_count(customer integer)"));
        assertThat(radius.queries().available()).isFalse();
        assertThat(radius.queries().unavailableReason()).isEqualTo(PostgresLiveDatabase.REPLAY_NOT_REQUESTED);
    }

    @Test
    void customersAreReachedByTheWholeChain() {
        BlastRadius radius = live.blastRadius(columnChange(shop, "shop", "customers"), false);

        List<String> expected = new ArrayList<>(List.of("audit.order_log"));
        expected.addAll(CHAIN);
        expected.addAll(List.of("shop.order_items", "shop.orders"));
        assertThat(radius.referencingTables()).containsExactlyElementsOf(expected);
        assertThat(radius.referencedTables()).isEmpty();
        assertThat(radius.relationships()).hasSize(45 + 3)
                .contains("shop.chain_01 -> shop.customers (chain_01_up_fk)", "shop.chain_45 -> shop.chain_44 (chain_45_up_fk)");
        assertThat(radius.dependents()).containsExactly(new Dependent(VIEW, "shop.open_orders_by_customer"));
    }

    @Test
    void theEndOfTheChainReachesAllTheWayUp() {
        BlastRadius radius = live.blastRadius(columnChange(shop, "shop", "chain_45"), false);

        List<String> expected = new ArrayList<>(CHAIN.subList(0, 44));
        expected.add("shop.customers");
        assertThat(radius.referencedTables()).containsExactlyElementsOf(expected);
        assertThat(radius.referencingTables()).isEmpty();
        assertThat(radius.relationships()).hasSize(45);
    }

    @Test
    void aCycleThroughADeferrableKeyAndASelfReferenceEnd() {
        BlastRadius cycle = live.blastRadius(columnChange(shop, "hr", "employees"), false);
        assertThat(cycle.referencingTables()).containsExactly("hr.departments");
        assertThat(cycle.referencedTables()).containsExactly("hr.departments");
        assertThat(cycle.relationships()).containsExactly(
                "hr.departments -> hr.employees (departments_head_fk)",
                "hr.employees -> hr.departments (employees_department_fk)");

        BlastRadius self = live.blastRadius(columnChange(shop, "shop", "categories"), false);
        assertThat(self.referencingTables()).containsExactly("shop.order_items", "shop.products");
        assertThat(self.referencedTables()).isEmpty();
        assertThat(self.relationships()).containsExactly(
                "shop.categories -> shop.categories (categories_parent_id_fkey)",
                "shop.order_items -> shop.products (order_items_product_id_fkey)",
                "shop.products -> shop.categories (products_category_id_fkey)");
    }

    @Test
    void materializedViewsAndFunctionsMatchedByWholeWordOnly() {
        assertThat(live.blastRadius(columnChange(shop, "shop", "order_items"), false).dependents())
                .containsExactly(new Dependent(MATERIALIZED_VIEW, "shop.order_totals"));
        assertThat(live.blastRadius(columnChange(shop, "shop", "orders_archive"), false).dependents())
                .containsExactly(new Dependent(FUNCTION, "shop.archived_count()"));
    }

    @Test
    void withoutDefinitionsThePrimaryObjectIsFoundByName() {
        SchemaChangeEvent truncated = event("shop", "products", change(ChangeType.COLUMN_ADDED, "shop", "products"))
                .truncated().build();

        BlastRadius radius = live.blastRadius(truncated, false);

        assertThat(radius.referencingTables()).containsExactly("shop.order_items");
        assertThat(radius.referencedTables()).containsExactly("shop.categories");
    }

    @Test
    void aDroppedForeignKeyIsFollowedInMemoryExactlyAsAReloadWouldSeeIt() {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_fk_drop", SHOP)) {
            PostgresLiveDatabase followed = database.live();
            SchemaChangeEvent event = columnChange(database, "shop", "orders");
            assertThat(followed.blastRadius(event, false).referencingTables()).contains("audit.order_log");

            database.execute("ALTER TABLE audit.order_log DROP CONSTRAINT order_log_order_fk");
            long orderLog = database.oid("audit.order_log");
            SchemaChangeEvent dropped = event("audit", "order_log",
                    change(ChangeType.RELATIONSHIP_REMOVED, "audit", "order_log", "order_log_order_fk", null))
                    .before(table(orderLog, "audit", "order_log").references("order_log_order_fk", "shop", "orders"))
                    .after(table(orderLog, "audit", "order_log"))
                    .build();
            assertThat(followed.blastRadius(dropped, false).referencedTables())
                    .as("judged on the graph before the event").containsExactly("shop.customers", "shop.orders");
            followed.apply(dropped);

            BlastRadius afterwards = followed.blastRadius(event, false);
            assertThat(afterwards.referencingTables()).containsExactly("shop.order_items");
            assertThat(afterwards).isEqualTo(database.live().blastRadius(event, false));
        }
    }

    @Test
    void aDroppedTableStillReportsWhatDependedOnIt() {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_table_drop", SHOP)) {
            PostgresLiveDatabase followed = database.live();
            SchemaChangeEvent customersEvent = columnChange(database, "shop", "customers");
            assertThat(followed.blastRadius(customersEvent, false).referencingTables()).contains("shop.orders");
            long orders = database.oid("shop.orders");
            long orderItems = database.oid("shop.order_items");
            long orderLog = database.oid("audit.order_log");

            database.execute("DROP TABLE shop.orders CASCADE");
            // As the monitor reports it: the table, and the children whose keys the cascade removed.
            SchemaChangeEvent dropped = event("shop", "orders", change(ChangeType.TABLE_REMOVED, "shop", "orders"))
                    .before(table(orders, "shop", "orders").references("orders_customer_id_fkey", "shop", "customers")
                                    .dependentViews("shop.open_orders"),
                            table(orderItems, "shop", "order_items").references("order_items_order_id_fkey", "shop", "orders")
                                    .references("order_items_product_id_fkey", "shop", "products")
                                    .dependentViews("shop.order_totals"),
                            table(orderLog, "audit", "order_log").references("order_log_order_fk", "shop", "orders"))
                    .after(table(orderItems, "shop", "order_items").references("order_items_product_id_fkey", "shop", "products")
                                    .dependentViews("shop.order_totals"),
                            table(orderLog, "audit", "order_log"))
                    .build();

            BlastRadius radius = followed.blastRadius(dropped, false);
            assertThat(radius.referencingTables()).containsExactly("audit.order_log", "shop.order_items");
            assertThat(radius.referencedTables())
                    .containsExactly("shop.categories", "shop.customers", "shop.orders", "shop.products");
            assertThat(radius.dependents()).contains(
                    new Dependent(VIEW, "shop.open_orders"),
                    new Dependent(VIEW, "shop.open_orders_by_customer"),
                    new Dependent(FUNCTION, "shop.order_count(customer integer)"),
                    new Dependent(MATERIALIZED_VIEW, "shop.order_totals"));

            followed.apply(dropped);
            BlastRadius customersAfterwards = followed.blastRadius(customersEvent, false);
            assertThat(customersAfterwards.referencingTables()).doesNotContain("shop.orders", "shop.order_items")
                    .contains("shop.chain_01", "shop.chain_45");

            // A graph loaded only after the drop knows nothing of the table: its definition speaks for it.
            BlastRadius lateRadius = database.live().blastRadius(
                    event("shop", "orders", change(ChangeType.TABLE_REMOVED, "shop", "orders"))
                            .before(table(orders, "shop", "orders")
                                    .references("orders_customer_id_fkey", "shop", "customers")
                                    .dependentViews("shop.open_orders"))
                            .build(), false);
            assertThat(lateRadius.referencingTables()).isEmpty();
            assertThat(lateRadius.referencedTables()).containsExactly("shop.customers");
            assertThat(lateRadius.relationships()).containsExactly("shop.orders -> shop.customers (orders_customer_id_fkey)");
            assertThat(lateRadius.dependents()).containsExactly(new Dependent(VIEW, "shop.open_orders"));
        }
    }

    @Test
    void anEventWithoutDefinitionsMakesTheGraphReloadAndRefreshReloadsAtOnce() {
        try (LiveTestDatabase database = LiveTestDatabase.create("live_reload", SHOP)) {
            PostgresLiveDatabase followed = database.live();
            SchemaChangeEvent ordersEvent = columnChange(database, "shop", "orders");
            assertThat(followed.blastRadius(ordersEvent, false).referencingTables()).doesNotContain("shop.refunds");

            database.execute("CREATE TABLE shop.refunds (id int PRIMARY KEY, order_id int REFERENCES shop.orders)");
            followed.apply(event("shop", "refunds", change(ChangeType.TABLE_ADDED, "shop", "refunds")).truncated().build());
            assertThat(followed.blastRadius(ordersEvent, false).referencingTables()).contains("shop.refunds");

            database.execute("CREATE VIEW shop.refund_view AS SELECT * FROM shop.refunds");
            followed.refresh();
            assertThat(followed.blastRadius(columnChange(database, "shop", "refunds"), false).dependents())
                    .containsExactly(new Dependent(VIEW, "shop.refund_view"));
        }
    }

    /** A column change on one table, with its definition before and after (only what the graph reads). */
    private static SchemaChangeEvent columnChange(LiveTestDatabase database, String schema, String table) {
        long oid = database.oid(schema + "." + table);
        return event(schema, table, change(ChangeType.COLUMN_MODIFIED, schema, table, "id", null))
                .before(table(oid, schema, table))
                .after(table(oid, schema, table))
                .build();
    }

    private static List<String> chain() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            names.add("shop.chain_%02d".formatted(i));
        }
        return List.copyOf(names);
    }
}
