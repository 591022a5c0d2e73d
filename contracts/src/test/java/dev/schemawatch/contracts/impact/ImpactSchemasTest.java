package dev.schemawatch.contracts.impact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.contracts.schema.SchemaChangeEventSchemaTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class ImpactSchemasTest {

    @ParameterizedTest
    @CsvSource({
            "dev.schemawatch.contracts.impact.ImpactReport, schemas/impact-report.v1.json, ImpactReport (dev.schemawatch.impact.report.v1)",
            "dev.schemawatch.contracts.impact.ImpactDecision, schemas/impact-decision.v1.json, ImpactDecision (dev.schemawatch.impact.decision.v1)"})
    void theCommittedSchemaIsWhatTheRecordsDescribe(Class<?> payload, String resource, String title) throws IOException {
        JsonNode generated = ContractSchemas.generate(payload, resource, title);
        if (Boolean.getBoolean("schemawatch.writeSchemas")) {
            Files.writeString(Path.of("src/main/resources", resource),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        assertThat(ContractSchemas.committed(resource))
                .as("the records changed: a published field change is a new version (see docs/events.md);"
                        + " regenerate with -Dschemawatch.writeSchemas=true only for additive changes")
                .isEqualTo(generated);
    }

    @Test
    void aFullyPopulatedReportValidates() {
        assertThat(ContractSchemas.validate(ContractSchemas.IMPACT_REPORT, EventJson.write(sampleReport()))).isEmpty();
    }

    @Test
    void aReportWithoutSeverityOrWithAnUnknownOneIsRejected() {
        String json = new String(EventJson.write(sampleReport()));
        assertThat(ContractSchemas.validate(ContractSchemas.IMPACT_REPORT,
                json.replaceFirst("\"severity\":\"BREAKING\",", "").getBytes())).isNotEmpty();
        assertThat(ContractSchemas.validate(ContractSchemas.IMPACT_REPORT,
                json.replaceFirst("\"severity\":\"BREAKING\"", "\"severity\":\"CATASTROPHIC\"").getBytes())).isNotEmpty();
    }

    @Test
    void aDecisionValidates() {
        ImpactDecision decision = new ImpactDecision("d-1", "r-1", "c-1", "shop.public.orders", ImpactDecision.Decision.APPROVED,
                "alice@example.com", "migration window agreed", Instant.parse("2026-11-22T10:05:00Z"));
        assertThat(ContractSchemas.validate(ContractSchemas.IMPACT_DECISION, EventJson.write(decision))).isEmpty();
    }

    public static ImpactReport sampleReport() {
        Finding dropped = new Finding("SW103", "Column dropped", RuleCategory.DESTRUCTIVE, Severity.BREAKING, 0,
                "public.orders.email", "column public.orders.email dropped with ~1,000 rows", "deprecate first, drop later",
                null);
        Finding fkAdded = new Finding("SW301", "Constraint added to a table with rows", RuleCategory.DATA_DEPENDENT, Severity.LOW, 1,
                "public.orders.orders_customer_fk", "1,000 rows checked", "none needed",
                new DataCheck(DataCheck.Outcome.SATISFIED, 0L, 1000, "validated by PostgreSQL when the constraint was added"));
        QueryReplay replay = new QueryReplay(true, null, 12, List.of(
                new QueryReplay.BrokenQuery("-4213", "SELECT email FROM orders WHERE id = $1", 420, "42703", "column \"email\" does not exist")));
        BlastRadius radius = new BlastRadius(List.of("public.order_lines"), List.of("public.customers"),
                List.of("public.order_lines -> public.orders (order_lines_order_fk)"),
                List.of(new BlastRadius.Dependent("VIEW", "public.order_view")), replay, 0);
        return new ImpactReport("r-1", SchemaChangeEventSchemaTest.sample(), Severity.BREAKING, false, List.of(dropped, fkAdded), radius,
                new LockRisk("ACCESS EXCLUSIVE", false, 1000, 81920, "brief: metadata only"),
                List.of(new RollbackStep(0, "ALTER TABLE public.orders ADD COLUMN email text", false,
                        "values of column public.orders.email (~1,000 rows)", null)),
                true, List.of("severity BREAKING"), true, List.of("data checks: database unreachable"),
                List.of("unknown change type COLUMN_EXPLODED analysed as OTHER"), Instant.parse("2026-11-22T10:00:00.300Z"));
    }
}
