package dev.schemawatch.generator;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.ImpactSchemasTest;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.CaseRunner;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.LiveDefinitions;
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
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator running for real: impact reports in through the in-process KRaft broker, suites out,
 * stored in the MongoDB-wire server and served by the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratorServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private static final String DATABASE = PostgresCluster.get().createDatabase("generator");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        KafkaBroker.get().createTopics(Topics.IMPACT_REPORTS, Topics.TEST_SUITES);
        SchemawatchInfrastructure.kafkaAndMongo(registry, "generator-it");
        registry.add("schemawatch.generator.databases[0].name", () -> "shop");
        registry.add("schemawatch.generator.databases[0].url", () -> PostgresCluster.get().jdbcUrl(DATABASE));
        registry.add("schemawatch.generator.databases[0].username", () -> PostgresCluster.get().superuser());
        registry.add("schemawatch.generator.databases[0].password", () -> PostgresCluster.get().password());
    }

    @Test
    void onRequestASuiteIsGeneratedForATableAndTheParentsItsKeysNeedAndItPasses() throws SQLException {
        PostgresCluster.get().execute(DATABASE, """
                CREATE TABLE demand_customers (id bigint PRIMARY KEY, email varchar(120) NOT NULL UNIQUE);
                CREATE TABLE demand_orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES demand_customers,
                                            total numeric(10,2) CHECK (total >= 0))
                """);
        try (Connection connection = PostgresCluster.get().connect(DATABASE)) {
            LiveDefinitions.installIfAbsent(connection);
        }

        ResponseEntity<String> created = api().post().uri("/api/v1/suites").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("database", "shop", "schema", "public", "table", "demand_orders")).retrieve().toEntity(String.class);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        TestSuite suite = EventJson.read(created.getBody().getBytes(StandardCharsets.UTF_8), TestSuite.class);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/suites/" + suite.suiteId());
        assertThat(suite.tables()).containsExactlyInAnyOrder("public.demand_orders", "public.demand_customers");
        try (Connection connection = PostgresCluster.get().connect(DATABASE)) {
            connection.setAutoCommit(false);
            for (TestCase testCase : suite.cases()) {
                assertThat(CaseRunner.run(connection, testCase).status()).as(testCase.name())
                        .isIn(CaseOutcome.Status.PASSED, CaseOutcome.Status.SKIPPED);
                connection.rollback();
            }
        }
        assertThat(KafkaBroker.get().awaitRecords(Topics.TEST_SUITES, 1,
                record -> suite.suiteId().equals(EventEnvelope.fromRecord(record).getId()), Duration.ofSeconds(30))).hasSize(1);
        assertThat(get("/api/v1/suites/" + suite.suiteId()).path("cases")).hasSize(suite.cases().size());

        assertThat(postStatus(Map.of("database", "shop", "schema", "public", "table", "no_such_table"))).isEqualTo(404);
        assertThat(postStatus(Map.of("database", "elsewhere", "schema", "public"))).isEqualTo(404);
        assertThat(postStatus(Map.of("database", "shop"))).isEqualTo(400);
    }

    @Test
    void aReportBecomesOneSuiteThatSubscribersCanReadAndExport() {
        ImpactReport report = report("generator-change-1");

        publish(report);
        publish(report);
        ConsumerRecord<String, byte[]> published = suiteFor(report);

        CloudEvent envelope = EventEnvelope.fromRecord(published);
        TestSuite suite = EventJson.read(published.value(), TestSuite.class);
        assertThat(envelope.getType()).isEqualTo(TestSuite.TYPE);
        assertThat(envelope.getId()).isEqualTo(suite.suiteId()).isEqualTo(EventEnvelope.derivedId(report.reportId(), TestSuite.TYPE));
        assertThat(EventEnvelope.correlationId(envelope)).isEqualTo("generator-change-1");
        assertThat(EventEnvelope.ddlCommitTime(envelope)).isNotNull();
        assertThat(published.key()).isEqualTo(suite.key());
        assertThat(ContractSchemas.validate(ContractSchemas.TEST_SUITE, published.value())).isEmpty();
        assertThat(suite.cases()).isNotEmpty();
        assertThat(KafkaBroker.get().readAll(Topics.TEST_SUITES, Duration.ofSeconds(3)))
                .as("a redelivered report yields no second suite")
                .filteredOn(record -> suite.suiteId().equals(EventEnvelope.fromRecord(record).getId())).hasSize(1);

        JsonNode list = get("/api/v1/suites?correlationId=generator-change-1");
        assertThat(list.path("content")).singleElement()
                .satisfies(summary -> assertThat(summary.path("cases").asInt()).isEqualTo(suite.cases().size()));
        assertThat(get("/api/v1/suites/" + suite.suiteId()).path("cases")).hasSize(suite.cases().size());

        ResponseEntity<String> pgTap = api().get().uri("/api/v1/suites/" + suite.suiteId() + "/export?format=pgtap")
                .retrieve().toEntity(String.class);
        assertThat(pgTap.getBody()).contains("plan(").contains("finish()");
        assertThat(pgTap.getHeaders().getContentDisposition().getFilename()).endsWith(".sql");
        ResponseEntity<String> junit = api().get().uri("/api/v1/suites/" + suite.suiteId() + "/export?format=junit")
                .retrieve().toEntity(String.class);
        assertThat(junit.getBody()).contains("@Test").contains("class ");
        assertThat(status("/api/v1/suites/" + suite.suiteId() + "/export?format=excel")).isEqualTo(400);
        assertThat(status("/api/v1/suites/no-such-suite")).isEqualTo(404);

        assertThat(api().get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("schemawatch_generator_suites_total{")
                .contains("schemawatch_generator_cases_total{")
                .contains("schemawatch_generator_generation_seconds_bucket");
    }

    @Test
    void aMalformedReportIsDeadLetteredWithTheReason() {
        String key = "shop.public.generator_malformed";
        KafkaBroker.get().send(new ProducerRecord<>(Topics.IMPACT_REPORTS, key, "{}".getBytes(StandardCharsets.UTF_8)));

        List<ConsumerRecord<String, byte[]>> deadLetters = KafkaBroker.get().awaitRecords(
                "error." + Topics.IMPACT_REPORTS + ".test-generator", 1, record -> key.equals(record.key()), Duration.ofSeconds(30));
        assertThat(new String(deadLetters.get(0).headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .contains("CloudEvents");
    }

    /** The contracts' sample report, answering a change of the given id as the analyzer would. */
    private static ImpactReport report(String changeId) {
        ImpactReport sample = ImpactSchemasTest.sampleReport();
        SchemaChangeEvent change = sample.change();
        SchemaChangeEvent renamedChange = new SchemaChangeEvent(changeId, change.database(), change.schema(),
                change.objectName(), change.objectType(), change.commandTag(), change.ddl(), change.origin(), change.changes(),
                change.before(), change.after(), change.types(), change.actor(), change.transaction(), change.occurredAt(),
                change.definitionsTruncated(), change.omittedChanges());
        return new ImpactReport(EventEnvelope.derivedId(changeId, ImpactReport.TYPE), renamedChange, sample.severity(), sample.backwardCompatible(), sample.findings(),
                sample.blastRadius(), sample.lockRisk(), sample.rollback(), sample.requiresApproval(), sample.approvalReasons(),
                sample.partial(), sample.skippedChecks(), sample.flags(), sample.analyzedAt());
    }

    private static void publish(ImpactReport report) {
        CloudEvent cause = EventEnvelope.originating(report.change().eventId(), URI.create("/test"), "dev.schemawatch.schema.change.v1",
                report.key(), Instant.now(), Instant.now(), new byte[0]);
        CloudEvent event = EventEnvelope.following(cause, URI.create("/schemawatch/change-analyzer"), ImpactReport.TYPE, report.key(),
                Instant.now(), EventJson.write(report));
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.IMPACT_REPORTS, report.key(), event));
    }

    private static ConsumerRecord<String, byte[]> suiteFor(ImpactReport report) {
        return KafkaBroker.get().awaitRecords(Topics.TEST_SUITES, 1,
                record -> report.change().eventId().equals(EventEnvelope.correlationId(EventEnvelope.fromRecord(record))),
                Duration.ofSeconds(30)).get(0);
    }

    private RestClient api() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    private JsonNode get(String path) {
        return JSON.readTree(api().get().uri(path).retrieve().body(String.class));
    }

    private int postStatus(Map<String, String> body) {
        try {
            api().post().uri("/api/v1/suites").contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
            return 201;
        } catch (HttpClientErrorException e) {
            return e.getStatusCode().value();
        }
    }

    private int status(String path) {
        try {
            api().get().uri(path).retrieve().toBodilessEntity();
            return 200;
        } catch (HttpClientErrorException e) {
            return e.getStatusCode().value();
        }
    }
}
