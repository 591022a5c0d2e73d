package dev.schemawatch.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresClusterTest {

    private final PostgresCluster postgres = PostgresCluster.get();

    @Test
    void isTheSameServerForEveryCaller() {
        assertThat(PostgresCluster.get()).isSameAs(postgres);
    }

    @Test
    void runsWithTheSettingsTheServicesNeed() throws SQLException {
        String database = postgres.createDatabase("settings");
        assertThat(show(database, "wal_level")).isEqualTo("logical");
        assertThat(show(database, "max_replication_slots")).isEqualTo("32");
        assertThat(show(database, "shared_preload_libraries")).isEqualTo("pg_stat_statements");
        assertThat(show(database, "pg_stat_statements.track")).isEqualTo("all");
        assertThat(show(database, "max_connections")).isEqualTo("200");
    }

    @Test
    void pgStatStatementsRecordsQueries() throws SQLException {
        String database = postgres.createDatabase("statements");
        postgres.execute(database, "CREATE EXTENSION pg_stat_statements");
        postgres.execute(database, "CREATE TABLE probe (id int)");
        postgres.execute(database, "SELECT count(*) FROM probe WHERE id = 42");
        assertThat(single(database, "SELECT count(*) FROM pg_stat_statements WHERE query LIKE 'SELECT count(*) FROM probe%'"))
                .isEqualTo("1");
    }

    @Test
    void aLogicalReplicationSlotWithPgoutputCanBeCreatedAndDropped() throws SQLException {
        String database = postgres.createDatabase("slots");
        String slot = database + "_slot";
        postgres.execute(database, "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        assertThat(single(database, "SELECT plugin FROM pg_replication_slots WHERE slot_name = '" + slot + "'")).isEqualTo("pgoutput");
        postgres.execute(database, "SELECT pg_drop_replication_slot('" + slot + "')");
        assertThat(single(database, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")).isEqualTo("0");
    }

    @Test
    void createDatabaseGivesEachCallerItsOwnDatabase() throws SQLException {
        String first = postgres.createDatabase("isolated");
        String second = postgres.createDatabase("isolated");
        assertThat(first).isNotEqualTo(second).startsWith("isolated_");

        postgres.execute(first, "CREATE TABLE only_here (id int)");
        postgres.execute(first, "INSERT INTO only_here VALUES (1)");

        assertThat(single(first, "SELECT current_database()")).isEqualTo(first);
        assertThat(single(second, "SELECT current_database()")).isEqualTo(second);
        assertThat(single(first, "SELECT count(*) FROM only_here")).isEqualTo("1");
        assertThat(single(second, "SELECT to_regclass('only_here') IS NULL")).isEqualTo("t");
    }

    @Test
    void jdbcUrlPointsAtTheReportedHostAndPort() {
        assertThat(postgres.jdbcUrl("x")).startsWith("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/x");
    }

    private String show(String database, String setting) throws SQLException {
        return single(database, "SHOW " + setting);
    }

    private String single(String database, String sql) throws SQLException {
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            assertThat(resultSet.next()).as("a row from %s", sql).isTrue();
            return resultSet.getString(1);
        }
    }
}
