package dev.schemawatch.contracts.sql;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads contract {@link RelationDefinition}s and {@link TypeDefinition}s from a monitored
 * database's live catalog with the functions schema-monitor installs there
 * ({@code schemawatch.relation_definition(oid)} and {@code type_definition(oid)}, from
 * {@code schemawatch/install.sql}), so that a service reading a table today describes it exactly as
 * a schema-change event would. The connection's role needs EXECUTE on those functions.
 * <p>
 * Those functions run with {@code search_path = pg_catalog, pg_temp}: types and defaults come out
 * schema-qualified ({@code public.mood}, {@code 'a'::public.mood}), as in events.
 */
public final class CatalogDefinitions {

    private static final String RELATION_SQL = "SELECT schemawatch.relation_definition(?)::text";
    private static final String TYPE_SQL = "SELECT schemawatch.type_definition(?)::text";

    private static final String RELATIONS_OF_SCHEMA = """
            SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname COLLATE "C"
            """;
    private static final String RELATION_BY_NAME = """
            SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?
            """;
    private static final String TYPES_OF_SCHEMA = """
            SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_catalog.pg_class r ON r.oid = t.typrelid
            WHERE n.nspname = ? AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
            ORDER BY t.typname COLLATE "C"
            """;

    private CatalogDefinitions() {
    }

    /**
     * The relation {@code schema.name}; names are as stored, never quoted.
     *
     * @throws IllegalArgumentException when there is no such relation
     */
    public static RelationDefinition relation(Connection connection, String schema, String name) throws SQLException {
        List<Long> oids = oids(connection, RELATION_BY_NAME, schema, name);
        if (oids.isEmpty()) {
            throw new IllegalArgumentException("no relation " + schema + "." + name);
        }
        return read(connection, RELATION_SQL, oids, RelationDefinition.class).get(0);
    }

    /** Every table, view, materialized view and foreign table of a schema, by name. */
    public static List<RelationDefinition> relations(Connection connection, String schema) throws SQLException {
        return read(connection, RELATION_SQL, oids(connection, RELATIONS_OF_SCHEMA, schema), RelationDefinition.class);
    }

    /** Every enum, domain, range and stand-alone composite type of a schema, by name. */
    public static List<TypeDefinition> types(Connection connection, String schema) throws SQLException {
        return read(connection, TYPE_SQL, oids(connection, TYPES_OF_SCHEMA, schema), TypeDefinition.class);
    }

    private static List<Long> oids(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<Long> oids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    oids.add(rows.getLong(1));
                }
            }
            return oids;
        }
    }

    private static <T> List<T> read(Connection connection, String sql, List<Long> oids, Class<T> type) throws SQLException {
        requireInstalled(connection);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<T> definitions = new ArrayList<>();
            for (long oid : oids) {
                statement.setLong(1, oid);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next() && rows.getString(1) != null) {
                        definitions.add(EventJson.read(rows.getString(1).getBytes(StandardCharsets.UTF_8), type));
                    }
                }
            }
            return definitions;
        }
    }

    private static void requireInstalled(Connection connection) throws SQLException {
        if (!installed(connection)) {
            throw new IllegalStateException("database " + connection.getCatalog() + " has no schemawatch.relation_definition: "
                    + "schema-monitor installs it (schemawatch/install.sql) in every database it monitors");
        }
    }

    /** Whether {@code schemawatch/install.sql} has been run in the connection's database. */
    public static boolean installed(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_catalog.to_regproc('schemawatch.relation_definition') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
