package dev.schemawatch.analyzer.bench;

import dev.schemawatch.analyzer.analysis.ImpactAnalyzer;
import dev.schemawatch.analyzer.analysis.IncomingChange;
import dev.schemawatch.analyzer.approval.ApprovalPolicy;
import dev.schemawatch.analyzer.live.LiveDatabase;
import dev.schemawatch.analyzer.live.LiveDatabaseSettings;
import dev.schemawatch.analyzer.live.PostgresLiveDatabase;
import dev.schemawatch.analyzer.rollback.RollbackPlanner;
import dev.schemawatch.analyzer.rules.RuleBook;
import dev.schemawatch.analyzer.rules.Thresholds;
import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.FreePort;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.MongoWireServer;
import dev.schemawatch.testsupport.PostgresCluster;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.schemawatch.analyzer.fixtures.Events.columnAdded;
import static dev.schemawatch.analyzer.fixtures.Events.event;
import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.fixtures.Tables.foreignKey;
import static dev.schemawatch.analyzer.fixtures.Tables.from;
import static dev.schemawatch.analyzer.fixtures.Tables.primaryKey;
import static dev.schemawatch.analyzer.fixtures.Tables.table;

/**
 * Measures what issue #3 promises, on real servers, and prints the figures: impact reports per
 * second for single-column changes on a schema of {@value #TABLES} tables and
 * {@value #FOREIGN_KEYS_PER_TABLE}0,000 foreign keys, and the per-report p99 (query replay off).
 * <ol>
 *   <li>the analysis itself, in process, on two threads: live blast radius from the in-memory
 *       graph, the rule catalogue, the rollback plan, JSON;</li>
 *   <li>the service end to end, as its own JVM ({@code -Xmx256m}): schema-change records in on
 *       Kafka, reports acknowledged on Kafka and stored in MongoDB.</li>
 * </ol>
 * Run with {@code scripts/benchmark-analyzer.sh}.
 */
public final class AnalyzerBenchmark {

    private static final int TABLES = 1_000;
    private static final int FOREIGN_KEYS_PER_TABLE = 10;
    private static final int CORE_TABLES = 20;
    private static final int MODULE_SIZE = 10;
    private static final int IN_PROCESS_WARM_UP = 10_000;
    private static final int IN_PROCESS_MEASURED = 40_000;
    private static final int SERVICE_WARM_UP = 1_000;
    private static final int SERVICE_MEASURED = 10_000;

