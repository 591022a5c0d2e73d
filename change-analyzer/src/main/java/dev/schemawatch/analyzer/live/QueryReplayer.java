package dev.schemawatch.analyzer.live;

import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.impact.QueryReplay.BrokenQuery;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.sql.SqlQuoting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Re-validates the application's recorded queries against the schema as it is now: the most
 * frequently called statements {@code pg_stat_statements} holds for this database that mention a
 * relation the change touched are each prepared with {@code PREPARE} (parse analysis only, never
 * executed) and deallocated again. A query that no longer prepares is broken by the change.
 *
 * <p>Only top-level statements are replayed: statements run inside functions refer to the
 * functions' variables, which do not exist outside them (and the functions themselves are reported
 * as dependants).
 */
final class QueryReplayer {

    private static final Logger log = LoggerFactory.getLogger(QueryReplayer.class);

    static final int MAX_QUERY_TEXT = 2_000;

    /**
     * Outcomes that say nothing about the query: another transaction held a conflicting lock
     * (55P03) or the statement ran out of time (57014), or a parameter's type cannot be inferred
     * from a normalized query text (42P18, e.g. {@code SELECT $1}; 42725, e.g.
     * {@code generate_series($1, $2)} where the constants were literals) — it failed the same way
     * before the change.
     */
    private static final Set<String> INCONCLUSIVE_STATES = Set.of("55P03", "57014", "42P18", "42725");

    /** Statements the application runs that PREPARE accepts; everything else is utility. */
    private static final Set<String> PREPARABLE_KEYWORDS = Set.of("select", "insert", "update", "delete", "with",
            "merge", "values", "table");

    private static final Pattern SCHEMAWATCH_OBJECT = Pattern.compile("(^|[^\\w$])\"?schemawatch\"?\\s*\\.",
            Pattern.CASE_INSENSITIVE);

    private static final String EXTENSION_SCHEMA = "SELECT " + LiveTransactions.MARKER + """
             n.nspname
            FROM pg_catalog.pg_extension e
            JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'pg_stat_statements'
            """;

    /** Whether this role sees the query text of other roles' statements; superusers hold every role. */
    private static final String READS_ALL_STATISTICS = "SELECT " + LiveTransactions.MARKER
            + " pg_catalog.pg_has_role('pg_read_all_stats', 'USAGE')";

    /**
     * The parameter is a case-insensitive regular expression of the affected names as whole
     * words; more rows than the limit are read because keyword filtering happens here, in Java.
     */
    private static final String RECORDED_QUERIES = """
            SELECT %s s.queryid::text AS query_id, min(s.query) AS query, sum(s.calls)::bigint AS calls
            FROM %s s
            WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
              AND s.toplevel
              AND s.query ~* ?
            GROUP BY s.queryid
            ORDER BY sum(s.calls) DESC, s.queryid
            """;

    private final String database;
    private final LiveTransactions transactions;
    private final LiveDatabaseSettings settings;

    QueryReplayer(String database, LiveTransactions transactions, LiveDatabaseSettings settings) {
        this.database = database;
        this.transactions = transactions;
        this.settings = settings;
    }

