package dev.schemawatch.e2e;

import com.standardwebhooks.Webhook;
import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.LoopbackEndpoint.Request;
import dev.schemawatch.testsupport.PostgresCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DDL on a real PostgreSQL database in, messages out, through all five services running as they
 * are deployed (see {@link Pipeline}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineTest {

    private static final String NAME = "shop";
    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(90);
    private static final String SCHEMA = """
            CREATE TABLE e2e_customers (id bigint PRIMARY KEY, email text NOT NULL, full_name text, nickname text, obsolete text);
            CREATE TABLE e2e_orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, amount numeric(10, 2), placed_at timestamptz,
                CONSTRAINT e2e_old_check CHECK (amount >= 0),
                CONSTRAINT e2e_orders_customer_fk FOREIGN KEY (customer_id) REFERENCES e2e_customers (id));
            CREATE INDEX e2e_old_idx ON e2e_orders (amount);
            CREATE TABLE e2e_reviews (id bigint PRIMARY KEY, customer_id bigint, order_id bigint, body text,
                CONSTRAINT e2e_reviews_customer_fk FOREIGN KEY (customer_id) REFERENCES e2e_customers (id));
            CREATE TABLE e2e_scratch (note text);
            CREATE TABLE e2e_old_name (note text);
            CREATE TABLE e2e_accounts (id bigint PRIMARY KEY, owner text NOT NULL, status text NOT NULL);
            CREATE TABLE e2e_payments (id bigint PRIMARY KEY, account_id bigint REFERENCES e2e_accounts (id), amount numeric);
            CREATE VIEW e2e_account_status AS SELECT id, status FROM e2e_accounts;
            CREATE TABLE e2e_wide (id bigint PRIMARY KEY);
            """;

    private final String database = PostgresCluster.get().createDatabase("e2e");
    private Pipeline pipeline;

    @BeforeAll
    void start() {
        KafkaBroker.get().createTopics(Topics.SCHEMA_CHANGES, Topics.IMPACT_REPORTS, Topics.IMPACT_DECISIONS, Topics.TEST_SUITES,
                Topics.TEST_RESULTS, Topics.NOTIFICATIONS);
        PostgresCluster.get().execute(database, SCHEMA);
        pipeline = Pipeline.start(Path.of("..").toAbsolutePath().normalize(), database, NAME, Path.of("target/e2e-logs"), Map.of());
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void eachChangeTypeYieldsOneReportOneSuiteOneRunAndAMessageThatTellsIt() throws Exception {
        Map<String, String> ddl = new LinkedHashMap<>();
        ddl.put("TABLE_ADDED", "CREATE TABLE e2e_new_table (code text, label text)");
        ddl.put("TABLE_REMOVED", "DROP TABLE e2e_scratch");
        ddl.put("TABLE_RENAMED", "ALTER TABLE e2e_old_name RENAME TO e2e_renamed");
        ddl.put("COLUMN_ADDED", "ALTER TABLE e2e_customers ADD COLUMN tier text");
        ddl.put("COLUMN_REMOVED", "ALTER TABLE e2e_customers DROP COLUMN obsolete");
        ddl.put("COLUMN_MODIFIED", "ALTER TABLE e2e_customers ALTER COLUMN full_name TYPE varchar(200)");
        ddl.put("COLUMN_RENAMED", "ALTER TABLE e2e_customers RENAME COLUMN nickname TO handle");
        ddl.put("CONSTRAINT_ADDED", "ALTER TABLE e2e_orders ADD CONSTRAINT e2e_amount_positive CHECK (amount > 0)");
        ddl.put("CONSTRAINT_REMOVED", "ALTER TABLE e2e_orders DROP CONSTRAINT e2e_old_check");
        ddl.put("INDEX_ADDED", "CREATE INDEX e2e_orders_placed_idx ON e2e_orders (placed_at)");
        ddl.put("INDEX_REMOVED", "DROP INDEX e2e_old_idx");
        ddl.put("RELATIONSHIP_ADDED", "ALTER TABLE e2e_reviews ADD CONSTRAINT e2e_reviews_order_fk FOREIGN KEY (order_id) REFERENCES e2e_orders (id)");
        ddl.put("RELATIONSHIP_REMOVED", "ALTER TABLE e2e_reviews DROP CONSTRAINT e2e_reviews_customer_fk");
        ddl.put("RELATIONSHIP_MODIFIED", "ALTER TABLE e2e_orders ALTER CONSTRAINT e2e_orders_customer_fk DEFERRABLE");
        ddl.put("VIEW", "CREATE VIEW e2e_emails AS SELECT email FROM e2e_customers");
        ddl.put("ENUM", "CREATE TYPE e2e_mood AS ENUM ('sad', 'happy')");
        ddl.put("COMMENT", "COMMENT ON TABLE e2e_customers IS 'people who buy'");
        ddl.put("SCHEMA", "CREATE SCHEMA e2e_extra");
        ddl.values().forEach(statement -> PostgresCluster.get().execute(database, statement));

        Map<String, List<SchemaChangeEvent>> changes = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : ddl.entrySet()) {
            changes.put(entry.getKey(), changesOf(entry.getValue(), 1));
        }
        List<String> correlationIds = changes.values().stream().flatMap(List::stream).map(SchemaChangeEvent::eventId).toList();
        for (String correlationId : correlationIds) {
            awaitOne(Topics.TEST_RESULTS, correlationId);
            awaitMessage(correlationId, "TEST_RESULT");
        }
        Map<String, Map<String, Long>> perTopic = new LinkedHashMap<>();
        for (String topic : List.of(Topics.IMPACT_REPORTS, Topics.TEST_SUITES, Topics.TEST_RESULTS)) {
            perTopic.put(topic, KafkaBroker.get().readAll(topic, Duration.ofSeconds(2)).stream()
                    .collect(Collectors.groupingBy(record -> EventEnvelope.correlationId(EventEnvelope.fromRecord(record)), Collectors.counting())));
        }
        SoftAssertions softly = new SoftAssertions();
        changes.forEach((label, events) -> events.forEach(event -> {
            for (String topic : perTopic.keySet()) {
                softly.assertThat(perTopic.get(topic).get(event.eventId())).as(label + " (" + event.ddl() + ") on " + topic).isEqualTo(1L);
            }
            JsonNode item = messageItem(event.eventId(), "TEST_RESULT");
            softly.assertThat(item.path("change").path("commandTag").asText()).as(label + " message: command").isEqualTo(event.commandTag());
            softly.assertThat(item.path("change").path("ddl").asText()).as(label + " message: DDL").isEqualTo(event.ddl().strip());
            softly.assertThat(item.path("tests").path("runId").asText()).as(label + " message: its run").isNotBlank();
            softly.assertThat(item.path("database").asText()).as(label + " message: database").isEqualTo(NAME);
        }));
        softly.assertAll();

        String followed = changes.get("COLUMN_REMOVED").get(0).eventId();
        assertThat(pipeline.get("schema-monitor", "/api/v1/changes?correlationId=" + followed)).contains(followed);
        assertThat(pipeline.get("change-analyzer", "/api/v1/impacts?correlationId=" + followed)).contains(followed);
        assertThat(pipeline.get("test-generator", "/api/v1/suites?correlationId=" + followed)).contains(followed);
        assertThat(pipeline.get("test-executor", "/api/v1/runs?correlationId=" + followed)).contains(followed);
        assertThat(pipeline.get("notifier", "/api/v1/deliveries?correlationId=" + followed)).contains(followed);
        for (String service : List.of("schema-monitor", "change-analyzer", "test-generator", "test-executor", "notifier")) {
            assertThat(Files.readAllLines(pipeline.log(service))).as(service + " logs the correlation id")
                    .anyMatch(line -> line.contains("\"correlationId\":\"" + followed + "\""));
        }
    }

    @Test
    void aDestructiveChangeOnATableWithDependantsIsAnnouncedAsBreakingNamingThem() throws Exception {
        String statement = "ALTER TABLE e2e_accounts DROP COLUMN status CASCADE";
        PostgresCluster.get().execute(database, statement);

        SchemaChangeEvent change = changesOf(statement, 1).get(0);
        Request request = awaitMessage(change.eventId(), "IMPACT");
        new Webhook(Pipeline.WEBHOOK_SECRET).verify(request.bodyText(), request.headers());
        JsonNode data = EventJson.mapper().readTree(request.body()).path("data");
        assertThat(data.path("severity").asText()).isEqualTo("BREAKING");
        JsonNode impact = messageItem(change.eventId(), "IMPACT").path("impact");
        assertThat(impact.path("dependents").toString()).contains("VIEW public.e2e_account_status");
        assertThat(impact.path("referencingTableNames").toString()).contains("public.e2e_payments");
        assertThat(data.path("text").asText()).contains("BREAKING").contains("public.e2e_account_status").contains("public.e2e_payments");

        Request slack = pipeline.endpoint().await(Pipeline.SLACK_PATH, 1,
                message -> message.bodyText().contains(statement) && message.bodyText().contains("BREAKING"), STAGE_TIMEOUT).get(0);
        assertThat(slack.bodyText()).contains("\"type\":\"header\"").contains("e2e_account_status").contains("e2e_payments");
    }

    @Test
    void aMigrationOf200StatementsInOneTransactionYieldsAFewGroupedMessagesNot200() throws Exception {
        String migration = IntStream.rangeClosed(1, 200).mapToObj(i -> "ALTER TABLE e2e_wide ADD COLUMN c" + i + " integer;")
                .collect(Collectors.joining("\n", "BEGIN;\n", "\nCOMMIT;"));
        PostgresCluster.get().execute(database, migration);

        List<SchemaChangeEvent> changes = changesOf("ALTER TABLE e2e_wide ADD COLUMN c", 200);
        assertThat(changes).extracting(event -> event.transaction().txid()).containsOnly(changes.get(0).transaction().txid());
        String group = NAME + ":" + changes.get(0).transaction().txid();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        List<JsonNode> messages;
        int items;
        do {
            Thread.sleep(500);
            messages = new ArrayList<>();
            for (Request request : pipeline.endpoint().requests(Pipeline.WEBHOOK_PATH)) {
                JsonNode data = EventJson.mapper().readTree(request.body()).path("data");
                if (group.equals(data.path("groupKey").asText()) && "TEST_RESULT".equals(data.path("kind").asText())) {
                    messages.add(data);
                }
            }
            items = messages.stream().mapToInt(data -> data.path("items").size() + data.path("omittedItems").asInt()).sum();
        } while (items < 200 && System.nanoTime() < deadline);
        assertThat(items).as("test results of the migration's 200 statements, across its messages").isEqualTo(200);
        assertThat(messages.size()).as("messages for one 200-statement migration").isLessThanOrEqualTo(20);
    }

    /** The schema-change events whose DDL starts with {@code ddl}, once {@code count} of them are on Kafka. */
    private static List<SchemaChangeEvent> changesOf(String ddl, int count) {
        return KafkaBroker.get().awaitRecords(Topics.SCHEMA_CHANGES, count,
                        record -> EventJson.read(record.value(), SchemaChangeEvent.class).ddl().strip().startsWith(ddl), STAGE_TIMEOUT)
                .stream().map(record -> EventJson.read(record.value(), SchemaChangeEvent.class)).toList();
    }

    private static void awaitOne(String topic, String correlationId) {
        KafkaBroker.get().awaitRecords(topic, 1, correlated(correlationId), STAGE_TIMEOUT);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> correlated(String correlationId) {
        return record -> correlationId.equals(EventEnvelope.correlationId(EventEnvelope.fromRecord(record)));
    }

    private Request awaitMessage(String correlationId, String kind) {
        return pipeline.endpoint().await(Pipeline.WEBHOOK_PATH, 1, request -> item(request, correlationId, kind) != null, STAGE_TIMEOUT).get(0);
    }

    private JsonNode messageItem(String correlationId, String kind) {
        return pipeline.endpoint().requests(Pipeline.WEBHOOK_PATH).stream().map(request -> item(request, correlationId, kind))
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " message for " + correlationId));
    }

    private static JsonNode item(Request request, String correlationId, String kind) {
        JsonNode data = EventJson.mapper().readTree(request.body()).path("data");
        for (JsonNode item : data.path("items")) {
            if (correlationId.equals(item.path("correlationId").asText()) && kind.equals(item.path("kind").asText())) {
                return item;
            }
        }
        return null;
    }
}
