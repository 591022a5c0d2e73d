package dev.schemawatch.monitor;

import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.schemawatch.contracts.schema.ChangeType.COLUMN_ADDED;
import static dev.schemawatch.contracts.schema.ChangeType.TABLE_ADDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Transactions, rollbacks, restarts, size limits, scope and unreadable rows. */
class DeliveryGuaranteesTest extends MonitorIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @Test
    void aMigrationInOneTransactionYieldsOneEventPerStatementInOrder() throws SQLException {
        List<String> migration = new ArrayList<>();
        migration.add("CREATE TABLE dg_migration (id int)");
        IntStream.rangeClosed(1, 30).forEach(i -> migration.add("ALTER TABLE dg_migration ADD COLUMN c" + i + " int"));
        transaction(migration.toArray(String[]::new));

        List<SchemaChangeEvent> events = published().await(31, on("dg_migration"));

        assertThat(events).hasSize(31);
        assertThat(events).extracting(e -> e.transaction().txid()).containsOnly(events.get(0).transaction().txid());
        assertThat(events).extracting(e -> e.transaction().sequence()).containsExactlyElementsOf(IntStream.rangeClosed(1, 31).boxed().toList());
        assertThat(events).extracting(SchemaChangeEvent::ddl).containsExactlyElementsOf(migration);
        assertThat(types(events.get(0))).containsExactly(TABLE_ADDED);
        assertThat(events.subList(1, 31)).allSatisfy(e -> assertThat(types(e)).containsExactly(COLUMN_ADDED));
        assertThat(events).extracting(SchemaChangeEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void ddlInATransactionThatRolledBackPublishesNothing() throws SQLException {
        try (Connection connection = dev.schemawatch.testsupport.PostgresCluster.get().connect(DATABASE)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE dg_rolled_back (id int)");
                statement.execute("ALTER TABLE dg_rolled_back ADD COLUMN x int");
            }
            connection.rollback();
        }
        eventOf("CREATE TABLE dg_after_rollback (id int)");

        assertThat(published().matching(on("dg_rolled_back"))).isEmpty();
    }

    @Test
    void ddlWhileTheMonitorIsStoppedArrivesAfterRestartOnceEach() throws Exception {
        eventOf("CREATE TABLE dg_restart (id int)");
        captures.stop();
        try {
            sql("ALTER TABLE dg_restart ADD COLUMN while_stopped_1 int",
                    "ALTER TABLE dg_restart ADD COLUMN while_stopped_2 int",
                    "DROP TABLE dg_restart");
        } finally {
            captures.start();
        }

        List<SchemaChangeEvent> events = published().await(4, on("dg_restart"));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);

        List<SchemaChangeEvent> all = published().matching(on("dg_restart"));
        assertThat(all).hasSize(4);
        assertThat(all).extracting(SchemaChangeEvent::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(SchemaChangeEvent::commandTag)
                .containsExactly("CREATE TABLE", "ALTER TABLE", "ALTER TABLE", "DROP TABLE");
    }

    @Test
    void hostileIdentifiersArriveExactlyAsPostgresStoresThem() throws SQLException {
        String table = "x\"; drop table t; --";
        String column = "sélect \"col\"";
        String reserved = "order";
        String longest = "a".repeat(63);
        sql("CREATE SCHEMA \"we ird\"");

        SchemaChangeEvent event = eventOf("CREATE TABLE \"we ird\".\"x\"\"; drop table t; --\" (\"sélect \"\"col\"\"\" int, \"order\" text, "
                + longest + " int)");

        assertThat(event.schema()).isEqualTo("we ird");
        assertThat(event.objectName()).isEqualTo(table);
        assertThat(event.key()).isEqualTo("shop.we ird." + table);
        assertThat(event.after()).singleElement().satisfies(t ->
                assertThat(t.columns()).extracting(c -> c.name()).containsExactly(column, reserved, longest));

        SchemaChangeEvent renamed = eventOf("ALTER TABLE \"we ird\".\"x\"\"; drop table t; --\" RENAME COLUMN \"order\" TO \"ünïcødé ✓\"");
        assertThat(renamed.changes()).singleElement().satisfies(c -> {
            assertThat(c.previousName()).isEqualTo(reserved);
            assertThat(c.name()).isEqualTo("ünïcødé ✓");
        });
    }

    @Test
    void aTableTooWideForOneKafkaMessageIsPublishedWithoutDefinitions() throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE dg_wide (");
        for (int i = 1; i <= 1600; i++) {
            ddl.append(i > 1 ? ", " : "").append("column_with_a_rather_long_descriptive_name_number_").append(i)
                    .append(" varchar(400) DEFAULT '").append("a default value long enough to make the definition heavy ".repeat(5)).append("'");
        }
        SchemaChangeEvent event = eventOf(ddl.append(")").toString());

        PublishedChanges.Published record = published().all().stream()
                .filter(p -> p.event().eventId().equals(event.eventId())).findFirst().orElseThrow();
        assertThat(record.serializedSize()).isLessThanOrEqualTo(900_000);
        assertThat(event.definitionsTruncated()).isTrue();
        assertThat(event.after()).isEmpty();
        assertThat(types(event)).containsExactly(TABLE_ADDED);

        String full = RestClient.create("http://127.0.0.1:" + port).get().uri("/api/v1/changes/{id}", event.eventId())
                .retrieve().body(String.class);
        assertThat(full).contains("column_with_a_rather_long_descriptive_name_number_1600");
    }

    @Test
    void changesOutsideTheConfiguredScopeAreNotPublished() throws SQLException {
        sql("CREATE SCHEMA ignored_scratch", "CREATE TABLE ignored_scratch.t (id int)");
        eventOf("CREATE TABLE dg_in_scope (id int)");

        assertThat(published().matching(e -> "ignored_scratch".equals(e.schema()))).isEmpty();
    }

    @Test
    void anUnreadableDdlLogRowIsDeadLetteredAndTheStreamGoesOn() throws SQLException {
        sql("INSERT INTO schemawatch.ddl_log (txid, command_seq, command_tag, statement, commands, dropped, relations, types,"
                + " occurred_at, schema_version) VALUES (txid_current(), 1, 'ALTER TABLE', 'forged', '[]', '[]',"
                + " '[{\"oid\": \"not a number\"}]', '[]', now(), 1)");
        eventOf("CREATE TABLE dg_after_bad_row (id int)");

        List<ConsumerRecord<String, byte[]>> deadLetters = readAll("error.schemawatch.ddl-log.schema-monitor");
        assertThat(deadLetters).anySatisfy(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("forged");
            assertThat(new String(record.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("relations");
        });
        assertThat(meters.find("schemawatch.monitor.dead.letters").counter()).isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isGreaterThanOrEqualTo(1));
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }
}
