package dev.schemawatch.monitor.bench;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.MongoWireServer;
import dev.schemawatch.testsupport.PostgresCluster;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what issue #2 promises, on real servers, and prints the figures:
 * <ul>
 *   <li>DDL commit → schema-change event visible on Kafka, median and p99 over {@value #MEASURED} DDL,
 *       beside the floor: Debezium's own latency for a plain INSERT into an ordinary captured table,
 *       run in the same database with the same poll interval and the same acknowledged publish;</li>
 *   <li>a {@value #BULK}-DDL transaction: commit → last event visible;</li>
 *   <li>the monitor's heap, the monitor running as its own JVM with {@code -Xmx256m}.</li>
 * </ul>
 * Run with {@code scripts/benchmark-monitor.sh}.
 */
public final class CaptureLatencyBenchmark {

    private static final int WARM_UP = 50;
    private static final int MEASURED = 500;
    private static final int BULK = 1000;
    private static final int TABLES = 50;
    private static final String FLOOR_TOPIC = "bench.floor";

    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    private final Map<String, Instant> commits = new ConcurrentHashMap<>();
    private final AtomicLong maxHeapBytes = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path monitorJar = Path.of(args.length > 0 ? args[0] : "schema-monitor/target/schema-monitor-0.1.0-SNAPSHOT.jar");
        try {
            new CaptureLatencyBenchmark().run(monitorJar);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run(Path monitorJar) throws Exception {
        PostgresCluster postgres = PostgresCluster.get();
        String bootstrap = KafkaBroker.get().bootstrapServers();
        String database = postgres.createDatabase("bench");
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, payload text)");
            sql.execute("CREATE PUBLICATION bench_floor FOR TABLE bench_floor");
            for (int t = 0; t < TABLES; t++) {
                sql.execute("CREATE TABLE bench_t" + t + " (id bigint PRIMARY KEY, name text, amount numeric(12,2))");
            }
        }
        KafkaBroker.get().createTopics(Topics.SCHEMA_CHANGES, FLOOR_TOPIC);
        ExecutorService background = Executors.newCachedThreadPool();
        background.submit(() -> consume(bootstrap));
        int monitorPort = freePort();
        Process monitor = startMonitor(monitorJar, database, bootstrap, monitorPort);
        DebeziumEngine<RecordChangeEvent<SourceRecord>> floor = floorEngine(postgres, database, bootstrap);
        background.submit(floor);
        background.submit(() -> sampleHeap(monitorPort));
        try {
            awaitReady(monitorPort);
            List<Long> ddl = new ArrayList<>();
            List<Long> inserts = new ArrayList<>();
            try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
                for (int i = 0; i < WARM_UP + MEASURED; i++) {
                    String marker = "floor-" + i;
                    sql.execute("INSERT INTO bench_floor (payload) VALUES ('" + marker + "')");
                    long insertLatency = awaitLatency(marker);
                    String statement = ddl(i);
                    sql.execute(statement);
                    long ddlLatency = awaitLatency(statement);
                    if (i >= WARM_UP) {
                        inserts.add(insertLatency);
                        ddl.add(ddlLatency);
                    }
                }
                Duration bulk = bulkTransaction(connection);
                report(ddl, inserts, bulk);
            }
        } finally {
            floor.close();
            monitor.destroy();
            monitor.waitFor(30, TimeUnit.SECONDS);
            background.shutdownNow();
        }
    }

    /** A mix of everyday DDL over {@value #TABLES} tables, each table's definition staying small. */
    private static String ddl(int i) {
        String table = "bench_t" + (i % TABLES);
        return switch ((i / TABLES) % 4) {
            case 0 -> "ALTER TABLE " + table + " ADD COLUMN added_" + i + " text";
            case 1 -> "COMMENT ON TABLE " + table + " IS 'round " + i + "'";
            case 2 -> "CREATE INDEX " + table + "_name_" + i + " ON " + table + " (name)";
            default -> "ALTER TABLE " + table + " ALTER COLUMN name SET DEFAULT 'n" + i + "'";
        };
    }

    private Duration bulkTransaction(Connection connection) throws SQLException, InterruptedException {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            statements.add(i < 100 ? "CREATE TABLE bench_bulk_" + i + " (id int)"
                    : "ALTER TABLE bench_bulk_" + (i % 100) + " ADD COLUMN c" + i + " int");
        }
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
        connection.commit();
        Instant committed = Instant.now();
        connection.setAutoCommit(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!statements.stream().allMatch(arrivals::containsKey)) {
            if (System.nanoTime() > deadline) {
                long missing = statements.stream().filter(s -> !arrivals.containsKey(s)).count();
                throw new IllegalStateException(missing + " of " + BULK + " bulk events did not arrive within 120 s");
            }
            Thread.sleep(5);
        }
        Instant last = statements.stream().map(arrivals::get).max(Instant::compareTo).orElseThrow();
        return Duration.between(committed, last);
    }

    private long awaitLatency(String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(arrivals.containsKey(key) && commits.containsKey(key))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no event for " + key + " within 30 s");
            }
            Thread.sleep(0, 200_000);
        }
        return Duration.between(commits.get(key), arrivals.get(key)).toNanos() / 1_000;
    }

    private void consume(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.SCHEMA_CHANGES, FLOOR_TOPIC));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Instant now = Instant.now();
                    if (record.topic().equals(FLOOR_TOPIC)) {
                        String marker = new String(record.value());
                        commits.put(marker, Instant.ofEpochSecond(0, ByteBuffer.wrap(record.headers().lastHeader("commit-us").value()).getLong() * 1_000));
                        arrivals.put(marker, now);
                    } else {
                        SchemaChangeEvent event = EventJson.read(record.value(), SchemaChangeEvent.class);
                        if (event.ddl() != null && event.transaction().commitTime() != null) {
                            commits.put(event.ddl(), event.transaction().commitTime());
                            arrivals.put(event.ddl(), now);
                        }
                    }
                }
            }
        }
    }

    /** Debezium on an ordinary table, publishing each INSERT and waiting for Kafka's acknowledgement: the floor. */
    private static DebeziumEngine<RecordChangeEvent<SourceRecord>> floorEngine(PostgresCluster postgres, String database, String bootstrap) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        Properties config = new Properties();
        config.setProperty("name", "bench-floor");
        config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        config.setProperty("offset.flush.interval.ms", "1000");
        config.setProperty("database.hostname", postgres.host());
        config.setProperty("database.port", Integer.toString(postgres.port()));
        config.setProperty("database.user", postgres.superuser());
        config.setProperty("database.password", postgres.password());
        config.setProperty("database.dbname", database);
        config.setProperty("topic.prefix", "bench");
        config.setProperty("plugin.name", "pgoutput");
        config.setProperty("slot.name", "bench_floor");
        config.setProperty("publication.name", "bench_floor");
        config.setProperty("publication.autocreate.mode", "disabled");
        config.setProperty("table.include.list", "public\\.bench_floor");
        config.setProperty("snapshot.mode", "no_data");
        config.setProperty("poll.interval.ms", "10");
        return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(config)
                .notifying((records, committer) -> {
                    for (RecordChangeEvent<SourceRecord> change : records) {
                        if (change.record().value() instanceof Struct envelope && envelope.getStruct("after") != null) {
                            Struct source = envelope.getStruct("source");
                            ProducerRecord<String, byte[]> out = new ProducerRecord<>(FLOOR_TOPIC,
                                    envelope.getStruct("after").getString("payload").getBytes());
                            out.headers().add("commit-us", ByteBuffer.allocate(8).putLong(source.getInt64("ts_us")).array());
                            try {
                                producer.send(out).get();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        committer.markProcessed(change);
                    }
                    committer.markBatchFinished();
                })
                .build();
    }

    private static Process startMonitor(Path jar, String database, String bootstrap, int port) throws IOException {
        PostgresCluster postgres = PostgresCluster.get();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.mongodb.uri=" + MongoWireServer.get().connectionString("bench-monitor"),
                "--schemawatch.monitor.databases[0].name=bench",
                "--schemawatch.monitor.databases[0].host=" + postgres.host(),
                "--schemawatch.monitor.databases[0].port=" + postgres.port(),
                "--schemawatch.monitor.databases[0].database=" + database,
                "--schemawatch.monitor.databases[0].username=" + postgres.superuser(),
                "--schemawatch.monitor.databases[0].password=" + postgres.password(),
                "--logging.level.root=WARN");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("schema-monitor/target/benchmark-monitor.log").toFile())
                .start();
    }

    private static void awaitReady(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the monitor is still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the monitor was not streaming within 120 s; see schema-monitor/target/benchmark-monitor.log");
    }

    private void sampleHeap(int port) {
        HttpClient http = HttpClient.newHttpClient();
        Pattern heapUsed = Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)");
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = heapUsed.matcher(metrics);
                double total = 0;
                while (m.find()) {
                    total += Double.parseDouble(m.group(1));
                }
                maxHeapBytes.accumulateAndGet((long) total, Math::max);
                Thread.sleep(250);
            } catch (IOException notYet) {
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void report(List<Long> ddl, List<Long> inserts, Duration bulk) {
        double ddlMedian = percentile(ddl, 50);
        double floorMedian = percentile(inserts, 50);
        double ddlP99 = percentile(ddl, 99);
        double heapMb = maxHeapBytes.get() / 1024.0 / 1024.0;
        System.out.printf("%nschema-monitor capture latency: commit -> event visible on Kafka (%d measured after %d warm-up)%n", MEASURED, WARM_UP);
        System.out.printf("  %-28s %10s %10s %10s%n", "", "median", "p99", "max");
        System.out.printf("  %-28s %8.1f ms %8.1f ms %8.1f ms%n", "DDL via schema-monitor", ddlMedian, ddlP99, percentile(ddl, 100));
        System.out.printf("  %-28s %8.1f ms %8.1f ms %8.1f ms%n", "INSERT via Debezium (floor)", floorMedian, percentile(inserts, 99), percentile(inserts, 100));
        System.out.printf("  median DDL / floor: %.2f (target <= 1.5): %s%n", ddlMedian / floorMedian, verdict(ddlMedian <= 1.5 * floorMedian));
        System.out.printf("  p99 DDL: %.1f ms (target < 250 ms): %s%n", ddlP99, verdict(ddlP99 < 250));
        System.out.printf("%d-DDL transaction: all events on Kafka %.2f s after commit (target < 10 s): %s%n",
                BULK, bulk.toMillis() / 1000.0, verdict(bulk.compareTo(Duration.ofSeconds(10)) < 0));
        System.out.printf("monitor heap (separate JVM, -Xmx256m): max used %.0f MB (target < 256 MB): %s%n",
                heapMb, verdict(heapMb > 0 && heapMb < 256));
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    private static double percentile(List<Long> micros, int p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
