package dev.schemawatch.monitor;

import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.MongoWireServer;
import dev.schemawatch.testsupport.PostgresCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitor starts even when what it depends on is missing or misconfigured: it says what is
 * wrong in its health (and logs), reports DOWN, and keeps retrying.
 */
class StartupFailuresTest {

    private static final String CLOSED_PORT = "1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void unreachablePostgresIsReportedAndRetried() {
        JsonNode health = healthOf(Map.of("schemawatch.monitor.databases[0].port", CLOSED_PORT));
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(captureDetail(health)).contains("is not reachable");
    }

    @Test
    void unreachableKafkaIsReported() {
        JsonNode health = healthOf(Map.of("spring.kafka.bootstrap-servers", "127.0.0.1:" + CLOSED_PORT));
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("components").path("kafka").path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void unreachableMongoIsReported() {
        JsonNode health = healthOf(Map.of("spring.mongodb.uri", "mongodb://127.0.0.1:" + CLOSED_PORT + "/monitor?serverSelectionTimeoutMS=500"));
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("components").path("mongo").path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void aRoleWithoutReplicationIsToldTheFix() {
        String database = PostgresCluster.get().createDatabase("norepl");
        PostgresCluster.get().execute(database, "DO $$ BEGIN CREATE ROLE monitor_without_replication LOGIN PASSWORD 'secret';"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        JsonNode health = healthOf(Map.of("schemawatch.monitor.databases[0].database", database,
                "schemawatch.monitor.databases[0].username", "monitor_without_replication",
                "schemawatch.monitor.databases[0].password", "secret"));
        assertThat(captureDetail(health)).contains("ALTER ROLE monitor_without_replication REPLICATION;");
    }

    private static String captureDetail(JsonNode health) {
        return health.path("components").path("capture").path("details").path("startup").path("detail").asText();
    }

    /** Starts a monitor with the given settings changed and returns its health once capture has failed at least once. */
    private static JsonNode healthOf(Map<String, String> overrides) {
        PostgresCluster postgres = PostgresCluster.get();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.kafka.bootstrap-servers", KafkaBroker.get().bootstrapServers());
        settings.put("spring.mongodb.uri", MongoWireServer.get().connectionString("monitor-startup"));
        settings.put("schemawatch.monitor.databases[0].name", "startup");
        settings.put("schemawatch.monitor.databases[0].host", postgres.host());
        settings.put("schemawatch.monitor.databases[0].port", Integer.toString(postgres.port()));
        String database = overrides.getOrDefault("schemawatch.monitor.databases[0].database", postgres.createDatabase("startup"));
        settings.put("schemawatch.monitor.databases[0].database", database);
        settings.put("schemawatch.monitor.databases[0].slot-name", "schemawatch_" + database);
        settings.put("schemawatch.monitor.databases[0].username", postgres.superuser());
        settings.put("schemawatch.monitor.databases[0].password", postgres.password());
        settings.put("schemawatch.monitor.retry-initial-backoff", "200ms");
        settings.put("schemawatch.monitor.retry-max-backoff", "1s");
        settings.putAll(overrides);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = SpringApplication.run(SchemaMonitorApplication.class, args)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            RestClient client = RestClient.create("http://127.0.0.1:" + port);
            AtomicReference<JsonNode> health = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String body = client.get().uri("/actuator/health")
                        .exchange((request, response) -> new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                health.set(JSON.readTree(body));
                assertThat(health.get().path("components").path("capture").path("details").path("startup").path("state").asText())
                        .isEqualTo("RETRYING");
            });
            return health.get();
        }
    }
}
