package dev.schemawatch.analyzer;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.PostgresCluster;
import dev.schemawatch.testsupport.SchemawatchInfrastructure;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The analyzer running for real: schema-change events go in through the in-process KRaft broker,
 * live checks run against a private PostgreSQL database, reports land in the MongoDB-wire server.
 * All subclasses share one application context and one database; each test uses its own tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AnalyzerIntegrationTest {

    static final String DATABASE_NAME = "shop";
    static final String DATABASE = createDatabase();
    static final String UNREACHABLE_DATABASE_NAME = "offline";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SchemawatchInfrastructure.kafkaAndMongo(registry, "analyzer-it");
        PostgresCluster postgres = PostgresCluster.get();
        registry.add("schemawatch.analyzer.databases[0].name", () -> DATABASE_NAME);
        registry.add("schemawatch.analyzer.databases[0].url", () -> postgres.jdbcUrl(DATABASE));
        registry.add("schemawatch.analyzer.databases[0].username", postgres::superuser);
        registry.add("schemawatch.analyzer.databases[0].password", postgres::password);
        registry.add("schemawatch.analyzer.databases[1].name", () -> UNREACHABLE_DATABASE_NAME);
        registry.add("schemawatch.analyzer.databases[1].url", () -> "jdbc:postgresql://127.0.0.1:1/" + UNREACHABLE_DATABASE_NAME);
        registry.add("schemawatch.analyzer.databases[1].username", () -> "nobody");
        registry.add("schemawatch.analyzer.connect-timeout", () -> "1s");
        registry.add("schemawatch.analyzer.approval.tables[0]", () -> DATABASE_NAME + ".payments.*");
        registry.add("schemawatch.analyzer.severity-overrides.SW502", () -> "MEDIUM");
    }

    private static String createDatabase() {
        String database = PostgresCluster.get().createDatabase("analyzer");
        PostgresCluster.get().execute(database, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        KafkaBroker.get().createTopics(Topics.SCHEMA_CHANGES, Topics.IMPACT_REPORTS, Topics.IMPACT_DECISIONS);
        return database;
    }

    static void sql(String... statements) {
        for (String statement : statements) {
            PostgresCluster.get().execute(DATABASE, statement);
        }
    }

    RestClient api() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    /** Publishes the event as schema-monitor does: binary-mode CloudEvent keyed by its table. */
    static void publish(SchemaChangeEvent event) {
        CloudEvent envelope = EventEnvelope.originating(event.eventId(), URI.create("/schemawatch/schema-monitor/" + event.database()),
                SchemaChangeEvent.TYPE, event.key(), event.occurredAt(), Instant.now(), EventJson.write(event));
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.SCHEMA_CHANGES, event.key(), envelope));
    }

    /** The one report published for {@code event}, awaited on the topic. */
    static ReportRecord reportFor(SchemaChangeEvent event) {
        List<ConsumerRecord<String, byte[]>> records = KafkaBroker.get().awaitRecords(Topics.IMPACT_REPORTS, 1,
                record -> event.eventId().equals(EventEnvelope.correlationId(EventEnvelope.fromRecord(record))), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> record = records.get(0);
        return new ReportRecord(record, EventEnvelope.fromRecord(record), EventJson.read(record.value(), ImpactReport.class));
    }

    /** Every report on the topic for {@code event}, read until the topic was quiet for a while. */
    static List<ConsumerRecord<String, byte[]>> allReportsFor(SchemaChangeEvent event) {
        return KafkaBroker.get().readAll(Topics.IMPACT_REPORTS, Duration.ofSeconds(3)).stream()
                .filter(record -> event.eventId().equals(EventEnvelope.correlationId(EventEnvelope.fromRecord(record))))
                .toList();
    }

    record ReportRecord(ConsumerRecord<String, byte[]> record, CloudEvent envelope, ImpactReport report) {
    }
}
