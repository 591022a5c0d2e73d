package dev.schemawatch.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawatch.contracts.envelope.EventJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class SchemaChangeEventSchemaTest {

    private static final String TITLE = "SchemaChangeEvent (dev.schemawatch.schema.change.v1)";

    @Test
    void theCommittedSchemaIsWhatTheRecordsDescribe() throws IOException {
        JsonNode generated = ContractSchemas.generate(SchemaChangeEvent.class, ContractSchemas.SCHEMA_CHANGE_EVENT, TITLE);
        if (Boolean.getBoolean("schemawatch.writeSchemas")) {
            Files.writeString(Path.of("src/main/resources", ContractSchemas.SCHEMA_CHANGE_EVENT),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        assertThat(ContractSchemas.committed(ContractSchemas.SCHEMA_CHANGE_EVENT))
                .as("the records changed: a published field change is a new version (see docs/events.md);"
                        + " regenerate with -Dschemawatch.writeSchemas=true only for additive changes")
                .isEqualTo(generated);
    }

    @Test
    void aFullyPopulatedEventValidates() {
        assertThat(ContractSchemas.validate(ContractSchemas.SCHEMA_CHANGE_EVENT, EventJson.write(sample()))).isEmpty();
    }

    @Test
    void anEventWithoutItsIdOrChangesIsRejected() {
        String json = new String(EventJson.write(sample())).replaceFirst("\"eventId\":\"[^\"]+\",", "");
        assertThat(ContractSchemas.validate(ContractSchemas.SCHEMA_CHANGE_EVENT, json.getBytes())).isNotEmpty();
        String wrongType = new String(EventJson.write(sample())).replace("\"COLUMN_RENAMED\"", "\"COLUMN_EXPLODED\"");
        assertThat(ContractSchemas.validate(ContractSchemas.SCHEMA_CHANGE_EVENT, wrongType.getBytes())).isNotEmpty();
    }

    public static SchemaChangeEvent sample() {
        ColumnDefinition id = new ColumnDefinition(1, "id", "bigint", true, null, "ALWAYS", null, null, null);
        ColumnDefinition email = new ColumnDefinition(2, "e-mail \"primary\"", "text", false, "''::text", null, null, "C", "contact");
        ConstraintDefinition fk = new ConstraintDefinition(16400, "orders_customer_fk", ConstraintDefinition.ConstraintType.FOREIGN_KEY,
                "FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE", List.of("customer_id"), true, false, false,
                "public", "customers", List.of("id"), "NO_ACTION", "CASCADE", "SIMPLE");
        IndexDefinition pk = new IndexDefinition(16390, "orders_pkey", "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)",
                List.of("id"), true, true, true);
        PolicyDefinition policy = new PolicyDefinition(16410, "own_rows", "SELECT", true, List.of("public"), "(owner = CURRENT_USER)", null);
        TriggerDefinition trigger = new TriggerDefinition(16420, "audit", "CREATE TRIGGER audit ...", true);
        RelationDefinition before = new RelationDefinition(16384, "public", "orders", RelationKind.TABLE, "app", null, false, false, false,
                1000, 81920, null, null, null, List.of(), null, null, List.of("app=arwdDxt/app"), List.of(id),
                List.of(fk), List.of(pk), List.of(policy), List.of(trigger), List.of("public.order_view"));
        RelationDefinition after = new RelationDefinition(16384, "public", "orders", RelationKind.TABLE, "app", "orders", false, true, false,
                1000, 81920, null, null, null, List.of(), null, null, List.of(), List.of(id, email),
                List.of(fk), List.of(pk), List.of(policy), List.of(trigger), List.of());
        SequenceDefinition sequence = new SequenceDefinition("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, "public.orders.id");
        RelationDefinition seq = new RelationDefinition(16380, "public", "orders_id_seq", RelationKind.SEQUENCE, "app", null, false, false,
                false, -1, 8192, null, null, null, List.of(), null, sequence, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
        TypeDefinition mood = new TypeDefinition(16500, "public", "mood", TypeDefinition.TypeKind.ENUM, "app", null,
                List.of("sad", "ok", "happy"), null, List.of(), List.of());
        AtomicChange renamed = new AtomicChange(ChangeType.COLUMN_RENAMED, "public", "orders", "e-mail \"primary\"", "email",
                List.of(), Map.of("name", "email"), Map.of("name", "e-mail \"primary\""), "column \"email\" renamed to \"e-mail \\\"primary\\\"\"");
        AtomicChange modified = new AtomicChange(ChangeType.COLUMN_MODIFIED, "public", "orders", "e-mail \"primary\"", null,
                List.of(ChangeAspect.TYPE, ChangeAspect.COLLATION), Map.of("type", "varchar(40)"), Map.of("type", "text"), "type changed");
        return new SchemaChangeEvent("6f1c0d7e-0000-3000-8000-000000000001", "shop", "public", "orders", "table", "ALTER TABLE",
                "ALTER TABLE orders RENAME COLUMN email TO \"e-mail \"\"primary\"\"\"", SchemaChangeEvent.Origin.EVENT_TRIGGER,
                List.of(renamed, modified), List.of(before), List.of(after, seq), List.of(mood),
                new SchemaChangeEvent.Actor("app", "psql", "127.0.0.1/32"),
                new SchemaChangeEvent.TransactionInfo(7421, 23_456_789L, Instant.parse("2026-11-22T10:00:00.123456Z"), 1, 42),
                Instant.parse("2026-11-22T10:00:00.120001Z"), false, 0);
    }
}
