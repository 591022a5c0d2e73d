package dev.schemawatch.analyzer.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.analyzer.live.LiveDatabase;

import java.util.Map;

/** The configured monitored databases and the connection pools behind them, closed with the context. */
public record LiveDatabases(Map<String, LiveDatabase> byName, Map<String, HikariDataSource> dataSources) implements AutoCloseable {

    public LiveDatabases {
        byName = Map.copyOf(byName);
        dataSources = Map.copyOf(dataSources);
    }

    @Override
    public void close() {
        dataSources.values().forEach(HikariDataSource::close);
    }
}
