package dev.schemawatch.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL server per test JVM, configured for logical decoding and {@code pg_stat_statements}.
 * <p>
 * Chosen in this order: an existing server named by {@code SCHEMAWATCH_TEST_POSTGRES_URL} (with
 * {@code SCHEMAWATCH_TEST_POSTGRES_USER} / {@code SCHEMAWATCH_TEST_POSTGRES_PASSWORD}), a Testcontainers
 * {@code postgres:16} when a Docker engine is reachable, otherwise a private cluster run from the locally
 * installed binaries (see {@code scripts/ensure-postgres.sh}). Test classes isolate themselves with
 * {@link #createDatabase(String)} rather than sharing a database.
 */
public final class PostgresCluster {

    /**
     * Server settings the services rely on; applied to the container and the private cluster alike.
     * Durability is traded for speed ({@code fsync}, {@code full_page_writes}), but commits stay
     * synchronous: a WAL sender only streams flushed WAL, so asynchronous commit would delay every
     * captured change by up to three {@code wal_writer_delay}s and distort latency figures.
     */
    static final List<String> SETTINGS = List.of(
            "wal_level=logical",
            "max_replication_slots=32",
            "max_wal_senders=32",
            "shared_preload_libraries=pg_stat_statements",
            "pg_stat_statements.track=all",
            "fsync=off",
            "full_page_writes=off",
            "max_connections=200");

    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final LazyServer<PostgresCluster> INSTANCE = new LazyServer<>("PostgreSQL", PostgresCluster::start);
    private static final Pattern DATABASE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final String host;
    private final int port;
    private final String superuser;
    private final String password;
    private final String urlParameters;

    PostgresCluster(String host, int port, String superuser, String password, String urlParameters) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.password = password;
        this.urlParameters = urlParameters;
    }

    public static PostgresCluster get() {
        return INSTANCE.get();
    }

    private static PostgresCluster start() {
        String url = System.getenv("SCHEMAWATCH_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return external(url);
        }
        if (Docker.available()) {
            return container();
        }
        return PrivatePostgres.start();
    }

    private static PostgresCluster external(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalStateException("SCHEMAWATCH_TEST_POSTGRES_URL must be a jdbc:postgresql:// URL, was " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = System.getenv().getOrDefault("SCHEMAWATCH_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("SCHEMAWATCH_TEST_POSTGRES_PASSWORD", "");
        log.info("Using the PostgreSQL server at {}:{} from SCHEMAWATCH_TEST_POSTGRES_URL", uri.getHost(), uri.getPort());
        return new PostgresCluster(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), user, password,
                uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    private static PostgresCluster container() {
        List<String> command = new ArrayList<>(List.of("postgres"));
        SETTINGS.forEach(setting -> command.addAll(List.of("-c", setting)));
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16").withCommand(command.toArray(String[]::new));
        container.start();
        LazyServer.stopAtExit("postgres-container", container::stop);
        return new PostgresCluster(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getUsername(), container.getPassword(), "");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (urlParameters.isEmpty() ? "" : "?" + urlParameters);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return superuser;
    }

    public String password() {
        return password;
    }

    /**
     * Creates a database no other test uses and returns its name, {@code prefix_<random>}. The random part
     * keeps names unique even when several JVMs share a server given by {@code SCHEMAWATCH_TEST_POSTGRES_URL}.
     */
    public String createDatabase(String prefix) {
        if (!DATABASE_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Database prefix must match " + DATABASE_PREFIX + ", was " + prefix);
        }
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), superuser, password);
    }

    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Failed on database " + database + ": " + sql, e);
        }
    }
}
