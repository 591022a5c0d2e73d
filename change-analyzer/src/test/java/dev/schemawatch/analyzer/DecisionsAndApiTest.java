package dev.schemawatch.analyzer;

import dev.schemawatch.analyzer.rules.RuleCatalogue;
import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactDecision;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;

import static dev.schemawatch.analyzer.fixtures.Events.columnAdded;
import static dev.schemawatch.analyzer.fixtures.Events.columnRenamed;
import static dev.schemawatch.analyzer.fixtures.Events.event;
import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.fixtures.Tables.from;
import static dev.schemawatch.analyzer.fixtures.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Approval decisions, the read APIs over reports and rules, metrics and the OpenAPI document. */
class DecisionsAndApiTest extends AnalyzerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aChangeToAProtectedTableWaitsForADecisionThatIsPublishedWithWhoDecided() {
        ImpactReport report = reportFor(addColumn("payments", "ledger", "decision-approve")).report();
        assertThat(report.requiresApproval()).isTrue();
        assertThat(report.approvalReasons()).anySatisfy(reason -> assertThat(reason).contains("shop.payments.*"));

        JsonNode decision = post("/api/v1/impacts/" + report.reportId() + "/approve",
                Map.of("decidedBy", "alice@example.com", "comment", "agreed with the ledger team"));

        assertThat(decision.path("decision").asText()).isEqualTo("APPROVED");
        ConsumerRecord<String, byte[]> published = KafkaBroker.get().awaitRecords(Topics.IMPACT_DECISIONS, 1,
                record -> report.reportId().equals(EventJson.read(record.value(), ImpactDecision.class).reportId()),
                Duration.ofSeconds(30)).get(0);
        ImpactDecision event = EventJson.read(published.value(), ImpactDecision.class);
        assertThat(event.decidedBy()).isEqualTo("alice@example.com");
        assertThat(event.changeEventId()).isEqualTo("decision-approve");
        assertThat(published.key()).isEqualTo("shop.payments.ledger");
        assertThat(EventEnvelope.correlationId(EventEnvelope.fromRecord(published))).isEqualTo("decision-approve");
        assertThat(ContractSchemas.validate(ContractSchemas.IMPACT_DECISION, published.value())).isEmpty();
        assertThat(get("/api/v1/impacts/" + report.reportId()).path("decision").path("decidedBy").asText())
                .isEqualTo("alice@example.com");

