package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.rules.TableSize;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.impact.DataCheck.Outcome;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static dev.schemawatch.analyzer.live.TestEvents.constraint;
import static org.assertj.core.api.Assertions.assertThat;

/** Data checks of NOT VALID constraints and table sizes against real rows. */
class LiveDataCheckTest {

    private static final String WEIRD_TABLE = "x\"; drop table sales.customers; --";
    private static final String WEIRD_COLUMN = "va\"lue";

    private static final String SALES = """
            CREATE SCHEMA sales;
            CREATE TABLE sales.customers (id int PRIMARY KEY);
            INSERT INTO sales.customers SELECT generate_series(1, 100);
            CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int, amount numeric, note text);
            -- orders 1-3 belong to customers that do not exist, 1-5 have a negative amount, even ones no note
            INSERT INTO sales.orders
                SELECT i, CASE WHEN i <= 3 THEN 1000 + i ELSE i % 100 + 1 END,
                       CASE WHEN i <= 5 THEN -i ELSE i END, CASE WHEN i % 2 = 0 THEN NULL ELSE 'n' END
                FROM generate_series(1, 1000) i;
            ALTER TABLE sales.orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
            ALTER TABLE sales.orders ADD CONSTRAINT orders_id_positive CHECK (id > 0) NOT VALID;
            ALTER TABLE sales.orders ADD CONSTRAINT orders_amount_bounded CHECK (amount < 1000000);
            ALTER TABLE sales.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)
                REFERENCES sales.customers NOT VALID;
            CREATE TABLE sales.payments (id int PRIMARY KEY, order_id int);
            INSERT INTO sales.payments SELECT i, i FROM generate_series(1, 50) i;
            INSERT INTO sales.payments VALUES (51, NULL);
            ALTER TABLE sales.payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id)
                REFERENCES sales.orders NOT VALID;
            CREATE TABLE sales.addresses (customer_id int, kind text, PRIMARY KEY (customer_id, kind));
            INSERT INTO sales.addresses VALUES (1, 'home');
            CREATE TABLE sales.deliveries (id int PRIMARY KEY, customer_id int, kind text);
            -- valid; partly NULL (exempt only under MATCH SIMPLE); all NULL (always exempt); no such address
            INSERT INTO sales.deliveries VALUES (1, 1, 'home'), (2, 1, NULL), (3, NULL, NULL), (4, 2, 'work');
            ALTER TABLE sales.deliveries ADD CONSTRAINT deliveries_full_fk FOREIGN KEY (customer_id, kind)
                REFERENCES sales.addresses MATCH FULL NOT VALID;
            ALTER TABLE sales.deliveries ADD CONSTRAINT deliveries_simple_fk FOREIGN KEY (customer_id, kind)
                REFERENCES sales.addresses NOT VALID;
            CREATE TABLE sales."x""; drop table sales.customers; --" ("va""lue" int);
            INSERT INTO sales."x""; drop table sales.customers; --" VALUES (1), (-1), (NULL);
            ALTER TABLE sales."x""; drop table sales.customers; --" ADD CONSTRAINT "weird ""check"" " CHECK ("va""lue" > 0) NOT VALID;
            CREATE FUNCTION sales.slowly_positive(v int) RETURNS boolean LANGUAGE plpgsql
                AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN v > 0; END $$;
            CREATE TABLE sales.slow (v int);
            INSERT INTO sales.slow SELECT generate_series(1, 50);
            ALTER TABLE sales.slow ADD CONSTRAINT slow_check CHECK (sales.slowly_positive(v)) NOT VALID;
            CREATE TABLE sales.fresh (id int);
            INSERT INTO sales.fresh SELECT generate_series(1, 10);
            CREATE TABLE sales.events (id int, at date) PARTITION BY RANGE (at);
            CREATE TABLE sales.events_2024 PARTITION OF sales.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE sales.events_2025 PARTITION OF sales.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            INSERT INTO sales.events SELECT i, date '2024-06-01' + i * 10 FROM generate_series(1, 30) i;
            ANALYZE sales.events;
            ANALYZE sales.customers;
            CREATE VIEW sales.big_orders AS SELECT * FROM sales.orders WHERE amount > 500;
            """;

    private static LiveTestDatabase sales;
    private static PostgresLiveDatabase live;

    @BeforeAll
    static void createSales() {
        sales = LiveTestDatabase.create("live_checks", SALES);
        live = sales.live();
    }

    @AfterAll
    static void closeSales() {
        if (sales != null) {
            sales.close();
        }
    }

    @Test
    void aValidatedConstraintIsSatisfiedWithoutScanning() {
        DataCheck check = live.dataCheck("sales", "orders", check("orders_amount_bounded", true));

        assertThat(check).isEqualTo(new DataCheck(Outcome.SATISFIED, null, 1000, DataChecks.VALIDATED_WHEN_ADDED));
    }

    @Test
    void aNotValidCheckCountsTheRowsThatBreakIt() {
        assertThat(live.dataCheck("sales", "orders", check("orders_amount_positive", false))).isEqualTo(new DataCheck(
                Outcome.VIOLATED, 5L, 1000, "5 rows of sales.orders do not satisfy CHECK ((amount > (0)::numeric))"));
        assertThat(live.dataCheck("sales", "orders", check("orders_id_positive", false))).isEqualTo(new DataCheck(
                Outcome.SATISFIED, 0L, 1000, "all 1000 rows of sales.orders satisfy the constraint"));
    }

