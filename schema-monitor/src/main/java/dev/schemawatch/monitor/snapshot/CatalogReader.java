package dev.schemawatch.monitor.snapshot;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import tools.jackson.databind.JavaType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a database's whole user catalog through {@code schemawatch.catalog_definitions()}. */
public final class CatalogReader {

    private CatalogReader() {
    }

    public static CatalogState read(Connection connection) throws SQLException {
        List<RelationDefinition> relations;
        List<TypeDefinition> types;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT relations::text, types::text FROM schemawatch.catalog_definitions()")) {
            rs.next();
            relations = list(rs.getString(1), RelationDefinition.class);
            types = list(rs.getString(2), TypeDefinition.class);
        }
        Map<Long, String> schemas = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT oid, nspname FROM pg_namespace
                     WHERE nspname NOT IN ('information_schema', 'schemawatch')
                       AND nspname NOT LIKE 'pg\\_%'""")) {
            while (rs.next()) {
                schemas.put(rs.getLong(1), rs.getString(2));
            }
        }
        return new CatalogState(relations, types, schemas);
    }

    /** The current end of the write-ahead log, as a number comparable with Debezium's LSNs. */
    public static long currentLsn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> List<T> list(String json, Class<T> element) {
        if (json == null) {
            return List.of();
        }
        JavaType type = EventJson.mapper().getTypeFactory().constructCollectionType(List.class, element);
        return EventJson.mapper().readValue(json, type);
    }
}
