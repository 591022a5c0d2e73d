package dev.schemawatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure of {@code scripts/run-local.sh} in one JVM, all of its files under one directory: PostgreSQL
 * (a private cluster on the installed binaries; data kept), a MongoDB-wire server (data kept in an H2 file) and an
 * in-process KRaft broker (data not kept), on fixed ports so that connection strings people copy stay valid.
 * <p>
 * When all three are up it writes {@code infrastructure.env} (shell {@code KEY=value} lines the services read); SIGTERM or
 * SIGINT stops everything through the servers' shutdown hooks.
 */
public final class LocalInfrastructure {

    private static final int POSTGRES_PORT = 55432;
    private static final int KAFKA_PORT = 59092;
    private static final int MONGODB_PORT = 57017;
    private static final int MESSAGE_SINK_PORT = 58085;
    private static final String MESSAGES_FILE = "messages.log";
    private static final String ENV_FILE = "infrastructure.env";

    private static final String DEMO_DATABASE = "demo";
    private static final String MONITOR_MONGODB_DATABASE = "schemawatch-monitor";
    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

    /** Small but with what DDL typically touches: identity keys, foreign keys, checks, an index and a dependent view. */
    private static final String DEMO_SCHEMA = """
            CREATE TABLE customers (
                id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email      text NOT NULL UNIQUE,
                full_name  text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE orders (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
                status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
                placed_at   timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            CREATE TABLE order_items (
                order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                line_number integer NOT NULL,
                sku         text NOT NULL,
                quantity    integer NOT NULL CHECK (quantity > 0),
                unit_price  numeric(10, 2) NOT NULL CHECK (unit_price >= 0),
                PRIMARY KEY (order_id, line_number)
            );
            CREATE VIEW order_totals AS
                SELECT o.id AS order_id, o.customer_id, o.status, sum(i.quantity * i.unit_price) AS total
                FROM orders o JOIN order_items i ON i.order_id = o.id
                GROUP BY o.id;
            INSERT INTO customers (email, full_name) VALUES ('ada@example.com', 'Ada Lovelace'), ('grace@example.com', 'Grace Hopper');
            INSERT INTO orders (customer_id, status) VALUES (1, 'paid'), (2, 'pending');
            INSERT INTO order_items VALUES (1, 1, 'BOOK-001', 2, 19.90), (1, 2, 'PEN-042', 1, 3.50), (2, 1, 'BOOK-002', 1, 42.00);
            """;

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: LocalInfrastructure <data directory, e.g. .schemawatch>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        try {
            start(home);
        }
        catch (RuntimeException e) {
            log.error("Starting the local infrastructure failed", e);
            // The servers that did start run non-daemon threads; exiting runs their shutdown hooks.
            System.exit(1);
        }
        // Everything runs on the servers' own threads; this one only has to keep the JVM up until a signal ends it.
        Thread.currentThread().join();
    }

    private static void start(Path home) {
        Path envFile = home.resolve(ENV_FILE);
        deleteIfExists(envFile);
        PostgresCluster postgres = PrivatePostgres.startPersistent(home.resolve("postgres"), POSTGRES_PORT);
        createDemoDatabaseOnce(postgres);
        MongoWireServer mongo = MongoWireServer.persistent(home.resolve("mongodb.h2"), MONGODB_PORT);
        KafkaBroker kafka = KafkaBroker.embeddedOnPort(KAFKA_PORT);
        LoopbackEndpoint sink = MessageSink.start(MESSAGE_SINK_PORT, home.resolve(MESSAGES_FILE));
        LazyServer.stopAtExit("message-sink", sink::close);
        writeAtomically(envFile, String.join("\n",
                "# Written by " + LocalInfrastructure.class.getName() + " while the infrastructure of scripts/run-local.sh is up.",
                "KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                "MONGODB_URI=" + mongo.connectionString(MONITOR_MONGODB_DATABASE),
                "PGHOST=" + postgres.host(),
                "PGPORT=" + postgres.port(),
                "PGDATABASE=" + DEMO_DATABASE,
                "PGUSER=" + postgres.superuser(),
                "PGPASSWORD=" + postgres.password(),
                "MESSAGE_SINK_URL=" + sink.url("/slack"),
                "MESSAGES_FILE=" + home.resolve(MESSAGES_FILE),
                ""));
        // A file left behind would tell scripts/watch-events.sh that servers are up which are gone.
        LazyServer.stopAtExit("infrastructure-env", () -> deleteIfExists(envFile));
        log.info("Local infrastructure ready: PostgreSQL 127.0.0.1:{}, Kafka {}, MongoDB {}; settings in {}",
                postgres.port(), kafka.bootstrapServers(), mongo.connectionString(MONITOR_MONGODB_DATABASE), envFile);
    }

    private static void createDemoDatabaseOnce(PostgresCluster postgres) {
        try (Connection connection = postgres.connect("postgres");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DEMO_DATABASE);
            try (ResultSet result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DEMO_DATABASE);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create the " + DEMO_DATABASE + " database", e);
        }
        try (Connection connection = postgres.connect(DEMO_DATABASE); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(DEMO_SCHEMA);
            connection.commit();
        }
        catch (SQLException e) {
            // Without the schema the next start would find the database and skip it; let that start try again instead.
            postgres.execute("postgres", "DROP DATABASE IF EXISTS " + DEMO_DATABASE);
            throw new IllegalStateException("Cannot create the demo schema in " + DEMO_DATABASE, e);
        }
        log.info("Created database {} with the demo schema (customers, orders, order_items, view order_totals)", DEMO_DATABASE);
    }

    /** Readers poll for the file, so they must never see it half written. */
    private static void writeAtomically(Path file, String content) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, content);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }
}
