package dev.schemawatch.generator.suites;

import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.sql.CatalogDefinitions;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.generation.SuiteGenerator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full suite for the current schema of a table (with the tables its foreign keys lead to, so
 * that parent rows can be created) or of a whole schema, read from the live catalog with the
 * monitor's own definition functions, then published and stored like any other suite.
 */
public class OnDemandSuites {

    /** Enough for any real chain of parents; a bound so that a pathological schema cannot run away. */
    private static final int MAX_TABLES = 500;

    private final Map<String, DataSource> databases;
    private final SuiteGenerator generator;
    private final SuitePublisher publisher;
    private final SuiteStore store;

    public OnDemandSuites(Map<String, ? extends DataSource> databases, SuiteGenerator generator, SuitePublisher publisher, SuiteStore store) {
        this.databases = Map.copyOf(databases);
        this.generator = generator;
        this.publisher = publisher;
        this.store = store;
    }

    /**
     * @param table null for every table of the schema
     * @throws UnknownSourceException when the database is not configured or the table does not exist
     * @throws SQLException           when the database cannot be read
     */
    public TestSuite generate(String database, String schema, String table, long seed) throws SQLException {
        DataSource dataSource = databases.get(database);
        if (dataSource == null) {
            throw new UnknownSourceException("database '" + database + "' is not configured (schemawatch.generator.databases)");
        }
        List<RelationDefinition> tables;
        List<TypeDefinition> types;
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            tables = table == null ? CatalogDefinitions.relations(connection, schema) : withParents(connection, schema, table);
            types = CatalogDefinitions.types(connection, schema);
        } catch (IllegalArgumentException noSuchRelation) {
            throw new UnknownSourceException(noSuchRelation.getMessage() + " in database '" + database + "'");
        }
        if (tables.isEmpty()) {
            throw new UnknownSourceException("schema '" + schema + "' of database '" + database + "' has no tables");
        }
        TestSuite suite = generator.forTables(database, tables, types, seed);
        if (!store.alreadyPublished(suite.suiteId())) {
            publisher.publishRequested(suite);
            store.published(suite, suite.suiteId());
        }
        return suite;
    }

    private static List<RelationDefinition> withParents(Connection connection, String schema, String table) throws SQLException {
        Map<String, RelationDefinition> found = new LinkedHashMap<>();
        Deque<String[]> pending = new ArrayDeque<>();
        pending.add(new String[] {schema, table});
        while (!pending.isEmpty() && found.size() < MAX_TABLES) {
            String[] next = pending.poll();
            String key = next[0] + "." + next[1];
            if (found.containsKey(key)) {
                continue;
            }
            RelationDefinition relation = CatalogDefinitions.relation(connection, next[0], next[1]);
            found.put(key, relation);
            for (ConstraintDefinition constraint : relation.constraints()) {
                if (constraint.type() == ConstraintDefinition.ConstraintType.FOREIGN_KEY && constraint.referencedTable() != null) {
                    pending.add(new String[] {constraint.referencedSchema(), constraint.referencedTable()});
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The request names a database, schema or table that is not there. */
    public static class UnknownSourceException extends RuntimeException {

        public UnknownSourceException(String message) {
            super(message);
        }
    }
}
