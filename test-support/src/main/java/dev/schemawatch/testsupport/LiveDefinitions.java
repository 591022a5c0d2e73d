package dev.schemawatch.testsupport;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads contract {@link RelationDefinition}s and {@link TypeDefinition}s from a real database's
 * catalog with schema-monitor's own {@code schemawatch.relation_definition(oid)} and
 * {@code type_definition(oid)}, so that any service's tests describe a real table exactly as a
 * schema-change event would. The first read in a database installs {@code schemawatch/install.sql}
 * there (idempotent; it needs a superuser, which the test cluster's connections are).
 * <p>
 * Those functions run with {@code search_path = pg_catalog, pg_temp}: types and defaults come out
 * schema-qualified ({@code public.mood}, {@code 'a'::public.mood}), as in events.
 */
public final class LiveDefinitions {

    private static final String INSTALL_SCRIPT = resource("/schemawatch/install.sql");
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

    private LiveDefinitions() {
    }

    /** The relation {@code schema.name}; names are as stored, never quoted. */
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
        installIfAbsent(connection);
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

    private static void installIfAbsent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_catalog.to_regproc('schemawatch.relation_definition') IS NOT NULL")) {
            rows.next();
            if (rows.getBoolean(1)) {
                return;
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute(INSTALL_SCRIPT);
            if (!autoCommit) {
                connection.commit();
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = LiveDefinitions.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
