package dev.schemawatch.analyzer.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Whether each monitored database answers. Not part of readiness: without it the analyzer still
 * publishes reports, marked partial.
 */
public class LiveDatabasesHealthIndicator extends AbstractHealthIndicator {

    private final LiveDatabases databases;

    public LiveDatabasesHealthIndicator(LiveDatabases databases) {
        this.databases = databases;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allUp = true;
        for (Map.Entry<String, HikariDataSource> entry : databases.dataSources().entrySet()) {
            try (Connection connection = entry.getValue().getConnection()) {
                builder.withDetail(entry.getKey(), connection.isValid(2) ? "reachable" : "not answering");
            } catch (SQLException e) {
                allUp = false;
                builder.withDetail(entry.getKey(), "unreachable: " + e.getMessage());
            }
        }
        if (allUp) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
