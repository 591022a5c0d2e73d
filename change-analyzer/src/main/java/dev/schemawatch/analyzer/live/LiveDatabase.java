package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.rules.TableSize;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

/**
 * The analyzer's read-only view of one monitored database. The foreign-key graph and the
 * dependency index are held in memory and kept in step with the schema-change events, so judging
 * one change costs no catalog query; only data checks and query replay touch the database, each
 * read-only and bounded in time.
 */
public interface LiveDatabase {

    /** The monitored database's configured name, as schema-change events carry it. */
    String name();

    /**
     * What the change reaches: tables through foreign keys in both directions (transitively),
     * dependent views, materialized views and functions, and, when {@code replayQueries}, the
     * recorded application queries that no longer prepare. Judged on the graph as it was before
     * this event, so a dropped table still shows what depended on it.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    BlastRadius blastRadius(SchemaChangeEvent event, boolean replayQueries);

    /**
     * The table's current size; a bounded count when PostgreSQL has no estimate yet.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    TableSize size(String schema, String table);

    /**
     * Whether the current rows satisfy {@code constraint} on {@code schema.table}: constraints
     * PostgreSQL validated when they were added are SATISFIED; NOT VALID ones are checked with a
     * read-only query under a statement timeout (UNKNOWN when it runs out).
     *
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    DataCheck dataCheck(String schema, String table, ConstraintDefinition constraint);

    /** Moves the in-memory graph and dependency index past this event. */
    void apply(SchemaChangeEvent event);
}
