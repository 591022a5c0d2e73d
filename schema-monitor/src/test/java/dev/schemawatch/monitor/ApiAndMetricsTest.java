package dev.schemawatch.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Duration;

import static dev.schemawatch.contracts.schema.ChangeType.TABLE_ADDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A second monitored database, the read API over the change history and snapshots, and the metrics. */
class ApiAndMetricsTest extends MonitorIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void eachMonitoredDatabaseHasItsOwnStream() throws SQLException {
        PostgresCluster.get().execute(SECOND_DATABASE, "CREATE TABLE wh_stock (sku text PRIMARY KEY, qty int)");

        SchemaChangeEvent event = published().awaitOne(e -> SECOND_DATABASE_NAME.equals(e.database()) && "wh_stock".equals(e.objectName()));

        assertThat(event.key()).isEqualTo("warehouse.public.wh_stock");
        assertThat(types(event)).containsExactly(TABLE_ADDED);
        assertThat(published().matching(e -> DATABASE_NAME.equals(e.database()) && "wh_stock".equals(e.objectName()))).isEmpty();
    }

    @Test
    void changesAreFilteredAndPaged() throws Exception {
        sql("CREATE TABLE api_orders (id int)");
        SchemaChangeEvent added = eventOf("ALTER TABLE api_orders ADD COLUMN note text");
        eventOf("ALTER TABLE api_orders ADD COLUMN total numeric");

        JsonNode columns = get("/api/v1/changes?database=shop&table=public.api_orders&changeType=COLUMN_ADDED&size=1");
        assertThat(columns.path("totalElements").asInt()).isEqualTo(2);
        assertThat(columns.path("totalPages").asInt()).isEqualTo(2);
        assertThat(columns.path("content")).hasSize(1);
        assertThat(columns.path("content").get(0).path("event").path("ddl").asText()).isEqualTo("ALTER TABLE api_orders ADD COLUMN total numeric");
        JsonNode newest = columns.path("content").get(0);
        assertThat(Instant.parse(newest.path("publishedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(newest.path("commitTime").asText()));

        JsonNode byCorrelation = get("/api/v1/changes?correlationId=" + added.eventId());
        assertThat(byCorrelation.path("content")).singleElement()
                .satisfies(c -> assertThat(c.path("event").path("eventId").asText()).isEqualTo(added.eventId()));

        JsonNode inTheFuture = get("/api/v1/changes?table=api_orders&from=2999-01-01T00:00:00Z");
        assertThat(inTheFuture.path("totalElements").asInt()).isZero();
    }

    @Test
    void theLastKnownDefinitionOfATableIsServed() throws Exception {
        eventOf("CREATE TABLE api_snapshot (id bigint PRIMARY KEY, \"e-mail\" text NOT NULL)");

        JsonNode snapshot = get("/api/v1/snapshots/shop/public/api_snapshot");

        assertThat(snapshot.path("kind").asText()).isEqualTo("TABLE");
        assertThat(snapshot.path("columns").findValuesAsText("name")).containsExactly("id", "e-mail");
        assertThat(status("/api/v1/snapshots/shop/public/no_such_table")).isEqualTo(404);
        assertThat(status("/api/v1/snapshots/nowhere/public/api_snapshot")).isEqualTo(404);
    }

    @Test
    void badQueryParametersAreAClearClientError() {
        assertThat(status("/api/v1/changes?changeType=COLUMN_EXPLODED")).isEqualTo(400);
        assertThat(status("/api/v1/changes?size=100000")).isEqualTo(400);
        assertThat(status("/api/v1/changes/no-such-id")).isEqualTo(404);
    }

    @Test
    void prometheusShowsDdlChangesLatencyAndSlotLag() throws Exception {
        eventOf("CREATE TABLE api_metrics (id int)");
        eventOf("ALTER TABLE api_metrics ADD COLUMN seen int");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = text("/actuator/prometheus");
            assertThat(metrics)
                    .containsPattern("schemawatch_monitor_ddl_events_total\\{[^}]*command_tag=\"ALTER TABLE\"[^}]*database=\"shop\"")
                    .containsPattern("schemawatch_monitor_changes_total\\{[^}]*change_type=\"COLUMN_ADDED\"")
                    .contains("schemawatch_monitor_publish_latency_seconds_bucket")
                    .containsPattern("schemawatch_monitor_replication_slot_lag_bytes\\{[^}]*database=\"shop\"");
        });
    }

    @Test
    void readinessIsUpWhileCaptureKafkaAndMongoAreUp() throws Exception {
        JsonNode readiness = get("/actuator/health/readiness");
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").path("capture").path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").path("mongo").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theReadApiIsDescribedByOpenApi() throws Exception {
        JsonNode openApi = get("/api/v1/openapi");
        assertThat(openApi.path("paths").has("/api/v1/changes")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/snapshots/{database}/{schema}/{table}")).isTrue();
    }

    private JsonNode get(String path) throws IOException {
        return JSON.readTree(text(path));
    }

    private String text(String path) {
        return client().get().uri(path).retrieve().body(String.class);
    }

    private int status(String path) {
        return client().get().uri(path).exchange((request, response) -> response.getStatusCode().value());
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }
}
