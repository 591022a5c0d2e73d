package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.live.ForeignKeyGraph.ForeignKey;
import dev.schemawatch.analyzer.live.ForeignKeyGraph.Reach;
import dev.schemawatch.analyzer.live.ForeignKeyGraph.Table;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.schemawatch.analyzer.live.TestEvents.change;
import static dev.schemawatch.analyzer.live.TestEvents.event;
import static dev.schemawatch.analyzer.live.TestEvents.table;
import static org.assertj.core.api.Assertions.assertThat;

class ForeignKeyGraphTest {

    /*
     * customers <- orders <- order_items -> products -> categories (-> categories)
     * employees <-> departments (a cycle)
     */
    private static final long CUSTOMERS = 1;
    private static final long ORDERS = 2;
    private static final long ORDER_ITEMS = 3;
    private static final long PRODUCTS = 4;
    private static final long CATEGORIES = 5;
    private static final long EMPLOYEES = 6;
    private static final long DEPARTMENTS = 7;

    private static ForeignKeyGraph shop() {
        return ForeignKeyGraph.of(
                List.of(new Table(CUSTOMERS, "shop", "customers"), new Table(ORDERS, "shop", "orders"),
                        new Table(ORDER_ITEMS, "shop", "order_items"), new Table(PRODUCTS, "shop", "products"),
                        new Table(CATEGORIES, "shop", "categories"), new Table(EMPLOYEES, "hr", "employees"),
                        new Table(DEPARTMENTS, "hr", "departments")),
                List.of(new ForeignKey(ORDERS, CUSTOMERS, "orders_customer_fk"),
                        new ForeignKey(ORDER_ITEMS, ORDERS, "items_order_fk"),
                        new ForeignKey(ORDER_ITEMS, PRODUCTS, "items_product_fk"),
                        new ForeignKey(PRODUCTS, CATEGORIES, "products_category_fk"),
                        new ForeignKey(CATEGORIES, CATEGORIES, "categories_parent_fk"),
                        new ForeignKey(EMPLOYEES, DEPARTMENTS, "employees_department_fk"),
                        new ForeignKey(DEPARTMENTS, EMPLOYEES, "departments_head_fk"),
                        // the parent lies outside the analysed schemas: left out
                        new ForeignKey(ORDERS, 999, "orders_elsewhere_fk")));
    }

    @Test
    void followsForeignKeysBothWaysTransitively() {
        Reach reach = shop().reach(List.of(ORDERS), List.of());

        assertThat(reach.referencingTables()).containsExactly("shop.order_items");
        assertThat(reach.referencedTables()).containsExactly("shop.customers");
        assertThat(reach.relationships()).containsExactly(
                "shop.order_items -> shop.orders (items_order_fk)",
                "shop.orders -> shop.customers (orders_customer_fk)");

        Reach fromCustomers = shop().reach(List.of(CUSTOMERS), List.of());
        assertThat(fromCustomers.referencingTables()).containsExactly("shop.order_items", "shop.orders");
        assertThat(fromCustomers.referencedTables()).isEmpty();

        Reach fromItems = shop().reach(List.of(ORDER_ITEMS), List.of());
        assertThat(fromItems.referencingTables()).isEmpty();
        assertThat(fromItems.referencedTables())
                .containsExactly("shop.categories", "shop.customers", "shop.orders", "shop.products");
        assertThat(fromItems.relationships()).containsExactly(
                "shop.categories -> shop.categories (categories_parent_fk)",
                "shop.order_items -> shop.orders (items_order_fk)",
                "shop.order_items -> shop.products (items_product_fk)",
                "shop.orders -> shop.customers (orders_customer_fk)",
                "shop.products -> shop.categories (products_category_fk)");
    }

    @Test
    void cyclesAndSelfReferencesEndAndNeverListTheSubject() {
        ForeignKeyGraph graph = shop();

        Reach cycle = graph.reach(List.of(EMPLOYEES), List.of());
        assertThat(cycle.referencingTables()).containsExactly("hr.departments");
        assertThat(cycle.referencedTables()).containsExactly("hr.departments");
        assertThat(cycle.relationships()).containsExactly(
                "hr.departments -> hr.employees (departments_head_fk)",
                "hr.employees -> hr.departments (employees_department_fk)");

        Reach self = graph.reach(List.of(CATEGORIES), List.of());
        assertThat(self.referencingTables()).containsExactly("shop.order_items", "shop.products");
        assertThat(self.referencedTables()).isEmpty();
        assertThat(self.relationships()).contains("shop.categories -> shop.categories (categories_parent_fk)");
    }

