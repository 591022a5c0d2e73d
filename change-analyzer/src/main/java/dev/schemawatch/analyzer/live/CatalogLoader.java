package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.live.DependencyIndex.Dependency;
import dev.schemawatch.analyzer.live.ForeignKeyGraph.ForeignKey;
import dev.schemawatch.analyzer.live.ForeignKeyGraph.Table;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the foreign-key graph and the dependency index from the catalog, one query each. Both leave
 * out PostgreSQL's own schemas and schemawatch's, as the capture does.
 */
final class CatalogLoader {

    private static final Logger log = LoggerFactory.getLogger(CatalogLoader.class);

    /**
     * Catalog queries read only the catalog, so they get more time than a data check: on a
     * database with many functions the text match below is the slow part.
     */
    private static final Duration CATALOG_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private static final String USER_SCHEMA = """
            %1$s.nspname NOT IN ('pg_catalog', 'information_schema', 'schemawatch')
              AND %1$s.nspname NOT LIKE 'pg\\_toast%%' AND %1$s.nspname NOT LIKE 'pg\\_temp\\_%%'""";

    /**
     * Every table, with a row per outgoing foreign key (or one row without a key), so that tables
     * nothing references yet are known by name when a later event adds a key to them. A key that
     * references a partitioned table gets an internal clone per partition on the same table,
     * under the same name; the user's key is the clone's parent, as the capture reports it.
     */
    private static final String FOREIGN_KEYS = """
            SELECT %s c.oid::bigint AS table_oid, n.nspname AS schema_name, c.relname AS table_name,
                   k.conname AS constraint_name, k.confrelid::bigint AS parent_oid
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_constraint k
                   ON k.conrelid = c.oid AND k.contype = 'f'
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pk
                                  WHERE pk.oid = k.conparentid AND pk.conrelid = k.conrelid)
            WHERE c.relkind IN ('r', 'p', 'f') AND c.relpersistence <> 't'
              AND %s
            ORDER BY c.oid, k.conname
            """.formatted(LiveTransactions.MARKER, USER_SCHEMA.formatted("n"));

    /**
     * Views and materialized views through their rewrite rules; functions with SQL-standard
     * bodies through the dependencies PostgreSQL records for them; and SQL and PL/pgSQL functions
     * whose body is plain text by a match of the relation's name as a whole word (case-insensitive,
     * so a quoted mixed-case name matches too; any schema, so the match may over-report). The two
     * parameters escape the name for the regular expression.
     */
    private static final String DEPENDENCIES = """
            WITH %1$s relations AS MATERIALIZED (
                SELECT c.oid, lower(c.relname) AS lower_name,
                       '(^|[^[:alnum:]_$])' || regexp_replace(c.relname, ?, ?, 'g') || '($|[^[:alnum:]_$])' AS word
                FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND c.relpersistence <> 't' AND %2$s
            ), text_bodies AS MATERIALIZED (
                SELECT p.oid, n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS name,
                       p.prosrc AS body, lower(p.prosrc) AS lower_body
                FROM pg_catalog.pg_proc p
                JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                JOIN pg_catalog.pg_language l ON l.oid = p.prolang
                WHERE l.lanname IN ('sql', 'plpgsql') AND p.prosrc <> '' AND %2$s
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                                  WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
            )
            SELECT d.refobjid::bigint AS relation_oid, v.oid::bigint AS dependent_oid,
                   CASE v.relkind WHEN 'm' THEN 'MATERIALIZED_VIEW' ELSE 'VIEW' END AS kind,
                   n.nspname || '.' || v.relname AS name
            FROM pg_catalog.pg_depend d
            JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
            JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
            JOIN pg_catalog.pg_namespace n ON n.oid = v.relnamespace
            WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
              AND d.deptype = 'n' AND r.ev_class <> d.refobjid AND v.relkind IN ('v', 'm') AND %2$s
            UNION
            SELECT d.refobjid::bigint, p.oid::bigint, 'FUNCTION',
                   n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
            FROM pg_catalog.pg_depend d
            JOIN pg_catalog.pg_proc p ON p.oid = d.objid
            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
              AND d.deptype = 'n' AND %2$s
            UNION
            SELECT r.oid::bigint, b.oid::bigint, 'FUNCTION', b.name
            FROM text_bodies b
            JOIN relations r ON strpos(b.lower_body, r.lower_name) > 0 AND b.body ~* r.word
            ORDER BY 1, 4
            """.formatted(LiveTransactions.MARKER, USER_SCHEMA.formatted("n"));

    /** Puts a backslash before every character that is not a letter or digit: each is then literal in the expression. */
    private static final String REGEX_SPECIAL = "([^[:alnum:]])";
    private static final String REGEX_ESCAPED = "\\\\\\1";

    private final String database;
    private final LiveTransactions transactions;
    private final Duration lockTimeout;

    CatalogLoader(String database, LiveTransactions transactions, Duration lockTimeout) {
        this.database = database;
        this.transactions = transactions;
        this.lockTimeout = lockTimeout;
    }

    ForeignKeyGraph foreignKeyGraph() {
        String purpose = "loading the foreign-key graph";
        long started = System.nanoTime();
        try {
            ForeignKeyGraph graph = transactions.readOnly(purpose, CATALOG_STATEMENT_TIMEOUT, lockTimeout, connection -> {
                List<Table> tables = new ArrayList<>();
                List<ForeignKey> foreignKeys = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS);
                     ResultSet rows = statement.executeQuery()) {
                    long previousOid = 0;
                    while (rows.next()) {
                        long oid = rows.getLong("table_oid");
                        if (oid != previousOid) {
                            tables.add(new Table(oid, rows.getString("schema_name"), rows.getString("table_name")));
                            previousOid = oid;
                        }
                        String constraint = rows.getString("constraint_name");
                        if (constraint != null) {
                            foreignKeys.add(new ForeignKey(oid, rows.getLong("parent_oid"), constraint));
                        }
                    }
                }
                return ForeignKeyGraph.of(tables, foreignKeys);
            });
            log.info("{}: foreign-key graph loaded, {} tables and {} foreign keys in {} ms", database,
                    graph.tableCount(), graph.foreignKeyCount(), (System.nanoTime() - started) / 1_000_000);
            return graph;
        }
        catch (SQLException e) {
            throw transactions.unanswered(purpose, e);
        }
    }

    DependencyIndex dependencyIndex() {
        String purpose = "loading the dependency index";
        long started = System.nanoTime();
        try {
            List<Dependency> dependencies = transactions.readOnly(purpose, CATALOG_STATEMENT_TIMEOUT, lockTimeout, connection -> {
                List<Dependency> rowsRead = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(DEPENDENCIES)) {
                    statement.setString(1, REGEX_SPECIAL);
                    statement.setString(2, REGEX_ESCAPED);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            rowsRead.add(new Dependency(rows.getLong("relation_oid"), rows.getLong("dependent_oid"),
                                    rows.getString("kind"), rows.getString("name")));
                        }
                    }
                }
                return rowsRead;
            });
            log.info("{}: dependency index loaded, {} dependencies in {} ms", database, dependencies.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return DependencyIndex.of(dependencies);
        }
        catch (SQLException e) {
            throw transactions.unanswered(purpose, e);
        }
    }
}
