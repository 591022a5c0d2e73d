package dev.schemawatch.notifier;

import com.standardwebhooks.Webhook;
import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.NotificationOutcome;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.testsupport.FreePort;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.LoopbackEndpoint;
import dev.schemawatch.testsupport.LoopbackEndpoint.Answer;
import dev.schemawatch.testsupport.LoopbackEndpoint.Request;
import dev.schemawatch.testsupport.SchemawatchInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier running for real: reports and results in through the KRaft broker, deliveries to a
 * real HTTP server on loopback, state in the MongoDB-wire server, outcomes out on Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class NotifierServiceTest {

    static final LoopbackEndpoint ENDPOINT = LoopbackEndpoint.start();
    static final String SECRET = secret();
    static final String ROTATED_SECRET = secret();
    static final String API_SECRET = secret();
    static final String ADMIN_KEY = "admin-" + UUID.randomUUID();
    static final String SLACK_PATH = "/services/T0001/B0001/" + UUID.randomUUID().toString().replace("-", "");
    static final AtomicLong TXIDS = new AtomicLong(9_000);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        KafkaBroker.get().createTopics(Topics.IMPACT_REPORTS, Topics.TEST_RESULTS, Topics.NOTIFICATIONS);
        SchemawatchInfrastructure.kafkaAndMongo(registry, "notifier-it");
        registry.add("schemawatch.notifier.admin-api-key", () -> ADMIN_KEY);
        registry.add("schemawatch.notifier.grouping-window", () -> "400ms");
        registry.add("schemawatch.notifier.links.executor", () -> "http://executor.test");
        registry.add("schemawatch.notifier.delivery.initial-backoff", () -> "100ms");
        registry.add("schemawatch.notifier.delivery.max-backoff", () -> "1s");
        registry.add("schemawatch.notifier.delivery.max-attempts", () -> "10");
        registry.add("schemawatch.notifier.delivery.jitter", () -> "0.2");
        registry.add("schemawatch.notifier.delivery.slack-interval", () -> "500ms");
        registry.add("schemawatch.notifier.delivery.connect-timeout", () -> "500ms");
        registry.add("schemawatch.notifier.delivery.request-timeout", () -> "2s");
        registry.add("schemawatch.notifier.circuit-breaker.minimum-calls", () -> "3");
        registry.add("schemawatch.notifier.circuit-breaker.sliding-window-size", () -> "5");
        registry.add("schemawatch.notifier.circuit-breaker.wait-in-open-state", () -> "300ms");
        registry.add("schemawatch.notifier.channels[0].id", () -> "hooks");
        registry.add("schemawatch.notifier.channels[0].type", () -> "WEBHOOK");
        registry.add("schemawatch.notifier.channels[0].url", () -> ENDPOINT.url("/hooks").toString());
        registry.add("schemawatch.notifier.channels[0].secrets[0]", () -> SECRET);
        registry.add("schemawatch.notifier.channels[0].secrets[1]", () -> ROTATED_SECRET);
        registry.add("schemawatch.notifier.channels[0].tables[0]", () -> "shop.public.orders*");
        registry.add("schemawatch.notifier.channels[1].id", () -> "slack");
        registry.add("schemawatch.notifier.channels[1].type", () -> "SLACK");
        registry.add("schemawatch.notifier.channels[1].url", () -> ENDPOINT.url(SLACK_PATH).toString());
        registry.add("schemawatch.notifier.channels[1].min-severity", () -> "HIGH");
        registry.add("schemawatch.notifier.channels[1].tables[0]", () -> "shop.public.slack_*");
    }

    @Test
    void aBreakingImpactIsAnnouncedOnceSignedAndItsOutcomePublished() throws Exception {
        ImpactReport report = Inputs.impact(UUID.randomUUID().toString(), "orders_once", Severity.BREAKING, TXIDS.incrementAndGet());

        Inputs.publish(report);
        Inputs.publish(report);

        Request request = ENDPOINT.await("/hooks", 1, carrying(report), Duration.ofSeconds(20)).get(0);
        new Webhook(SECRET).verify(request.bodyText(), request.headers());
        new Webhook(ROTATED_SECRET).verify(request.bodyText(), request.headers());
        assertThat(request.header("content-type")).startsWith("application/cloudevents+json");
        JsonNode event = EventJson.mapper().readTree(request.body());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo(request.header("webhook-id"));
        assertThat(event.path("correlationid").asText()).isEqualTo(report.change().eventId());
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION, EventJson.write(event.path("data")))).isEmpty();
        JsonNode item = event.path("data").path("items").get(0);
        assertThat(item.path("kind").asText()).isEqualTo("IMPACT");
        assertThat(item.path("table").asText()).isEqualTo("public.orders_once");
        assertThat(item.path("impact").path("dependents").toString()).contains("public.order_view");
        assertThat(event.path("data").path("text").asText()).contains("ALTER TABLE orders_once DROP COLUMN email").contains("SW103");

        ConsumerRecord<String, byte[]> outcome = KafkaBroker.get().awaitRecords(Topics.NOTIFICATIONS, 1,
                record -> report.change().eventId().equals(EventEnvelope.correlationId(EventEnvelope.fromRecord(record))),
                Duration.ofSeconds(20)).get(0);
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION_OUTCOME, outcome.value())).isEmpty();
        NotificationOutcome published = EventJson.read(outcome.value(), NotificationOutcome.class);
        assertThat(published.outcome()).isEqualTo(NotificationOutcome.Outcome.DELIVERED);
        assertThat(published.outcomeId()).isEqualTo(EventEnvelope.fromRecord(outcome).getId());
        assertThat(outcome.key()).isEqualTo("hooks");
        assertThat(published.deliveryId()).isEqualTo(request.header("webhook-id"));
        assertThat(published.latencyMillis()).isNotNull();

        Thread.sleep(1_000);
        assertThat(ENDPOINT.requests("/hooks")).as("the redelivered report yields no second message").filteredOn(carrying(report)).hasSize(1);
        JsonNode listed = get("/api/v1/deliveries?correlationId=" + report.change().eventId());
        assertThat(listed.path("content")).hasSize(1);
        assertThat(listed.path("content").get(0).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(api().get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("\"UP\"");
        assertThat(api().get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("schemawatch_notifier_notifications_total{").contains("outcome=\"DELIVERED\"")
                .contains("schemawatch_notifier_circuit_state{")
                .contains("schemawatch_notifier_ddl_to_delivery_seconds_bucket");
    }

    @Test
    void slackGetsBlockKitWithinItsLimitsAndAboutOneMessagePerSecond() throws Exception {
        List<ImpactReport> reports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reports.add(Inputs.impact(UUID.randomUUID().toString(), "slack_" + i, Severity.HIGH, TXIDS.incrementAndGet()));
        }
        ImpactReport low = Inputs.impact(UUID.randomUUID().toString(), "slack_low", Severity.MEDIUM, TXIDS.incrementAndGet());
        reports.forEach(Inputs::publish);
        Inputs.publish(low);

        List<Request> received = ENDPOINT.await(SLACK_PATH, 3, request -> true, Duration.ofSeconds(20));
        for (int i = 1; i < received.size(); i++) {
            assertThat(Duration.between(received.get(i - 1).receivedAt(), received.get(i).receivedAt()))
                    .as("messages to one Slack webhook are paced").isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
        JsonNode message = EventJson.mapper().readTree(received.get(0).body());
        assertThat(message.path("text").asText()).isNotBlank();
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText()).contains("HIGH").contains("slack_");
        assertThat(blocks.get(1).path("fields").toString()).contains("Severity").contains("HIGH");
        String section = blocks.get(3).path("text").path("text").asText();
        assertThat(section).contains("shop.public.slack_").contains("```ALTER TABLE slack_").contains("Blast radius")
                .contains("<http://localhost:8082/api/v1/impacts/");
        Thread.sleep(1_000);
        assertThat(ENDPOINT.requests(SLACK_PATH)).as("MEDIUM is below the channel's minimum").hasSize(3);
    }

    @Test
    void aMigrationsManyStatementsAreGroupedIntoAFewMessages() throws Exception {
        long txid = TXIDS.incrementAndGet();
        List<ImpactReport> reports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reports.add(Inputs.impact(UUID.randomUUID().toString(), "orders_group_" + i, Severity.HIGH, txid));
        }
        reports.forEach(Inputs::publish);

        List<Request> messages = awaitItems("/hooks", "shop:" + txid, 40);
        assertThat(messages.size()).as("40 statements of one transaction").isBetween(1, 5);
        assertThat(messages).allSatisfy(request -> assertThat(request.answeredStatus()).isEqualTo(200));
    }

    @Test
    void testResultsNameTheChangeTheFailedCasesAndTheReportAndALowImpactWaitsForThem() throws Exception {
        ImpactReport report = Inputs.impact(UUID.randomUUID().toString(), "orders_tested", Severity.LOW, TXIDS.incrementAndGet());
        TestRunResult result = Inputs.result(report, 2);

        Inputs.publish(report);
        Thread.sleep(1_500);
        assertThat(ENDPOINT.requests("/hooks")).as("a LOW impact is not announced before its tests").noneMatch(carrying(report));
        Inputs.publish(result, report);

        Request request = ENDPOINT.await("/hooks", 1, request1 -> request1.bodyText().contains(result.runId()), Duration.ofSeconds(20)).get(0);
        JsonNode data = EventJson.mapper().readTree(request.body()).path("data");
        assertThat(data.path("kind").asText()).isEqualTo("TEST_RESULT");
        assertThat(data.path("severity").asText()).as("failing tests make it HIGH").isEqualTo("HIGH");
        JsonNode item = data.path("items").get(0);
        assertThat(item.path("change").path("commandTag").asText()).isEqualTo("ALTER TABLE");
        assertThat(item.path("tests").path("failed").asInt()).isEqualTo(2);
        assertThat(item.path("tests").path("failedCases").toString()).contains("case 0 of orders_tested").contains("email must reject NULL");
        assertThat(item.path("tests").path("reportUrl").asText()).isEqualTo("http://executor.test/api/v1/runs/" + result.runId() + "/report.html");
        assertThat(data.path("text").asText()).contains("Test report: http://executor.test/api/v1/runs/");
    }

    @Test
    void anEndpointDownForAWhileGetsTheMessageExactlyOnceAfterItRecovers() throws Exception {
        channel("flaky", "/flaky", "shop.public.flaky_*");
        ENDPOINT.answer("/flaky", Answer.status(503), Answer.status(503), Answer.status(503), Answer.status(502), Answer.status(500));
        ImpactReport report = Inputs.impact(UUID.randomUUID().toString(), "flaky_table", Severity.BREAKING, TXIDS.incrementAndGet());

        Inputs.publish(report);

        ENDPOINT.await("/flaky", 1, request -> request.answeredStatus() == 200, Duration.ofSeconds(30));
        Thread.sleep(1_000);
        List<Request> attempts = ENDPOINT.requests("/flaky");
        assertThat(attempts).filteredOn(request -> request.answeredStatus() == 200).hasSize(1);
        assertThat(attempts).extracting(request -> request.header("webhook-id")).as("every attempt is the same message").containsOnly(
                attempts.get(0).header("webhook-id"));
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(6);
        List<NotificationOutcome> outcomes = outcomes(attempts.get(0).header("webhook-id"), 2);
        assertThat(outcomes).extracting(NotificationOutcome::outcome).contains(NotificationOutcome.Outcome.RETRIED, NotificationOutcome.Outcome.DELIVERED);
    }

    @Test
    void aTooManyRequestsAnswerIsHonouredForAsLongAsItsRetryAfterSays() {
        channel("limited", "/limited", "shop.public.limited_*");
        ENDPOINT.answer("/limited", Answer.status(429).withHeader("Retry-After", "1"));
        ImpactReport report = Inputs.impact(UUID.randomUUID().toString(), "limited_table", Severity.HIGH, TXIDS.incrementAndGet());

        Inputs.publish(report);

        List<Request> attempts = ENDPOINT.await("/limited", 2, request -> true, Duration.ofSeconds(20));
        assertThat(attempts.get(1).answeredStatus()).isEqualTo(200);
        assertThat(Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void goneDisablesTheChannelAndWhatItMissesIsKeptAsSuppressed() throws Exception {
        channel("gone", "/gone", "shop.public.gone_*");
        ENDPOINT.answer("/gone", Answer.status(410));
        ImpactReport first = Inputs.impact(UUID.randomUUID().toString(), "gone_1", Severity.HIGH, TXIDS.incrementAndGet());
        ImpactReport second = Inputs.impact(UUID.randomUUID().toString(), "gone_2", Severity.HIGH, TXIDS.incrementAndGet());

        Inputs.publish(first);
        ENDPOINT.await("/gone", 1, request -> true, Duration.ofSeconds(20));
        awaitStatus(first, "FAILED");
        assertThat(admin().get().uri("/api/v1/channels/gone").retrieve().body(String.class)).contains("\"enabled\":false").contains("410");
        Inputs.publish(second);

        awaitStatus(second, "SUPPRESSED");
        assertThat(ENDPOINT.requests("/gone")).hasSize(1);
    }

    @Test
    void anUnreachableEndpointFailsAfterBoundedRetriesWithoutHoldingUpOthersAndIsReplayable() throws Exception {
        int closedPort = FreePort.find();
        channelAt("dead", "http://127.0.0.1:" + closedPort + "/dead", "shop.public.dead_*");
        channel("rejects", "/rejects", "shop.public.rejects_*");
        ENDPOINT.answer("/rejects", Answer.status(400).withBody("{\"error\":\"bad payload\"}"));
        ImpactReport toDead = Inputs.impact(UUID.randomUUID().toString(), "dead_table", Severity.HIGH, TXIDS.incrementAndGet());
        ImpactReport rejected = Inputs.impact(UUID.randomUUID().toString(), "rejects_table", Severity.HIGH, TXIDS.incrementAndGet());
        ImpactReport healthy = Inputs.impact(UUID.randomUUID().toString(), "orders_meanwhile", Severity.HIGH, TXIDS.incrementAndGet());

        Inputs.publish(toDead);
        Inputs.publish(rejected);
        Inputs.publish(healthy);

        ENDPOINT.await("/hooks", 1, carrying(healthy), Duration.ofSeconds(5));
        awaitStatus(rejected, "FAILED");
        assertThat(ENDPOINT.requests("/rejects")).as("a 400 is not retried").hasSize(1);
        JsonNode dead = awaitStatus(toDead, "FAILED");
        assertThat(dead.path("attempts").asInt()).isEqualTo(10);
        assertThat(dead.path("lastError").asText()).contains("gave up after 10 attempts");
        assertThat(get("/api/v1/deliveries?status=FAILED&channelId=dead").path("content")).hasSize(1);

        String deliveryId = dead.path("id").asText();
        assertThat(api().post().uri("/api/v1/deliveries/" + deliveryId + ":retry").<Integer>exchange((request, response) -> response.getStatusCode().value()))
                .as("replays need the admin key").isEqualTo(401);
        try (LoopbackEndpoint revived = LoopbackEndpoint.start(closedPort)) {
            admin().post().uri("/api/v1/deliveries/" + deliveryId + ":retry").retrieve().toBodilessEntity();
            Request replayed = revived.await("/dead", 1, request -> true, Duration.ofSeconds(20)).get(0);
            assertThat(replayed.header("webhook-id")).isEqualTo(deliveryId);
            new Webhook(API_SECRET).verify(replayed.bodyText(), replayed.headers());
            awaitStatus(toDead, "DELIVERED");
        }
    }

    @Test
    void aMalformedRecordIsDeadLetteredWithTheReason() {
        KafkaBroker.get().createTopics("error." + Topics.IMPACT_REPORTS + ".notifier");
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.IMPACT_REPORTS, "shop.public.x",
                "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_id", "garbage-1".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_source", "/test".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_type", ImpactReport.TYPE.getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        KafkaBroker.get().send(garbage);

        ConsumerRecord<String, byte[]> dead = KafkaBroker.get().awaitRecords("error." + Topics.IMPACT_REPORTS + ".notifier", 1,
                Duration.ofSeconds(30)).get(0);
        assertThat(new String(dead.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8)).contains("not a valid ImpactReport");
    }

    @Test
    void theChannelApiNeedsTheKeyAndNeverShowsASecret() {
        assertThat(api().get().uri("/api/v1/channels").<Integer>exchange((request, response) -> response.getStatusCode().value()))
                .isEqualTo(401);
        String channels = admin().get().uri("/api/v1/channels").retrieve().body(String.class);
        assertThat(channels).contains("\"id\":\"hooks\"").contains("\"secrets\":2").doesNotContain(SECRET).doesNotContain(ROTATED_SECRET)
                .doesNotContain(SLACK_PATH);
        String invalid = admin().put().uri("/api/v1/channels/bad").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "WEBHOOK", "url", "ftp://example.com", "secrets", List.of("nope")))
                .exchange((request, response) -> response.getStatusCode().value() + " " + new String(response.getBody().readAllBytes()));
        assertThat(invalid).startsWith("400").contains("http or https").contains("whsec_");
    }

    @AfterAll
    static void noSecretInAnyLog(CapturedOutput output) {
        assertThat(output.getAll()).isNotEmpty()
                .doesNotContain(SECRET.substring(6)).doesNotContain(ROTATED_SECRET.substring(6)).doesNotContain(API_SECRET.substring(6))
                .doesNotContain(SLACK_PATH).doesNotContain(ADMIN_KEY);
        ENDPOINT.close();
    }

    private List<Request> awaitItems(String path, String groupKey, int items) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<Request> group = new ArrayList<>();
            int seen = 0;
            for (Request request : ENDPOINT.requests(path)) {
                JsonNode data = EventJson.mapper().readTree(request.body()).path("data");
                if (groupKey.equals(data.path("groupKey").asText())) {
                    group.add(request);
                    seen += data.path("items").size() + data.path("omittedItems").asInt();
                }
            }
            if (seen >= items || System.nanoTime() > deadline) {
                assertThat(seen).as("items delivered for group " + groupKey).isEqualTo(items);
                return group;
            }
            Thread.sleep(50);
        }
    }

    private JsonNode awaitStatus(ImpactReport report, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode content = get("/api/v1/deliveries?inputEventId=" + report.reportId()).path("content");
            if (!content.isEmpty()) {
                last = content.get(0);
                if (status.equals(last.path("status").asText())) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery of " + report.reportId() + " did not become " + status + "; last seen: " + last);
    }

    private List<NotificationOutcome> outcomes(String deliveryId, int atLeast) {
        return KafkaBroker.get().awaitRecords(Topics.NOTIFICATIONS, atLeast,
                        record -> deliveryId.equals(EventJson.read(record.value(), NotificationOutcome.class).deliveryId()), Duration.ofSeconds(20))
                .stream().map(record -> EventJson.read(record.value(), NotificationOutcome.class)).toList();
    }

    private void channel(String id, String path, String tables) {
        channelAt(id, ENDPOINT.url(path).toString(), tables);
    }

    private void channelAt(String id, String url, String tables) {
        admin().put().uri("/api/v1/channels/" + id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "WEBHOOK", "url", url, "secrets", List.of(API_SECRET), "tables", List.of(tables)))
                .retrieve().toBodilessEntity();
    }

    private static java.util.function.Predicate<Request> carrying(ImpactReport report) {
        return request -> request.bodyText().contains(report.reportId());
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private RestClient api() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    private RestClient admin() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeader("X-API-Key", ADMIN_KEY).build();
    }

    private JsonNode get(String path) {
        return EventJson.mapper().readTree(api().get().uri(path).retrieve().body(String.class));
    }
}
