package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.rules.TableSize;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

/**
 * {@link LiveDatabase} over JDBC. The foreign-key graph and the dependency index are each read
 * with one catalog query on first use and then moved forward by {@link #apply}; an event they
 * cannot follow (definitions left out of an oversized event, a view created, DDL of unknown
 * kind) makes them load afresh on next use.
 *
 * <p>Every statement runs in a READ ONLY transaction that is rolled back, under the
 * {@link LiveDatabaseSettings} timeouts, and carries a marker comment so that query replay never
 * mistakes the analyzer's own statements for the application's.
 */
public final class PostgresLiveDatabase implements LiveDatabase {

    private static final Logger log = LoggerFactory.getLogger(PostgresLiveDatabase.class);

    static final String REPLAY_NOT_REQUESTED = "query replay was not requested for this change";
    /** How many tables that made the graph reload are remembered, so that each does so only once. */
    private static final int REMEMBERED_UNKNOWN_TABLES = 10_000;

    private final String name;
    private final Reloadable<ForeignKeyGraph> foreignKeys;
    private final Reloadable<DependencyIndex> dependencies;
    private final QueryReplayer replayer;
    private final TableSizes sizes;
    private final DataChecks dataChecks;
    /**
     * Tables that were unknown to the graph when a change to them arrived, and made it reload:
     * tables created without an event reaching the analyzer (before it started, or outside the
     * monitor's scope) are picked up that way, while a table that is gone for good costs one
     * catalog read, not one per change.
     */
    private final Set<Long> reloadedForUnknownTables = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED_UNKNOWN_TABLES;
        }
    });

    /**
     * @param name       the monitored database's configured name, as events carry it and messages show it
     * @param dataSource connections to that database; the role needs to read the catalog and the
     *                   tables it checks, and {@code pg_read_all_stats} for query replay
     */
    public PostgresLiveDatabase(String name, DataSource dataSource, LiveDatabaseSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        LiveTransactions transactions = new LiveTransactions(name, dataSource);
        CatalogLoader loader = new CatalogLoader(name, transactions, settings.lockTimeout());
        this.foreignKeys = new Reloadable<>(loader::foreignKeyGraph);
        this.dependencies = new Reloadable<>(loader::dependencyIndex);
        this.replayer = new QueryReplayer(name, transactions, settings);
        this.sizes = new TableSizes(name, transactions, settings);
        this.dataChecks = new DataChecks(name, transactions, settings, sizes);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Throws only when the graph or index has to be loaded and cannot be. Query replay that
     * cannot reach the database is reported as unavailable, with the reason, so the structural
     * answer still arrives; when not requested it is unavailable with
     * {@value #REPLAY_NOT_REQUESTED}.
     */
    @Override
    public BlastRadius blastRadius(SchemaChangeEvent event, boolean replayQueries) {
        ForeignKeyGraph graph = foreignKeys.get();
        if (firstChangeToATableUnknownTo(graph, event)) {
            refresh();
            graph = foreignKeys.get();
        }
        DependencyIndex index = dependencies.get();
        QueryReplay queries = replayQueries ? replay(event) : QueryReplay.unavailable(REPLAY_NOT_REQUESTED);
        return BlastRadiusCalculator.calculate(event, graph, index, queries);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link TableSize#EMPTY} when the table does not exist; a row estimate of -1 (unknown, as
     * in the event definitions) when it was never analysed and could not be counted in time.
     */
    @Override
    public TableSize size(String schema, String table) {
        return sizes.size(schema, table);
    }

    @Override
    public DataCheck dataCheck(String schema, String table, ConstraintDefinition constraint) {
        return dataChecks.check(schema, table, constraint);
    }

    @Override
    public void apply(SchemaChangeEvent event) {
        if (!foreignKeys.update(graph -> graph.apply(event))) {
            log.info("{}: event {} cannot be followed in memory; the foreign-key graph is reloaded on next use",
                    name, event.eventId());
        }
        if (!dependencies.update(index -> index.apply(event))) {
            log.info("{}: event {} cannot be followed in memory; the dependency index is reloaded on next use",
                    name, event.eventId());
        }
    }

    /**
     * Reads the foreign-key graph and the dependency index afresh, now: for a caller that knows
     * the catalog changed in ways no event described.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached; the next use then tries again
     */
    public void refresh() {
        foreignKeys.reload();
        dependencies.reload();
    }

    private boolean firstChangeToATableUnknownTo(ForeignKeyGraph graph, SchemaChangeEvent event) {
        boolean first = false;
        synchronized (reloadedForUnknownTables) {
            for (RelationDefinition relation : event.after()) {
                if (relation.kind().isTable() && !graph.contains(relation.oid())) {
                    first |= reloadedForUnknownTables.add(relation.oid());
                }
            }
        }
        return first;
    }

    private QueryReplay replay(SchemaChangeEvent event) {
        try {
            return replayer.replay(event);
        }
        catch (DatabaseUnavailableException e) {
            log.warn("{}: query replay skipped: {}", name, e.getMessage());
            return QueryReplay.unavailable(e.getMessage());
        }
    }
}
