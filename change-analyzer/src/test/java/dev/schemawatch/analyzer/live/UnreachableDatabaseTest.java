package dev.schemawatch.analyzer.live;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.FreePort;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static dev.schemawatch.analyzer.live.TestEvents.change;
import static dev.schemawatch.analyzer.live.TestEvents.constraint;
import static dev.schemawatch.analyzer.live.TestEvents.event;
import static dev.schemawatch.analyzer.live.TestEvents.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A monitored database nobody listens for. */
class UnreachableDatabaseTest {

    private static final SchemaChangeEvent EVENT = event("shop", "orders",
            change(ChangeType.COLUMN_ADDED, "shop", "orders")).after(table(1, "shop", "orders")).build();

    @Test
    void everyQuestionThatNeedsTheDatabaseSaysWhichDatabaseIsUnavailable() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/orders");
        dataSource.setConnectTimeout(2);
        PostgresLiveDatabase live = new PostgresLiveDatabase("orders-db", dataSource, LiveDatabaseSettings.defaults());

        assertThatThrownBy(() -> live.blastRadius(EVENT, true))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("PostgreSQL database 'orders-db' is unavailable while loading the foreign-key graph: ")
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> live.size("shop", "orders"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("PostgreSQL database 'orders-db' is unavailable while measuring shop.orders: ");
        assertThatThrownBy(() -> live.dataCheck("shop", "orders",
                constraint("orders_amount_positive", ConstraintType.CHECK, false)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("'orders-db' is unavailable while checking constraint orders_amount_positive on shop.orders");
        assertThatThrownBy(live::refresh).isInstanceOf(DatabaseUnavailableException.class);

        live.apply(EVENT);
        DataCheck validated = live.dataCheck("shop", "orders", constraint("orders_pkey", ConstraintType.PRIMARY_KEY, true));
        assertThat(validated.outcome()).as("known without asking the database").isEqualTo(DataCheck.Outcome.SATISFIED);
        assertThat(validated.rowEstimate()).isEqualTo(-1);
    }

    @Test
    void aPoolThatCannotConnectIsUnavailableToo() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/orders");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            PostgresLiveDatabase live = new PostgresLiveDatabase("orders-db", pool, LiveDatabaseSettings.defaults());

            assertThatThrownBy(() -> live.blastRadius(EVENT, false))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("PostgreSQL database 'orders-db' is unavailable while loading the foreign-key graph: ");
        }
    }
}
