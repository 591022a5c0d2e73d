package dev.schemawatch.contracts.schema;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.schemawatch.schema.change.v1} on {@code schemawatch.schema-changes}: one
 * DDL command, broken into atomic changes, with everything a consumer needs to act on it without
 * reading the monitor's database.
 *
 * @param eventId              equals the CloudEvents {@code ce_id}
 * @param database             the monitored database (its configured name)
 * @param schema               schema of the primary object
 * @param objectName           name of the primary object (table, view, type...); null for a schema
 * @param objectType           PostgreSQL's object type of the primary object, e.g. {@code table}
 * @param commandTag           e.g. {@code ALTER TABLE}; {@code RECONCILIATION} for drift
 * @param ddl                  the statement text as the client sent it ({@code current_query()})
 * @param origin               how the change was seen
 * @param changes              the atomic changes, never empty (unknown DDL yields one {@code OTHER})
 * @param before               definitions of the affected relations before the command
 * @param after                definitions of the affected relations after the command
 * @param types                definitions of the affected user-defined types after the command
 * @param actor                who ran it
 * @param transaction          where it sits in the database's commit order
 * @param occurredAt           when the statement ran (database clock)
 * @param definitionsTruncated true when {@code before}/{@code after} were left out to respect the
 *                             message size limit; the full definitions stay readable at the
 *                             monitor's {@code /api/v1/snapshots} API
 * @param omittedChanges       how many atomic changes were left off the end of {@code changes} because
 *                             even without definitions the event exceeded the size limit (0 normally);
 *                             the full list is at the monitor's {@code /api/v1/changes/{eventId}}
 */
public record SchemaChangeEvent(
        String eventId,
        String database,
        String schema,
        String objectName,
        String objectType,
        String commandTag,
        String ddl,
        Origin origin,
        List<AtomicChange> changes,
        List<RelationDefinition> before,
        List<RelationDefinition> after,
        List<TypeDefinition> types,
        Actor actor,
        TransactionInfo transaction,
        Instant occurredAt,
        boolean definitionsTruncated,
        int omittedChanges) {

    public SchemaChangeEvent {
        changes = changes == null ? List.of() : List.copyOf(changes);
        before = before == null ? List.of() : List.copyOf(before);
        after = after == null ? List.of() : List.copyOf(after);
        types = types == null ? List.of() : List.copyOf(types);
    }


    public static final String TYPE = "dev.schemawatch.schema.change.v1";

    /** {@code db.schema.table}, the Kafka key: all changes of one table stay in order. */
    public String key() {
        return objectName == null ? database + "." + schema : database + "." + schema + "." + objectName;
    }

    public enum Origin {
        /** Captured by the event triggers, in the DDL's own transaction. */
        EVENT_TRIGGER,
        /** Found by the periodic reconciliation: the catalog changed without the triggers seeing it. */
        RECONCILIATION
    }

    public record Actor(String sessionUser, String applicationName, String clientAddress) {
    }

    /**
     * @param txid       PostgreSQL transaction id
     * @param lsn        LSN of the change in the write-ahead log
     * @param commitTime commit time of the transaction
     * @param sequence   position of this command within its transaction (1-based)
     * @param logId      the {@code schemawatch.ddl_log} row id
     */
    public record TransactionInfo(long txid, Long lsn, Instant commitTime, int sequence, long logId) {
    }
}
