package dev.schemawatch.monitor;

import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.monitor.snapshot.Reconciliation;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.Statement;

import static dev.schemawatch.contracts.schema.ChangeType.COLUMN_ADDED;
import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest extends MonitorIntegrationTest {

    @Autowired
    Reconciliation reconciliation;

    @Test
    void ddlThatBypassedTheEventTriggersIsPublishedAsDriftOnce() throws Exception {
        eventOf("CREATE TABLE rc_drift (id int)");
        try (Connection connection = PostgresCluster.get().connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            statement.execute("ALTER TABLE rc_drift ADD COLUMN sneaky int");
        }

        assertThat(reconciliation.reconcile(captures.named(DATABASE_NAME).orElseThrow())).isEqualTo(1);

        SchemaChangeEvent drift = published().awaitOne(
                on("rc_drift").and(e -> e.origin() == SchemaChangeEvent.Origin.RECONCILIATION));
        assertThat(drift.commandTag()).isEqualTo("RECONCILIATION");
        assertThat(types(drift)).containsExactly(COLUMN_ADDED);
        assertThat(drift.changes().get(0).name()).isEqualTo("sneaky");

        assertThat(reconciliation.reconcile(captures.named(DATABASE_NAME).orElseThrow())).isZero();
    }
}