    @Test
    void aNotValidForeignKeyCountsOrphansButNotNullKeys() {
        assertThat(live.dataCheck("sales", "orders", foreignKey("orders_customer_fk"))).isEqualTo(new DataCheck(
                Outcome.VIOLATED, 3L, 1000, "3 rows of sales.orders reference no row of sales.customers (customer_id)"));
        assertThat(live.dataCheck("sales", "payments", foreignKey("payments_order_fk")))
                .isEqualTo(new DataCheck(Outcome.SATISFIED, 0L, 51, "all 51 rows of sales.payments satisfy the constraint"));
    }

    @Test
    void matchFullAlsoRejectsPartlyNullKeys() {
        assertThat(live.dataCheck("sales", "deliveries", foreignKey("deliveries_full_fk")).violatingRows()).isEqualTo(2L);
        assertThat(live.dataCheck("sales", "deliveries", foreignKey("deliveries_simple_fk")).violatingRows()).isEqualTo(1L);
    }

    @Test
    void aNotNullConstraintCountsNulls() {
        DataCheck check = live.dataCheck("sales", "orders",
                constraint("orders_note_not_null", ConstraintType.NOT_NULL, false, "note"));

        assertThat(check).isEqualTo(new DataCheck(Outcome.VIOLATED, 500L, 1000, "500 rows of sales.orders hold NULL in note"));
    }

    @Test
    void hostileNamesAreJustNames() {
        DataCheck check = live.dataCheck("sales", WEIRD_TABLE, check("weird \"check\" ", false));
        assertThat(check.outcome()).isEqualTo(Outcome.VIOLATED);
        assertThat(check.violatingRows()).isEqualTo(1L);

        DataCheck nulls = live.dataCheck("sales", WEIRD_TABLE,
                constraint("weird_not_null", ConstraintType.NOT_NULL, false, WEIRD_COLUMN));
        assertThat(nulls.violatingRows()).isEqualTo(1L);
        assertThat(live.size("sales", WEIRD_TABLE).rowEstimate()).isEqualTo(3);
        assertThat(live.size("sales", "customers").rowEstimate()).as("still there").isEqualTo(100);
    }

    @Test
    void aCheckThatRunsOutOfTimeIsUnknown() {
        PostgresLiveDatabase impatient = sales.live(LiveDatabaseSettings.defaults().withStatementTimeout(Duration.ofMillis(300)));

        DataCheck check = impatient.dataCheck("sales", "slow", check("slow_check", false));

        assertThat(check).isEqualTo(new DataCheck(Outcome.UNKNOWN, null, 50, "check exceeded 300ms"));
    }

    @Test
    void aCheckThatCannotLockTheTableIsUnknown() throws Exception {
        try (Connection migration = sales.connect(); Statement statement = migration.createStatement()) {
            migration.setAutoCommit(false);
            statement.execute("LOCK TABLE sales.payments IN ACCESS EXCLUSIVE MODE");

            DataCheck check = live.dataCheck("sales", "payments", foreignKey("payments_order_fk"));

            assertThat(check.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(check.detail()).isEqualTo("check could not lock sales.payments within 200ms;"
                    + " another transaction holds a conflicting lock");
            assertThat(check.rowEstimate()).as("not even measurable under that lock").isEqualTo(-1);
            migration.rollback();
        }
    }

    @Test
    void aConstraintThatIsGoneOrValidatedMeanwhileNeedsNoScan() {
        assertThat(live.dataCheck("sales", "orders", check("no_such_constraint", false))).isEqualTo(new DataCheck(
                Outcome.UNKNOWN, null, 1000, "constraint no_such_constraint no longer exists on sales.orders"));
        assertThat(live.dataCheck("sales", "orders", check("orders_amount_bounded", false)))
                .isEqualTo(new DataCheck(Outcome.SATISFIED, null, 1000, DataChecks.VALIDATED_SINCE));
    }

    @Test
    void sizesComeFromTheCatalogOrABoundedCount() {
        TableSize analysed = live.size("sales", "customers");
        assertThat(analysed.rowEstimate()).isEqualTo(100);
        assertThat(analysed.sizeBytes()).isPositive();

        assertThat(live.size("sales", "fresh").rowEstimate()).as("never analysed: counted").isEqualTo(10);

        TableSize partitioned = live.size("sales", "events");
        assertThat(partitioned.rowEstimate()).as("summed over the partitions").isEqualTo(30);
        assertThat(partitioned.sizeBytes()).isGreaterThan(live.size("sales", "events_2024").sizeBytes());

        assertThat(live.size("sales", "big_orders")).isEqualTo(new TableSize(0, 0));
        assertThat(live.size("sales", "no_such_table")).isEqualTo(TableSize.EMPTY);
    }

    private static ConstraintDefinition check(String name, boolean validated) {
        return constraint(name, ConstraintType.CHECK, validated);
    }

    /** As an event would carry it; the check itself reads columns and target from the catalog. */
    private static ConstraintDefinition foreignKey(String name) {
        return constraint(name, ConstraintType.FOREIGN_KEY, false);
    }
}
