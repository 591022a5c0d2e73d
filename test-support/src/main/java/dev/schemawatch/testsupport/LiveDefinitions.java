package dev.schemawatch.testsupport;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.sql.CatalogDefinitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@link CatalogDefinitions} for tests: the first read in a database installs
 * {@code schemawatch/install.sql} there (idempotent; it needs a superuser, which the test cluster's
 * connections are), so that any service's tests describe a real table exactly as a schema-change
 * event would.
 */
public final class LiveDefinitions {

    private static final String INSTALL_SCRIPT = resource("/schemawatch/install.sql");

    private LiveDefinitions() {
    }

    /** The relation {@code schema.name}; names are as stored, never quoted. */
    public static RelationDefinition relation(Connection connection, String schema, String name) throws SQLException {
        installIfAbsent(connection);
        return CatalogDefinitions.relation(connection, schema, name);
    }

    /** Every table, view, materialized view and foreign table of a schema, by name. */
    public static List<RelationDefinition> relations(Connection connection, String schema) throws SQLException {
        installIfAbsent(connection);
        return CatalogDefinitions.relations(connection, schema);
    }

    /** Every enum, domain, range and stand-alone composite type of a schema, by name. */
    public static List<TypeDefinition> types(Connection connection, String schema) throws SQLException {
        installIfAbsent(connection);
        return CatalogDefinitions.types(connection, schema);
    }

    /** Runs {@code schemawatch/install.sql} unless the database has it already. */
    public static void installIfAbsent(Connection connection) throws SQLException {
        if (CatalogDefinitions.installed(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(INSTALL_SCRIPT);
            if (!connection.getAutoCommit()) {
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