    @Test
    void eachSubjectIsWalkedOnItsOwnSoOneSubjectReachedFromAnotherIsReported() {
        Reach reach = shop().reach(List.of(CUSTOMERS, ORDERS), List.of());

        assertThat(reach.referencingTables()).containsExactly("shop.order_items", "shop.orders");
        assertThat(reach.referencedTables()).containsExactly("shop.customers");
        assertThat(reach.relationships()).doesNotHaveDuplicates();
    }

    @Test
    void aTableTheGraphDoesNotKnowReachesWhatItsDefinitionNames() {
        var archive = table(50, "shop", "order_archive")
                .references("archive_order_fk", "shop", "orders")
                .references("archive_region_fk", "geo", "regions")
                .references("archive_previous_fk", "shop", "order_archive")
                .build();

        Reach reach = shop().reach(List.of(), List.of(archive));

        assertThat(reach.referencingTables()).isEmpty();
        assertThat(reach.referencedTables()).containsExactly("geo.regions", "shop.customers", "shop.orders");
        assertThat(reach.relationships()).containsExactly(
                "shop.order_archive -> geo.regions (archive_region_fk)",
                "shop.order_archive -> shop.order_archive (archive_previous_fk)",
                "shop.order_archive -> shop.orders (archive_order_fk)",
                "shop.orders -> shop.customers (orders_customer_fk)");
    }

    @Test
    void aDroppedForeignKeyLeavesTheGraph() {
        ForeignKeyGraph graph = shop();
        SchemaChangeEvent dropped = event("shop", "orders",
                change(ChangeType.RELATIONSHIP_REMOVED, "shop", "orders", "orders_customer_fk", null))
                .before(table(ORDERS, "shop", "orders").references("orders_customer_fk", "shop", "customers"))
                .after(table(ORDERS, "shop", "orders"))
                .build();

        assertThat(graph.apply(dropped)).isTrue();

        assertThat(graph.reach(List.of(CUSTOMERS), List.of()).referencingTables()).isEmpty();
        assertThat(graph.reach(List.of(ORDERS), List.of()).referencingTables()).containsExactly("shop.order_items");
        assertThat(graph.foreignKeyCount()).isEqualTo(6);
    }

    @Test
    void aDroppedTableLeavesWithTheKeysPointingAtIt() {
        ForeignKeyGraph graph = shop();
        SchemaChangeEvent dropped = event("shop", "orders", change(ChangeType.TABLE_REMOVED, "shop", "orders"))
                .before(table(ORDERS, "shop", "orders").references("orders_customer_fk", "shop", "customers"),
                        table(ORDER_ITEMS, "shop", "order_items").references("items_order_fk", "shop", "orders")
                                .references("items_product_fk", "shop", "products"))
                .after(table(ORDER_ITEMS, "shop", "order_items").references("items_product_fk", "shop", "products"))
                .build();

        assertThat(graph.apply(dropped)).isTrue();

        assertThat(graph.contains(ORDERS)).isFalse();
        assertThat(graph.oidOf("shop", "orders")).isEmpty();
        assertThat(graph.reach(List.of(CUSTOMERS), List.of()).referencingTables()).isEmpty();
        assertThat(graph.reach(List.of(ORDER_ITEMS), List.of()).relationships()).containsExactly(
                "shop.categories -> shop.categories (categories_parent_fk)",
                "shop.order_items -> shop.products (items_product_fk)",
                "shop.products -> shop.categories (products_category_fk)");
    }

    @Test
    void aTableRemovedWithoutDefinitionIsFoundByName() {
        ForeignKeyGraph graph = shop();

        graph.apply(event("shop", "customers", change(ChangeType.TABLE_REMOVED, "shop", "customers")).build());

        assertThat(graph.contains(CUSTOMERS)).isFalse();
        assertThat(graph.reach(List.of(ORDERS), List.of()).referencedTables()).isEmpty();
    }

