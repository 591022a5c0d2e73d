package dev.schemawatch.contracts.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class TestRunResultSchemaTest {

    private static final String TITLE = "TestRunResult (dev.schemawatch.test.result.v1)";

    @Test
    void theCommittedSchemaIsWhatTheRecordsDescribe() throws IOException {
        JsonNode generated = ContractSchemas.generate(TestRunResult.class, ContractSchemas.TEST_RESULT, TITLE);
        if (Boolean.getBoolean("schemawatch.writeSchemas")) {
            Files.writeString(Path.of("src/main/resources", ContractSchemas.TEST_RESULT),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        assertThat(ContractSchemas.committed(ContractSchemas.TEST_RESULT))
                .as("the records changed: a published field change is a new version (see docs/events.md);"
                        + " regenerate with -Dschemawatch.writeSchemas=true only for additive changes")
                .isEqualTo(generated);
    }

    @Test
    void aResultValidatesAndAnUnknownStatusDoesNot() {
        String json = new String(EventJson.write(sample()));
        assertThat(ContractSchemas.validate(ContractSchemas.TEST_RESULT, json.getBytes())).isEmpty();
        assertThat(ContractSchemas.validate(ContractSchemas.TEST_RESULT, json.replace("\"COMPLETED\"", "\"MAYBE\"").getBytes())).isNotEmpty();
    }

    public static TestRunResult sample() {
        CaseResult failed = new CaseResult("case-1", "orders.email rejects NULL", CaseCategory.NOT_NULL_ENFORCEMENT, "public.orders",
                CaseOutcome.Status.FAILED, false, 1, 0, null, "email must reject NULL (expected SQLSTATE 23502, but the statement succeeded)", 812);
        CaseResult flaky = new CaseResult("case-2", "orders round trip", CaseCategory.CRUD_ROUND_TRIP, "public.orders",
                CaseOutcome.Status.PASSED, true, 2, -1, null, null, 1_204);
        return new TestRunResult("run-1", "suite-1", "change-1", "shop", List.of("public.orders"), TestRunResult.RunStatus.COMPLETED, null,
                "MONITORED", new TestRunResult.Totals(1, 1, 0, 0, 1), List.of(failed, flaky),
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:00:00.120Z"));
    }
}