    public static void main(String[] args) throws Exception {
        Path analyzerJar = Path.of(args.length > 0 ? args[0] : "change-analyzer/target/change-analyzer-0.1.0-SNAPSHOT.jar");
        try {
            new AnalyzerBenchmark().run(analyzerJar);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run(Path analyzerJar) throws Exception {
        PostgresCluster postgres = PostgresCluster.get();
        String database = postgres.createDatabase("analyzer_bench");
        long started = System.nanoTime();
        List<RelationDefinition> tables = createSchema(postgres, database);
        System.out.printf("schema: %d tables, %d foreign keys, created in %.1f s%n", TABLES, TABLES * FOREIGN_KEYS_PER_TABLE,
                (System.nanoTime() - started) / 1e9);

        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl(database));
        dataSource.setUser(postgres.superuser());
        dataSource.setPassword(postgres.password());
        LiveDatabase live = new PostgresLiveDatabase("bench", dataSource, LiveDatabaseSettings.defaults());
        ImpactAnalyzer analyzer = new ImpactAnalyzer(new RuleBook(Map.of(), Thresholds.DEFAULT), new RollbackPlanner(),
                new ApprovalPolicy(Severity.BREAKING, List.of()), Map.of("bench", live), false, Clock.systemUTC());
        inProcess(analyzer, tables);
        service(analyzerJar, postgres, database, tables);
    }

    private static List<RelationDefinition> createSchema(PostgresCluster postgres, String database) throws SQLException {
        Random random = new Random(7);
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (int t = 0; t < TABLES; t++) {
                StringBuilder create = new StringBuilder("CREATE TABLE bench_t" + t + " (id bigint PRIMARY KEY, name text");
                for (int k = 0; k < FOREIGN_KEYS_PER_TABLE; k++) {
                    create.append(", ref_").append(k).append(" bigint");
                }
                sql.execute(create.append(")").toString());
            }
            for (int t = 0; t < TABLES; t++) {
                for (int k = 0; k < FOREIGN_KEYS_PER_TABLE; k++) {
                    sql.execute("ALTER TABLE bench_t" + t + " ADD CONSTRAINT bench_t" + t + "_ref_" + k
                            + " FOREIGN KEY (ref_" + k + ") REFERENCES bench_t" + parent(t, k, random));
                }
            }
            connection.commit();
            Map<String, Long> oids = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT relname, oid FROM pg_class WHERE relname LIKE 'bench\\_t%' AND relkind = 'r'")) {
                while (rows.next()) {
                    oids.put(rows.getString(1), rows.getLong(2));
                }
            }
            Map<String, List<ConstraintDefinition>> keys = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT conrelid::regclass::text, conname, confrelid::regclass::text, "
                    + "(SELECT attname FROM pg_attribute WHERE attrelid = conrelid AND attnum = conkey[1]) "
                    + "FROM pg_constraint WHERE contype = 'f'")) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(
                            foreignKey(rows.getString(2), List.of(rows.getString(4)), "public", rows.getString(3), List.of("id")));
                }
            }
            connection.commit();
            List<RelationDefinition> tables = new ArrayList<>();
            for (int t = 0; t < TABLES; t++) {
                String name = "bench_t" + t;
                var builder = table("public", name).oid(oids.get(name)).rows(10_000).bytes(2_000_000)
                        .column(column(1, "id", "bigint").notNull()).column(column(2, "name", "text"))
                        .constraint(primaryKey(name + "_pkey", "id"));
                for (int k = 0; k < FOREIGN_KEYS_PER_TABLE; k++) {
                    builder.column(column(3 + k, "ref_" + k, "bigint"));
                }
                keys.getOrDefault(name, List.of()).forEach(builder::constraint);
                tables.add(builder.build());
            }
            return tables;
        }
    }

    /**
     * Shaped like a real schema: {@value #CORE_TABLES} core tables (tenants, users...) that
     * reference each other, cycles included, and modules of {@value #MODULE_SIZE} tables whose keys
     * point at earlier tables of their module and at the core.
     */
    private static int parent(int table, int key, Random random) {
        if (table < CORE_TABLES) {
            return random.nextInt(CORE_TABLES);
        }
        int moduleStart = table - (table - CORE_TABLES) % MODULE_SIZE;
        boolean toCore = key < 2 || table == moduleStart;
        return toCore ? random.nextInt(CORE_TABLES) : moduleStart + random.nextInt(table - moduleStart);
    }

    /** A single-column change: a nullable column added to a random table, as schema-monitor would describe it. */
    private static SchemaChangeEvent columnChange(List<RelationDefinition> tables, Random random, int i) {
        RelationDefinition before = tables.get(random.nextInt(tables.size()));
        String column = "added_" + i;
        RelationDefinition after = from(before).column(column, "text").build();
        return event("ALTER TABLE", "ALTER TABLE " + before.name() + " ADD COLUMN " + column + " text")
                .id(UUID.randomUUID().toString()).database("bench")
                .change(columnAdded(after, column)).before(before).after(after).build();
    }

    private static void inProcess(ImpactAnalyzer analyzer, List<RelationDefinition> tables) throws Exception {
        Random random = new Random(11);
        List<IncomingChange> changes = new ArrayList<>();
        for (int i = 0; i < IN_PROCESS_WARM_UP + IN_PROCESS_MEASURED; i++) {
            SchemaChangeEvent event = columnChange(tables, random, i);
            changes.add(new IncomingChange(envelope(event), event, List.of()));
        }
        analyse(analyzer, changes.subList(0, IN_PROCESS_WARM_UP), 2);
        List<IncomingChange> measured = changes.subList(IN_PROCESS_WARM_UP, changes.size());
        long started = System.nanoTime();
        List<Long> latencies = analyse(analyzer, measured, 2);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%nchange-analyzer, analysis in process (2 threads, %,d single-column changes after %,d warm-up; replay off)%n",
                IN_PROCESS_MEASURED, IN_PROCESS_WARM_UP);
        System.out.printf("  throughput %,.0f reports/s (target >= 2,000): %s%n", IN_PROCESS_MEASURED / seconds,
                verdict(IN_PROCESS_MEASURED / seconds >= 2_000));
        System.out.printf("  per report: median %.3f ms, p99 %.3f ms, max %.3f ms (target p99 < 50 ms): %s%n",
                percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100), verdict(percentile(latencies, 99) < 50));
    }

    /** @return microseconds per report, analysis and JSON together */
    private static List<Long> analyse(ImpactAnalyzer analyzer, List<IncomingChange> changes, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    for (int i = first; i < changes.size(); i += threads) {
                        long start = System.nanoTime();
                        ImpactReport report = analyzer.analyze(changes.get(i));
                        EventJson.write(report);
                        latencies.add((System.nanoTime() - start) / 1_000);
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void service(Path jar, PostgresCluster postgres, String database, List<RelationDefinition> tables) throws Exception {
        KafkaBroker kafka = KafkaBroker.get();
        String inputTopic = "bench.schema-changes";
        String outputTopic = "bench.impact-reports";
        kafka.createTopics(inputTopic, outputTopic, "bench.impact-decisions");
        int port = FreePort.find();
        Process analyzer = startAnalyzer(jar, postgres, database, kafka.bootstrapServers(), port, inputTopic, outputTopic);
        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers());
             KafkaConsumer<String, byte[]> consumer = consumer(kafka.bootstrapServers(), outputTopic)) {
            awaitReady(port);
            Random random = new Random(13);
            send(producer, inputTopic, tables, random, 0, SERVICE_WARM_UP);
            drain(consumer, SERVICE_WARM_UP, new HashMap<>());
            Map<String, Long> sentAt = new HashMap<>();
            long started = System.nanoTime();
            Map<String, Long> timestamps = send(producer, inputTopic, tables, random, SERVICE_WARM_UP, SERVICE_MEASURED);
            sentAt.putAll(timestamps);
            List<Long> latencies = drain(consumer, SERVICE_MEASURED, sentAt);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%nchange-analyzer service end to end (own JVM -Xmx256m; %,d records in on Kafka -> reports acknowledged on Kafka and stored in MongoDB)%n",
                    SERVICE_MEASURED);
            System.out.printf("  throughput %,.0f reports/s (target >= 2,000): %s%n", SERVICE_MEASURED / seconds,
                    verdict(SERVICE_MEASURED / seconds >= 2_000));
            System.out.printf("  input record -> report record: median %.1f s, p99 %.1f s (all %,d records offered at once, so this is mostly queueing)%n",
                    percentile(latencies, 50) / 1_000, percentile(latencies, 99) / 1_000, SERVICE_MEASURED);
        } finally {
            analyzer.destroy();
            analyzer.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Long> send(KafkaProducer<String, byte[]> producer, String topic, List<RelationDefinition> tables,
                                          Random random, int from, int count) {
        Map<String, Long> sentAt = new HashMap<>();
        for (int i = from; i < from + count; i++) {
            SchemaChangeEvent event = columnChange(tables, random, i);
            sentAt.put(event.eventId(), System.currentTimeMillis() * 1_000);
            producer.send(EventEnvelope.toRecord(topic, event.key(), envelope(event)));
        }
        producer.flush();
        return sentAt;
    }

    /** @return microseconds from each change's send to its report's record timestamp (millisecond resolution) */
    private static List<Long> drain(KafkaConsumer<String, byte[]> consumer, int count, Map<String, Long> sentAt) {
        List<Long> latencies = new ArrayList<>();
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (seen < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + count + " reports within 5 minutes");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                seen++;
                Long sent = sentAt.get(EventEnvelope.correlationId(EventEnvelope.fromRecord(record)));
                if (sent != null) {
                    latencies.add(record.timestamp() * 1_000 - sent);
                }
            }
        }
        return latencies;
    }

    private static CloudEvent envelope(SchemaChangeEvent event) {
        return EventEnvelope.originating(event.eventId(), URI.create("/schemawatch/schema-monitor/bench"), SchemaChangeEvent.TYPE,
                event.key(), event.occurredAt(), Instant.now(), EventJson.write(event));
    }

    private static Process startAnalyzer(Path jar, PostgresCluster postgres, String database, String bootstrap, int port,
                                         String inputTopic, String outputTopic) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.mongodb.uri=" + MongoWireServer.get().connectionString("bench-analyzer"),
                "--spring.cloud.stream.bindings.analyzeSchemaChange-in-0.destination=" + inputTopic,
                "--spring.cloud.stream.bindings.impactReports-out-0.destination=" + outputTopic,
                "--spring.cloud.stream.bindings.impactDecisions-out-0.destination=bench.impact-decisions",
                "--schemawatch.analyzer.databases[0].name=bench",
                "--schemawatch.analyzer.databases[0].url=" + postgres.jdbcUrl(database),
                "--schemawatch.analyzer.databases[0].username=" + postgres.superuser(),
                "--schemawatch.analyzer.databases[0].password=" + postgres.password(),
                "--schemawatch.analyzer.replay-queries=false",
                "--logging.level.root=WARN");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("change-analyzer/target/benchmark-analyzer.log").toFile())
                .start();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void awaitReady(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the analyzer was not ready within 120 s; see change-analyzer/target/benchmark-analyzer.log");
    }

    private static double percentile(List<Long> values, double percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000.0;
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