    @Test
    void aRenamedTableKeepsItsKeysInBothDirections() {
        ForeignKeyGraph graph = shop();
        SchemaChangeEvent renamed = event("shop", "purchases",
                change(ChangeType.TABLE_RENAMED, "shop", "purchases", null, "shop.orders"))
                .before(table(ORDERS, "shop", "orders").references("orders_customer_fk", "shop", "customers"))
                .after(table(ORDERS, "shop", "purchases").references("orders_customer_fk", "shop", "customers"))
                .build();

        assertThat(graph.apply(renamed)).isTrue();

        assertThat(graph.oidOf("shop", "purchases")).hasValue(ORDERS);
        assertThat(graph.oidOf("shop", "orders")).isEmpty();
        assertThat(graph.reach(List.of(CUSTOMERS), List.of()).relationships()).containsExactly(
                "shop.order_items -> shop.purchases (items_order_fk)",
                "shop.purchases -> shop.customers (orders_customer_fk)");
    }

    @Test
    void newTablesMayReferenceEachOtherAndThemselvesInOneEvent() {
        ForeignKeyGraph graph = shop();
        SchemaChangeEvent created = event("shop", "invoices", change(ChangeType.TABLE_ADDED, "shop", "invoices"))
                .after(table(60, "shop", "invoices").references("invoices_order_fk", "shop", "orders")
                                .references("invoices_correction_fk", "shop", "invoices")
                                .references("invoices_batch_fk", "shop", "invoice_batches"),
                        table(61, "shop", "invoice_batches"))
                .build();

        assertThat(graph.apply(created)).isTrue();

        Reach reach = graph.reach(List.of(60L), List.of());
        assertThat(reach.referencedTables()).containsExactly("shop.customers", "shop.invoice_batches", "shop.orders");
        assertThat(reach.relationships()).contains("shop.invoices -> shop.invoices (invoices_correction_fk)");
        assertThat(graph.reach(List.of(ORDERS), List.of()).referencingTables())
                .containsExactly("shop.invoices", "shop.order_items");
    }

    @Test
    void schemaRenamesAndDropsMoveEveryTableOfTheSchema() {
        ForeignKeyGraph graph = shop();

        assertThat(graph.apply(event("staff", null, change(ChangeType.SCHEMA_RENAMED, "staff", null, null, "hr"))
                .build())).isTrue();
        assertThat(graph.reach(List.of(EMPLOYEES), List.of()).referencedTables()).containsExactly("staff.departments");

        assertThat(graph.apply(event("staff", null, change(ChangeType.SCHEMA_REMOVED, "staff", null)).build())).isTrue();
        assertThat(graph.contains(EMPLOYEES)).isFalse();
        assertThat(graph.contains(DEPARTMENTS)).isFalse();
        assertThat(graph.tableCount()).isEqualTo(5);
    }

    @Test
    void reportsWhenAnEventCannotBeFollowed() {
        ForeignKeyGraph graph = shop();

        assertThat(graph.apply(event("shop", "orders", change(ChangeType.COLUMN_ADDED, "shop", "orders"))
                .after(table(ORDERS, "shop", "orders")).truncated().build()))
                .as("definitions left out of an oversized event").isFalse();
        assertThat(graph.apply(event("shop", "orders", change(ChangeType.RELATIONSHIP_ADDED, "shop", "orders"))
                .after(table(ORDERS, "shop", "orders").references("orders_region_fk", "geo", "regions")).build()))
                .as("a key to a table the graph does not know").isFalse();
        assertThat(graph.apply(event("x", null, change(ChangeType.SCHEMA_RENAMED, "x", null)).build()))
                .as("a schema renamed from an unknown name").isFalse();
    }

    @Test
    void aNameTakenByANewTableRetiresTheTableThatHeldIt() {
        ForeignKeyGraph graph = shop();

        graph.apply(event("shop", "customers", change(ChangeType.TABLE_ADDED, "shop", "customers"))
                .after(table(70, "shop", "customers")).build());

        assertThat(graph.contains(CUSTOMERS)).isFalse();
        assertThat(graph.oidOf("shop", "customers")).hasValue(70L);
        assertThat(graph.reach(List.of(ORDERS), List.of()).referencedTables()).isEmpty();
    }

