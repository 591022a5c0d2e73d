package dev.schemawatch.monitor;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.monitor.capture.CaptureStatus;
import dev.schemawatch.monitor.capture.Captures;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.MongoWireServer;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The monitor running for real against a private PostgreSQL cluster, an in-process KRaft broker
 * and a MongoDB-wire server. All subclasses share one application context and one monitored
 * database; each test uses its own table names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MonitorIntegrationTest {

    static final String DATABASE_NAME = "shop";
    static final String DATABASE = PostgresCluster.get().createDatabase("monitor");
    static final String SECOND_DATABASE_NAME = "warehouse";
    static final String SECOND_DATABASE = PostgresCluster.get().createDatabase("warehouse");

    @Autowired
    Captures captures;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PostgresCluster postgres = PostgresCluster.get();
        registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.get().bootstrapServers());
        registry.add("spring.mongodb.uri", () -> MongoWireServer.get().connectionString("monitor-it"));
        registry.add("schemawatch.monitor.databases[0].name", () -> DATABASE_NAME);
        registry.add("schemawatch.monitor.databases[0].host", postgres::host);
        registry.add("schemawatch.monitor.databases[0].port", postgres::port);
        registry.add("schemawatch.monitor.databases[0].database", () -> DATABASE);
        registry.add("schemawatch.monitor.databases[0].username", postgres::superuser);
        registry.add("schemawatch.monitor.databases[0].password", postgres::password);
        registry.add("schemawatch.monitor.databases[0].exclude-schemas[0]", () -> "ignored_.*");
        registry.add("schemawatch.monitor.databases[1].name", () -> SECOND_DATABASE_NAME);
        registry.add("schemawatch.monitor.databases[1].host", postgres::host);
        registry.add("schemawatch.monitor.databases[1].port", postgres::port);
        registry.add("schemawatch.monitor.databases[1].database", () -> SECOND_DATABASE);
        registry.add("schemawatch.monitor.databases[1].username", postgres::superuser);
        registry.add("schemawatch.monitor.databases[1].password", postgres::password);
        registry.add("schemawatch.monitor.heartbeat-interval", () -> "1s");
        registry.add("schemawatch.monitor.slot-lag-interval", () -> "1s");
        registry.add("schemawatch.monitor.reconciliation-interval", () -> "1h");
    }

    @BeforeEach
    void captureIsStreaming() {
        await().atMost(Duration.ofSeconds(60)).until(() -> captures.all().stream()
                .allMatch(c -> c.status().state() == CaptureStatus.State.STREAMING));
    }

    static PublishedChanges published() {
        return PublishedChanges.from(KafkaBroker.get().bootstrapServers());
    }

    static void sql(String... statements) throws SQLException {
        try (Connection connection = PostgresCluster.get().connect(DATABASE); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs the statements in one transaction. */
    static void transaction(String... statements) throws SQLException {
        try (Connection connection = PostgresCluster.get().connect(DATABASE)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        }
    }

    static Predicate<SchemaChangeEvent> on(String table) {
        return event -> DATABASE_NAME.equals(event.database()) && table.equals(event.objectName());
    }

    static Predicate<SchemaChangeEvent> ddl(String statement) {
        return event -> DATABASE_NAME.equals(event.database()) && statement.equals(event.ddl());
    }

    /** Runs one statement and returns the one event it produced. */
    static SchemaChangeEvent eventOf(String statement) throws SQLException {
        sql(statement);
        return published().awaitOne(ddl(statement));
    }

    static List<ChangeType> types(SchemaChangeEvent event) {
        return event.changes().stream().map(AtomicChange::type).toList();
    }
}