    /**
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    QueryReplay replay(SchemaChangeEvent event) {
        Set<String> names = affectedRelationNames(event);
        if (names.isEmpty() || settings.replayLimit() == 0) {
            return new QueryReplay(true, null, 0, List.of());
        }
        try {
            return transactions.readOnly("replaying recorded queries", settings.statementTimeout(),
                    settings.lockTimeout(), connection -> replay(connection, names));
        }
        catch (SQLException e) {
            log.warn("{}: query replay failed", database, e);
            return QueryReplay.unavailable("query replay failed in database " + database + ": " + describe(e));
        }
    }

    private QueryReplay replay(Connection connection, Set<String> names) throws SQLException {
        Optional<String> extensionSchema = extensionSchema(connection);
        if (extensionSchema.isEmpty()) {
            return QueryReplay.unavailable("pg_stat_statements is not installed in database " + database);
        }
        if (!readsAllStatistics(connection)) {
            return QueryReplay.unavailable("the analyzer's role may not read other roles' statements in"
                    + " pg_stat_statements of database " + database + "; grant it pg_read_all_stats");
        }
        List<RecordedQuery> queries;
        try {
            queries = recordedQueries(connection, extensionSchema.get(), names);
        }
        catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("shared_preload_libraries")) {
                return QueryReplay.unavailable("pg_stat_statements is installed in database " + database
                        + " but not loaded: add it to shared_preload_libraries and restart PostgreSQL");
            }
            throw e;
        }
        return prepareEach(connection, queries);
    }

    private QueryReplay prepareEach(Connection connection, List<RecordedQuery> queries) throws SQLException {
        int checked = 0;
        int inconclusive = 0;
        List<BrokenQuery> broken = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            // The query text is the application's, not JDBC's: no driver escape processing.
            statement.setEscapeProcessing(false);
            int number = 0;
            for (RecordedQuery query : queries) {
                String name = "sw_replay_" + ++number;
                statement.execute("SAVEPOINT sw_replay");
                try {
                    statement.execute("PREPARE " + name + " AS " + query.text());
                    // Prepared statements belong to the session, not the transaction: a pooled
                    // connection must not keep them.
                    statement.execute("DEALLOCATE " + name);
                    checked++;
                }
                catch (SQLException e) {
                    if (LiveTransactions.isConnectionFailure(e)) {
                        throw e;
                    }
                    if (INCONCLUSIVE_STATES.contains(e.getSQLState())) {
                        inconclusive++;
                        log.info("{}: recorded query {} could not be checked: {}", database, query.id(), describe(e));
                    }
                    else {
                        checked++;
                        broken.add(new BrokenQuery(query.id(), truncate(query.text()), query.calls(), e.getSQLState(),
                                LiveTransactions.serverMessage(e)));
                    }
                }
                // Also after success: releases at once the locks parse analysis took. ROLLBACK TO
                // keeps the savepoint, RELEASE then drops it, so savepoints do not pile up.
                statement.execute("ROLLBACK TO SAVEPOINT sw_replay");
                statement.execute("RELEASE SAVEPOINT sw_replay");
            }
        }
        if (inconclusive > 0) {
            log.info("{}: {} of {} recorded queries could not be checked (lock or statement timeout, or untyped parameters)",
                    database, inconclusive, queries.size());
        }
        return new QueryReplay(true, null, checked, broken);
    }

    private Optional<String> extensionSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EXTENSION_SCHEMA);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }

    private boolean readsAllStatistics(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READS_ALL_STATISTICS);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private List<RecordedQuery> recordedQueries(Connection connection, String extensionSchema, Set<String> names)
            throws SQLException {
        String sql = RECORDED_QUERIES.formatted(LiveTransactions.MARKER,
                SqlQuoting.qualified(extensionSchema, "pg_stat_statements"));
        List<RecordedQuery> queries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, wholeWordsPattern(names));
            statement.setFetchSize(100);
            try (ResultSet rows = statement.executeQuery()) {
                while (queries.size() < settings.replayLimit() && rows.next()) {
                    String text = rows.getString("query");
                    if (isApplicationQuery(text)) {
                        queries.add(new RecordedQuery(rows.getString("query_id"), text, rows.getLong("calls")));
                    }
                }
            }
        }
        return queries;
    }

    /**
     * Relation names the change touched, before and after: the event's relations, the relations
     * its changes belong to (for a column change, the table), and the old names of renamed ones.
     */
    static Set<String> affectedRelationNames(SchemaChangeEvent event) {
        Set<String> names = new TreeSet<>();
        if (event.objectName() != null) {
            names.add(event.objectName());
        }
        for (RelationDefinition relation : event.before()) {
            names.add(relation.name());
        }
        for (RelationDefinition relation : event.after()) {
            names.add(relation.name());
        }
        for (AtomicChange change : event.changes()) {
            if (change.relation() != null) {
                names.add(change.relation());
            }
            if (isRelationRename(change.type()) && change.previousName() != null) {
                names.add(unqualified(change.previousName(), change.schema()));
            }
        }
        return names;
    }

    private static boolean isRelationRename(ChangeType type) {
        return type == ChangeType.TABLE_RENAMED || type == ChangeType.VIEW_RENAMED;
    }

    /**
     * A relation rename's previous name is {@code schema.name}, and the schema may itself have
     * changed; the name is what follows the first dot (schema names with a dot are rare enough).
     */
    private static String unqualified(String previousName, String schema) {
        if (previousName.startsWith(schema + ".")) {
            return previousName.substring(schema.length() + 1);
        }
        int dot = previousName.indexOf('.');
        return dot < 0 ? previousName : previousName.substring(dot + 1);
    }

    /** {@code (^|[^[:alnum:]_$])(name1|name2)($|[^[:alnum:]_$])}, every other character escaped. */
    static String wholeWordsPattern(Set<String> names) {
        return names.stream()
                .map(QueryReplayer::escapeForRegex)
                .collect(Collectors.joining("|", "(^|[^[:alnum:]_$])(", ")($|[^[:alnum:]_$])"));
    }

    /** In PostgreSQL's regular expressions a backslash before a non-alphanumeric character makes it literal. */
    private static String escapeForRegex(String name) {
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        name.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }

    /**
     * A statement PREPARE accepts, not touching schemawatch's objects and not one of ours. The
     * first keyword decides, after leading blanks, comments and parentheses.
     */
    static boolean isApplicationQuery(String text) {
        if (text == null || text.contains(LiveTransactions.MARKER) || SCHEMAWATCH_OBJECT.matcher(text).find()) {
            return false;
        }
        return firstKeyword(text).map(PREPARABLE_KEYWORDS::contains).orElse(false);
    }

    private static Optional<String> firstKeyword(String text) {
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            }
            else if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            }
            else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            }
            else {
                break;
            }
        }
        int start = i;
        while (i < length && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return start == i ? Optional.empty() : Optional.of(text.substring(start, i).toLowerCase(Locale.ROOT));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_QUERY_TEXT ? text : text.substring(0, MAX_QUERY_TEXT);
    }

    private static String describe(SQLException e) {
        return LiveTransactions.serverMessage(e) + " (SQLSTATE " + e.getSQLState() + ")";
    }

    private record RecordedQuery(String id, String text, long calls) {
    }
}