        assertThatThrownBy(() -> post("/api/v1/impacts/" + report.reportId() + "/reject", Map.of("decidedBy", "mallory")))
                .isInstanceOfSatisfying(HttpClientErrorException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(409));
                    assertThat(e.getResponseBodyAsString()).contains("APPROVED by alice@example.com");
                });
    }

    @Test
    void decisionsAreRefusedWhereTheyMakeNoSense() {
        ImpactReport harmless = reportFor(addColumn("public", "decision_harmless", "decision-harmless")).report();
        assertThat(harmless.requiresApproval()).isFalse();

        assertThat(status(() -> post("/api/v1/impacts/" + harmless.reportId() + "/approve", Map.of("decidedBy", "bob"))))
                .isEqualTo(409);
        assertThat(status(() -> post("/api/v1/impacts/no-such-report/approve", Map.of("decidedBy", "bob")))).isEqualTo(404);
        assertThat(status(() -> post("/api/v1/impacts/" + harmless.reportId() + "/approve", Map.of("comment", "who am I?"))))
                .isEqualTo(400);
    }

    @Test
    void impactsAreFilteredByDatabaseTableSeverityRuleAndCorrelation() {
        SchemaChangeEvent renamed = renameColumn("api_orders", "api-rename");
        SchemaChangeEvent added = addColumn("public", "api_orders", "api-add");
        ImpactReport breaking = reportFor(renamed).report();
        reportFor(added);

        JsonNode byTable = get("/api/v1/impacts?database=shop&table=public.api_orders&size=1");
        assertThat(byTable.path("totalElements").asInt()).isEqualTo(2);
        assertThat(byTable.path("totalPages").asInt()).isEqualTo(2);
        assertThat(byTable.path("content")).hasSize(1);

        JsonNode bySeverity = get("/api/v1/impacts?table=api_orders&severity=BREAKING");
        assertThat(bySeverity.path("content")).singleElement()
                .satisfies(found -> assertThat(found.path("report").path("reportId").asText()).isEqualTo(breaking.reportId()));
        assertThat(get("/api/v1/impacts?table=api_orders&rule=SW202").path("totalElements").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/impacts?correlationId=api-add").path("content")).singleElement()
                .satisfies(found -> assertThat(found.path("correlationId").asText()).isEqualTo("api-add"));
        assertThat(status(() -> get("/api/v1/impacts?severity=CATASTROPHIC"))).isEqualTo(400);
        assertThat(status(() -> get("/api/v1/impacts/unknown-report"))).isEqualTo(404);
    }

    @Test
    void theRuleCatalogueIsServedWithTheSeveritiesInForce() {
        JsonNode rules = get("/api/v1/rules");

        assertThat(rules).hasSize(RuleCatalogue.all().size());
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.path("code").asText()).isEqualTo("SW502");
            assertThat(rule.path("defaultSeverity").asText()).as("overridden in configuration").isEqualTo("MEDIUM");
            assertThat(rule.path("rationale").asText()).isNotBlank();
            assertThat(rule.path("fix").asText()).isNotBlank();
        });
    }

    @Test
    void metricsHealthAndTheOpenApiDocumentAreServed() {
        reportFor(renameColumn("metrics_orders", "metrics-rename"));

        String prometheus = api().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(prometheus)
                .contains("schemawatch_analyzer_impacts_total{")
                .contains("severity=\"BREAKING\"")
                .contains("schemawatch_analyzer_findings_total{")
                .contains("rule=\"SW202\"")
                .contains("schemawatch_analyzer_analysis_seconds_bucket")
                .contains("schemawatch_analyzer_ddl_to_report_seconds_bucket");
        byte[] healthBody = api().get().uri("/actuator/health").exchange((request, response) -> {
            assertThat(response.getStatusCode().value()).as("DOWN while a monitored database is unreachable").isEqualTo(503);
            return response.getBody().readAllBytes();
        });
        JsonNode health = JSON.readTree(healthBody);
        assertThat(health.path("components").path("liveDatabases").path("details").path(DATABASE_NAME).asText()).isEqualTo("reachable");
        assertThat(health.path("components").path("liveDatabases").path("details").path(UNREACHABLE_DATABASE_NAME).asText())
                .startsWith("unreachable");
        assertThat(api().get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/v1/openapi").path("paths").propertyNames())
                .contains("/api/v1/impacts", "/api/v1/impacts/{reportId}", "/api/v1/rules", "/api/v1/impacts/{reportId}/approve");
    }

    private static SchemaChangeEvent addColumn(String schema, String tableName, String id) {
        RelationDefinition before = table(schema, tableName).column(column(1, "id", "integer")).build();
        RelationDefinition after = from(before).column(column(2, "note", "text")).build();
        SchemaChangeEvent change = event("ALTER TABLE", "ALTER TABLE " + tableName + " ADD COLUMN note text").id(id)
                .database(DATABASE_NAME).change(columnAdded(after, "note")).before(before).after(after).build();
        publish(change);
        return change;
    }

    private static SchemaChangeEvent renameColumn(String tableName, String id) {
        RelationDefinition before = table("public", tableName).column(column(1, "id", "integer")).column(column(2, "email", "text")).build();
        RelationDefinition after = from(before).renameColumn("email", "contact").build();
        SchemaChangeEvent change = event("ALTER TABLE", "ALTER TABLE " + tableName + " RENAME COLUMN email TO contact").id(id)
                .database(DATABASE_NAME).change(columnRenamed(before, after, "email", "contact")).before(before).after(after).build();
        publish(change);
        return change;
    }

    private JsonNode get(String path) {
        return JSON.readTree(api().get().uri(path).retrieve().body(String.class));
    }

    private JsonNode post(String path, Map<String, String> body) {
        return JSON.readTree(api().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(String.class));
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HttpClientErrorException e) {
            return e.getStatusCode().value();
        }
    }
}
