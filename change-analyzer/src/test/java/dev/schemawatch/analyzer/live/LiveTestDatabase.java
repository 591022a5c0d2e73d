package dev.schemawatch.analyzer.live;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.testsupport.PostgresCluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A fresh database on the test cluster, with a small pool the way the service would connect. */
final class LiveTestDatabase implements AutoCloseable {

    private final PostgresCluster cluster;
    private final String name;
    private final HikariDataSource dataSource;

    private LiveTestDatabase(PostgresCluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cluster.jdbcUrl(name));
        config.setUsername(cluster.superuser());
        config.setPassword(cluster.password());
        config.setMaximumPoolSize(2);
        config.setPoolName("live-" + name);
        this.dataSource = new HikariDataSource(config);
    }

    static LiveTestDatabase create(String prefix, String... setup) {
        PostgresCluster cluster = PostgresCluster.get();
        LiveTestDatabase database = new LiveTestDatabase(cluster, cluster.createDatabase(prefix));
        for (String sql : setup) {
            database.execute(sql);
        }
        return database;
    }

    String name() {
        return name;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    PostgresLiveDatabase live(LiveDatabaseSettings settings) {
        return new PostgresLiveDatabase(name, dataSource, settings);
    }

    PostgresLiveDatabase live() {
        return live(LiveDatabaseSettings.defaults());
    }

    void execute(String sql) {
        cluster.execute(name, sql);
    }

    /** A connection of the application's own, outside the analyzer's pool. */
    Connection connect() throws SQLException {
        return cluster.connect(name);
    }

    long oid(String qualifiedName) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT ?::regclass::oid::bigint")) {
            statement.setString(1, qualifiedName);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("No relation " + qualifiedName + " in " + name, e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
