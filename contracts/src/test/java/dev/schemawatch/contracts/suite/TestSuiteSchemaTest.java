package dev.schemawatch.contracts.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.ContractSchemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class TestSuiteSchemaTest {

    private static final String TITLE = "TestSuite (dev.schemawatch.test.suite.v1)";

    @Test
    void theCommittedSchemaIsWhatTheRecordsDescribe() throws IOException {
        JsonNode generated = ContractSchemas.generate(TestSuite.class, ContractSchemas.TEST_SUITE, TITLE);
        if (Boolean.getBoolean("schemawatch.writeSchemas")) {
            Files.writeString(Path.of("src/main/resources", ContractSchemas.TEST_SUITE),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        assertThat(ContractSchemas.committed(ContractSchemas.TEST_SUITE))
                .as("the records changed: a published field change is a new version (see docs/events.md);"
                        + " regenerate with -Dschemawatch.writeSchemas=true only for additive changes")
                .isEqualTo(generated);
    }

    @Test
    void aSuiteValidatesAndAnUnknownOutcomeDoesNot() {
        String json = new String(EventJson.write(sample()));
        assertThat(ContractSchemas.validate(ContractSchemas.TEST_SUITE, json.getBytes())).isEmpty();
        assertThat(ContractSchemas.validate(ContractSchemas.TEST_SUITE,
                json.replace("\"FAILS\"", "\"EXPLODES\"").getBytes())).isNotEmpty();
    }

    public static TestSuite sample() {
        TestCase notNull = new TestCase("case-1", CaseCategory.NOT_NULL_ENFORCEMENT, "orders.email rejects NULL", "public.orders",
                List.of(new SqlStep("INSERT INTO \"public\".\"orders\" (\"id\", \"email\") VALUES (1, NULL)",
                        Expectation.fails("23502", "email must reject NULL"))), null);
        TestCase roundTrip = new TestCase("case-2", CaseCategory.CRUD_ROUND_TRIP, "orders round trip", "public.orders",
                List.of(new SqlStep("INSERT INTO \"public\".\"orders\" (\"id\", \"email\") VALUES (2, 'a@example.com')", Expectation.succeeds()),
                        new SqlStep("SELECT \"email\" FROM \"public\".\"orders\" WHERE \"id\" = 2", Expectation.result("a@example.com", "the row reads back")),
                        new SqlStep("DELETE FROM \"public\".\"orders\" WHERE \"id\" = 2", Expectation.rowCount(1, "the row deletes"))), null);
        TestCase skipped = new TestCase("case-3", CaseCategory.QUERY_REPLAY, "recorded queries", "public.orders", List.of(),
                "pg_stat_statements is not installed");
        return new TestSuite("suite-1", "report-1", "change-1", "shop", List.of("public.orders"), 42,
                List.of(notNull, roundTrip, skipped),
                Map.of(CaseCategory.NOT_NULL_ENFORCEMENT, 1, CaseCategory.CRUD_ROUND_TRIP, 1, CaseCategory.QUERY_REPLAY, 1),
                List.of("no specific template for TRIGGER_ADDED: contract cases only"), Instant.parse("2026-11-29T10:00:00Z"));
    }
}
