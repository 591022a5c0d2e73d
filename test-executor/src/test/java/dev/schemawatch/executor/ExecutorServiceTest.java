package dev.schemawatch.executor;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.PostgresCluster;
import dev.schemawatch.testsupport.SchemawatchInfrastructure;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The executor running for real: suites in through the KRaft broker, cases on PostgreSQL, results out, runs in MongoDB. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecutorServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATABASE = PostgresCluster.get().createDatabase("executor");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        KafkaBroker.get().createTopics(Topics.TEST_SUITES, Topics.TEST_RESULTS);
        SchemawatchInfrastructure.kafkaAndMongo(registry, "executor-it");
        registry.add("schemawatch.executor.databases[0].name", () -> "shop");
        registry.add("schemawatch.executor.databases[0].url", () -> PostgresCluster.get().jdbcUrl(DATABASE));
        registry.add("schemawatch.executor.databases[0].username", () -> PostgresCluster.get().superuser());
        registry.add("schemawatch.executor.databases[0].password", () -> PostgresCluster.get().password());
    }

    @Test
    void aSuiteRunsOnceItsResultIsPublishedAndItsReportsAreServed() {
        PostgresCluster.get().execute(DATABASE, "CREATE TABLE IF NOT EXISTS run_orders (id int PRIMARY KEY, email text NOT NULL)");
        TestSuite suite = suite("executor-change-1");

        publish(suite);
        publish(suite);
        ConsumerRecord<String, byte[]> published = KafkaBroker.get().awaitRecords(Topics.TEST_RESULTS, 1,
                record -> "executor-change-1".equals(EventEnvelope.correlationId(EventEnvelope.fromRecord(record))), Duration.ofSeconds(30)).get(0);

        TestRunResult result = EventJson.read(published.value(), TestRunResult.class);
        CloudEvent envelope = EventEnvelope.fromRecord(published);
        assertThat(envelope.getType()).isEqualTo(TestRunResult.TYPE);
        assertThat(envelope.getId()).isEqualTo(result.runId()).isEqualTo(EventEnvelope.derivedId(suite.suiteId(), TestRunResult.TYPE));
        assertThat(EventEnvelope.ddlCommitTime(envelope)).isNotNull();
        assertThat(ContractSchemas.validate(ContractSchemas.TEST_RESULT, published.value())).isEmpty();
        assertThat(result.status()).isEqualTo(TestRunResult.RunStatus.COMPLETED);
        assertThat(result.totals()).isEqualTo(new TestRunResult.Totals(1, 1, 1, 0, 0));
        assertThat(result.cases().get(0).status().name()).as("failures first").isEqualTo("FAILED");
        assertThat(KafkaBroker.get().readAll(Topics.TEST_RESULTS, Duration.ofSeconds(3)))
                .as("a redelivered suite is not run twice")
                .filteredOn(record -> result.runId().equals(EventEnvelope.fromRecord(record).getId())).hasSize(1);

        assertThat(get("/api/v1/runs?correlationId=executor-change-1").path("content")).hasSize(1);
        String junit = api().get().uri("/api/v1/runs/" + result.runId() + "/junit.xml").retrieve().body(String.class);
        assertThat(junit).contains("<testsuite").contains("failures=\"1\"").contains("errors=\"1\"");
        String html = api().get().uri("/api/v1/runs/" + result.runId() + "/report.html").retrieve().body(String.class);
        assertThat(html).contains("run_orders").contains("&lt;script&gt;").doesNotContain("<script>");

        JsonNode validation = JSON.readTree(api().post().uri("/api/v1/suites/" + suite.suiteId() + ":validate").retrieve().body(String.class));
        assertThat(validation.path("cases")).anySatisfy(testCase -> assertThat(testCase.path("sqlState").asText()).isEqualTo("42601"));

        ResponseEntity<String> rerun = api().post().uri("/api/v1/runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("suiteId", suite.suiteId())).retrieve().toEntity(String.class);
        assertThat(rerun.getStatusCode().value()).isEqualTo(201);
        TestRunResult again = EventJson.read(rerun.getBody().getBytes(StandardCharsets.UTF_8), TestRunResult.class);
        assertThat(again.runId()).isNotEqualTo(result.runId());
        assertThat(again.totals()).isEqualTo(result.totals());

        assertThat(api().get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("schemawatch_executor_cases_total{").contains("status=\"FAILED\"")
                .contains("schemawatch_executor_run_duration_seconds_bucket")
                .contains("schemawatch_executor_rollbacks_total");
    }

    @Test
    void aSuiteForADatabaseNotConfiguredIsRejectedWithAResultThatSaysWhy() {
        TestSuite suite = suite("executor-change-elsewhere");
        TestSuite elsewhere = new TestSuite(suite.suiteId(), null, suite.changeEventId(), "unknown_db", suite.tables(), suite.seed(),
                suite.cases(), suite.casesByCategory(), suite.notes(), suite.generatedAt());

        publish(elsewhere);

        TestRunResult result = EventJson.read(KafkaBroker.get().awaitRecords(Topics.TEST_RESULTS, 1,
                record -> "executor-change-elsewhere".equals(EventEnvelope.correlationId(EventEnvelope.fromRecord(record))),
                Duration.ofSeconds(30)).get(0).value(), TestRunResult.class);
        assertThat(result.status()).isEqualTo(TestRunResult.RunStatus.REJECTED);
        assertThat(result.statusReason()).contains("unknown_db").contains("not configured");
    }

    /** Three cases: one passes, one fails its expectation, one is malformed SQL; answering the report of change {@code changeId}. */
    private static TestSuite suite(String changeId) {
        String suiteId = EventEnvelope.derivedId(report(changeId).getId(), TestSuite.TYPE);
        TestCase passes = new TestCase(suiteId + "-1", CaseCategory.CRUD_ROUND_TRIP, "run_orders round trip", "public.run_orders", List.of(
                new SqlStep("INSERT INTO public.run_orders VALUES (1, 'a@example.com')", Expectation.succeeds()),
                new SqlStep("SELECT email FROM public.run_orders WHERE id = 1", Expectation.result("a@example.com", "the row reads back"))), null);
        TestCase fails = new TestCase(suiteId + "-2", CaseCategory.NOT_NULL_ENFORCEMENT, "<script>alert(1)</script> rejects NULL",
                "public.run_orders", List.of(new SqlStep("INSERT INTO public.run_orders VALUES (2, 'b@example.com')",
                Expectation.fails("23502", "email must reject NULL"))), null);
        TestCase malformed = new TestCase(suiteId + "-3", CaseCategory.SCHEMA_CONTRACT, "malformed", "public.run_orders",
                List.of(new SqlStep("SELEC 1", Expectation.succeeds())), null);
        return new TestSuite(suiteId, null, changeId, "shop", List.of("public.run_orders"), 1, List.of(passes, fails, malformed),
                Map.of(CaseCategory.CRUD_ROUND_TRIP, 1, CaseCategory.NOT_NULL_ENFORCEMENT, 1, CaseCategory.SCHEMA_CONTRACT, 1), List.of(),
                Instant.now());
    }

    /** The impact report's envelope as change-analyzer publishes it for the change. */
    private static CloudEvent report(String changeId) {
        CloudEvent change = EventEnvelope.originating(changeId, URI.create("/test"), "dev.schemawatch.schema.change.v1", "shop.public.run_orders",
                Instant.now(), Instant.now(), new byte[0]);
        return EventEnvelope.following(change, URI.create("/test"), "dev.schemawatch.impact.report.v1", "shop.public.run_orders",
                Instant.now(), new byte[0]);
    }

    /** Publishes the suite as test-generator does: an event following the report. */
    private static void publish(TestSuite suite) {
        CloudEvent event = EventEnvelope.following(report(suite.changeEventId()), URI.create("/schemawatch/test-generator"), TestSuite.TYPE,
                suite.key(), Instant.now(), EventJson.write(suite));
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.TEST_SUITES, suite.key(), event));
    }

    private RestClient api() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    private JsonNode get(String path) {
        return JSON.readTree(api().get().uri(path).retrieve().body(String.class));
    }
}
