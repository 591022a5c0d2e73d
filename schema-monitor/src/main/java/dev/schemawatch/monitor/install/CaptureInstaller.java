package dev.schemawatch.monitor.install;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks that a database can be monitored and installs (or upgrades) the capture objects from
 * {@code schemawatch/install.sql}, the same script a DBA can run by hand. Every refusal names the fix.
 */
public class CaptureInstaller {

    public static final int VERSION = 1;
    static final String SCRIPT = "schemawatch/install.sql";

    private static final Logger log = LoggerFactory.getLogger(CaptureInstaller.class);

    private final boolean installObjects;

    public CaptureInstaller(boolean installObjects) {
        this.installObjects = installObjects;
    }

    /** @return the identity of the installation, which keeps event ids unique across reinstalls */
    public Installation prepare(Connection connection, String database) throws SQLException {
        requireLogicalDecoding(connection, database);
        requireReplicationPrivilege(connection, database);
        int installed = installedVersion(connection);
        if (installed < VERSION) {
            if (!installObjects) {
                throw new CaptureSetupException(database + ": the capture objects are at version " + installed + ", version "
                        + VERSION + " is required. Fix: run schemawatch/install.sql (contracts/src/main/resources) as a superuser"
                        + " (see docs/installation.md), or set schemawatch.monitor.install-objects=true.");
            }
            if (!isSuperuser(connection)) {
                throw new CaptureSetupException(database + ": installing the capture objects (event triggers) needs a"
                        + " superuser, and " + currentUser(connection) + " is not one. Fix: run schema-monitor's"
                        + " schemawatch/install.sql as a superuser (see docs/installation.md), or connect as one.");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(script());
            }
            log.info("{}: installed capture objects version {} (was {})", database, VERSION, installed);
        }
        return installation(connection);
    }

    private static void requireLogicalDecoding(Connection connection, String database) throws SQLException {
        String walLevel = single(connection, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            throw new CaptureSetupException(database + ": wal_level is '" + walLevel + "' but must be 'logical' for"
                    + " logical decoding. Fix: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.");
        }
    }

    private static void requireReplicationPrivilege(Connection connection, String database) throws SQLException {
        String canReplicate = single(connection,
                "SELECT (rolreplication OR rolsuper)::text FROM pg_roles WHERE rolname = current_user");
        if (!"true".equals(canReplicate)) {
            throw new CaptureSetupException(database + ": role " + currentUser(connection) + " may not open a"
                    + " replication connection. Fix: ALTER ROLE " + currentUser(connection) + " REPLICATION;");
        }
    }

    private static int installedVersion(Connection connection) throws SQLException {
        if (single(connection, "SELECT to_regclass('schemawatch.installation')::text") == null) {
            return 0;
        }
        String version = single(connection, "SELECT max(version)::text FROM schemawatch.installation");
        return version == null ? 0 : Integer.parseInt(version);
    }

    private static Installation installation(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text,
                            (SELECT extract(epoch FROM min(installed_at))::text FROM schemawatch.installation)""")) {
            rs.next();
            return new Installation(systemIdentifier(connection), rs.getString(1), rs.getString(2));
        }
    }

    private static String systemIdentifier(Connection connection) {
        try {
            return single(connection, "SELECT system_identifier::text FROM pg_control_system()");
        } catch (SQLException notPermitted) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // autocommit connection: nothing to roll back
            }
            return "unknown-cluster";
        }
    }

    private static boolean isSuperuser(Connection connection) throws SQLException {
        return "on".equals(single(connection, "SHOW is_superuser"));
    }

    private static String currentUser(Connection connection) throws SQLException {
        return single(connection, "SELECT current_user");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String script() {
        try {
            return new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the monitor jar lacks " + SCRIPT, e);
        }
    }

    /**
     * Identifies one installation of the capture objects in one database of one cluster: ddl_log ids
     * restart at 1 after a reinstall, so ids are only unique together with this.
     */
    public record Installation(String systemIdentifier, String databaseOid, String installedAt) {
    }
}
