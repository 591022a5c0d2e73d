package dev.schemawatch.monitor;

import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.MongoWireServer;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitor starts even when what it depends on is missing or misconfigured: it says what is
 * wrong in its health (and logs), reports DOWN, and keeps retrying.
 */
class StartupFailuresTest {

    private static final String CLOSED_PORT = "1";

    @Test
    void unreachablePostgresIsReportedAndRetried() {
        String health = healthOf(List.of("--schemawatch.monitor.databases[0].port=" + CLOSED_PORT));
        assertThat(health).contains("\"status\":\"DOWN\"").contains("is not reachable").contains("RETRYING");
    }

    @Test
    void unreachableKafkaIsReported() {
        String health = healthOf(List.of("--spring.kafka.bootstrap-servers=127.0.0.1:" + CLOSED_PORT));
        assertThat(health).contains("\"status\":\"DOWN\"").containsPattern("\"kafka\":\\{\"status\":\"DOWN\"");
    }

    @Test
    void unreachableMongoIsReported() {
        String health = healthOf(List.of("--spring.mongodb.uri=mongodb://127.0.0.1:" + CLOSED_PORT + "/monitor?serverSelectionTimeoutMS=500"));
        assertThat(health).contains("\"status\":\"DOWN\"").containsPattern("\"mongo\":\\{\"status\":\"DOWN\"");
    }

    @Test
    void aRoleWithoutReplicationIsToldTheFix() {
        String database = PostgresCluster.get().createDatabase("norepl");
        PostgresCluster.get().execute(database, "DO $$ BEGIN CREATE ROLE monitor_without_replication LOGIN PASSWORD 'secret';"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String health = healthOf(List.of("--schemawatch.monitor.databases[0].database=" + database,
                "--schemawatch.monitor.databases[0].username=monitor_without_replication",
                "--schemawatch.monitor.databases[0].password=secret"));
        assertThat(health).contains("ALTER ROLE monitor_without_replication REPLICATION");
    }

    private static String healthOf(List<String> overrides) {
        PostgresCluster postgres = PostgresCluster.get();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaBroker.get().bootstrapServers(),
                "--spring.mongodb.uri=" + MongoWireServer.get().connectionString("monitor-startup"),
                "--schemawatch.monitor.databases[0].name=startup",
                "--schemawatch.monitor.databases[0].host=" + postgres.host(),
                "--schemawatch.monitor.databases[0].port=" + postgres.port(),
                "--schemawatch.monitor.databases[0].database=postgres",
                "--schemawatch.monitor.databases[0].username=" + postgres.superuser(),
                "--schemawatch.monitor.databases[0].password=" + postgres.password(),
                "--schemawatch.monitor.databases[0].slot-name=schemawatch_startup_probe",
                "--schemawatch.monitor.install-objects=false",
                "--schemawatch.monitor.retry-initial-backoff=200ms",
                "--schemawatch.monitor.retry-max-backoff=1s",
                "--logging.structured.format.console="));
        args.addAll(overrides);
        try (ConfigurableApplicationContext context = SpringApplication.run(SchemaMonitorApplication.class, args.toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            RestClient client = RestClient.create("http://127.0.0.1:" + port);
            AtomicReference<String> body = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                body.set(client.get().uri("/actuator/health").exchange((request, response) -> new String(response.getBody().readAllBytes())));
                assertThat(body.get()).contains("RETRYING");
            });
            return body.get();
        }
    }
}
