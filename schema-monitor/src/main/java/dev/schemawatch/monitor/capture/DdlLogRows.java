package dev.schemawatch.monitor.capture;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Reads Debezium's change records for {@code schemawatch.ddl_log} back into {@link CapturedDdl}s.
 * Heartbeat writes and Debezium's own heartbeat records are not DDL and read as empty.
 */
public final class DdlLogRows {

    static final String DDL_LOG_TABLE = "ddl_log";

    private DdlLogRows() {
    }

    public static Optional<CapturedDdl> read(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("after") == null) {
            return Optional.empty();
        }
        Struct source = envelope.getStruct("source");
        if (source == null || !DDL_LOG_TABLE.equals(source.getString("table"))) {
            return Optional.empty();
        }
        Struct row = envelope.getStruct("after");
        if (row == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CapturedDdl(
                    row.getInt64("id"),
                    row.getInt64("txid"),
                    row.getInt32("command_seq"),
                    row.getString("command_tag"),
                    row.getString("statement"),
                    jsonList(row, "commands", CapturedDdl.Command.class),
                    jsonList(row, "dropped", CapturedDdl.DroppedObject.class),
                    jsonList(row, "relations", RelationDefinition.class),
                    jsonList(row, "types", TypeDefinition.class),
                    row.getString("error"),
                    row.getString("session_user_name"),
                    row.getString("application_name"),
                    row.getString("client_address"),
                    OffsetDateTime.parse(row.getString("occurred_at")).toInstant(),
                    row.getInt32("schema_version")));
        } catch (RuntimeException e) {
            throw new UnreadableDdlLogRowException(describe(row), e);
        }
    }

    /** Position of the record in the write-ahead log, or null when the source does not say. */
    public static Long lsn(SourceRecord record) {
        Struct source = source(record);
        return source == null ? null : source.getInt64("lsn");
    }

    /** Commit time of the record's transaction, with microseconds where Debezium gives them. */
    public static Instant commitTime(SourceRecord record) {
        Struct source = source(record);
        if (source == null) {
            return null;
        }
        Field micros = source.schema().field("ts_us");
        if (micros != null && source.get(micros) != null) {
            long us = source.getInt64("ts_us");
            return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
        }
        Long millis = source.getInt64("ts_ms");
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Struct source(SourceRecord record) {
        return record.value() instanceof Struct envelope && envelope.schema().field("source") != null
                ? envelope.getStruct("source") : null;
    }

    private static <T> List<T> jsonList(Struct row, String column, Class<T> elementType) {
        String json = row.getString(column);
        if (json == null) {
            return List.of();
        }
        JavaType type = EventJson.mapper().getTypeFactory().constructCollectionType(List.class, elementType);
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("column " + column + " is not a JSON array of " + elementType.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(Struct row) {
        Field id = row.schema().field("id");
        return id == null ? "ddl_log row without id" : "ddl_log row " + row.get(id);
    }
}