    /**
     * 1,000 tables and 10,000 foreign keys shaped like a real schema: 100 modules of 10 tables whose
     * keys point at earlier tables of the module, plus keys to 20 shared core tables (tenants,
     * users...) that reference each other, cycles included.
     */
    @Test
    void aThousandTablesAndTenThousandKeysAreWalkedCorrectly() {
        Random random = new Random(42);
        int tableCount = 1_000;
        int coreTables = 20;
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < tableCount; i++) {
            tables.add(new Table(i + 1, "s" + (i / 100), "t" + i));
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (int i = 0; i < tableCount; i++) {
            int moduleStart = i < coreTables ? 0 : i - (i - coreTables) % 10;
            for (int k = 0; k < 10; k++) {
                boolean toCore = i < coreTables || k < 2 || i == moduleStart;
                int parent = toCore ? random.nextInt(coreTables) : moduleStart + random.nextInt(i - moduleStart);
                keys.add(new ForeignKey(i + 1, parent + 1, "fk_" + i + "_" + k));
            }
        }
        ForeignKeyGraph graph = ForeignKeyGraph.of(tables, keys);
        assertThat(graph.tableCount()).isEqualTo(1_000);
        assertThat(graph.foreignKeyCount()).isEqualTo(10_000);

        for (int subject = 1; subject <= tableCount; subject += 7) {
            Reach reach = graph.reach(List.of((long) subject), List.of());
            assertThat(reach.referencingTables()).isEqualTo(naiveClosure(tables, keys, subject, true));
            assertThat(reach.referencedTables()).isEqualTo(naiveClosure(tables, keys, subject, false));
            assertThat(reach.relationships()).hasSizeLessThanOrEqualTo(BlastRadius.MAX_RELATIONSHIPS).isSorted();
        }

        Reach hub = graph.reach(List.of(1L), List.of());
        assertThat(hub.referencingTables()).as("a core table is reached from most of the schema").hasSizeGreaterThan(500);
        assertThat(hub.relationships()).hasSize(BlastRadius.MAX_RELATIONSHIPS);
        assertThat(hub.omittedRelationships()).isGreaterThanOrEqualTo(hub.referencingTables().size() - BlastRadius.MAX_RELATIONSHIPS);
    }

    @Test
    void readsRunConcurrentlyWithApplies() throws Exception {
        ForeignKeyGraph graph = shop();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                results.add(readers.submit(() -> {
                    int reads = 0;
                    while (running.get()) {
                        Reach reach = graph.reach(List.of(CUSTOMERS, ORDERS, CATEGORIES), List.of());
                        assertThat(reach.relationships()).isSorted().doesNotHaveDuplicates();
                        reads++;
                    }
                    return reads;
                }));
            }
            SchemaChangeEvent add = event("shop", "refunds", change(ChangeType.TABLE_ADDED, "shop", "refunds"))
                    .after(table(80, "shop", "refunds").references("refunds_order_fk", "shop", "orders")).build();
            SchemaChangeEvent drop = event("shop", "refunds", change(ChangeType.TABLE_REMOVED, "shop", "refunds"))
                    .before(table(80, "shop", "refunds").references("refunds_order_fk", "shop", "orders")).build();
            for (int i = 0; i < 2_000; i++) {
                assertThat(graph.apply(i % 2 == 0 ? add : drop)).isTrue();
            }
            running.set(false);
            for (Future<Integer> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isPositive();
            }
        }
        finally {
            running.set(false);
            readers.shutdownNow();
        }
        assertThat(graph.contains(80)).isFalse();
        assertThat(graph.foreignKeyCount()).isEqualTo(7);
    }

    /** The closure computed the slow, obvious way: add tables until nothing changes. */
    private static List<String> naiveClosure(List<Table> tables, List<ForeignKey> keys, long subject, boolean towardsChildren) {
        Set<Long> reached = new HashSet<>(Set.of(subject));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ForeignKey key : keys) {
                long from = towardsChildren ? key.parentOid() : key.childOid();
                long to = towardsChildren ? key.childOid() : key.parentOid();
                if (reached.contains(from) && reached.add(to)) {
                    grew = true;
                }
            }
        }
        reached.remove(subject);
        Set<String> names = new TreeSet<>();
        for (Table table : tables) {
            if (reached.contains(table.oid())) {
                names.add(table.schema() + "." + table.name());
            }
        }
        return List.copyOf(names);
    }
}
