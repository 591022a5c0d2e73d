package dev.schemawatch.e2e.bench;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.e2e.Pipeline;
import dev.schemawatch.testsupport.FreePort;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.LoopbackEndpoint.Request;
import dev.schemawatch.testsupport.MongoWireServer;
import dev.schemawatch.testsupport.PostgresCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Measures what issue #7 promises of the whole pipeline, and prints the figures. The five services
 * run from their boot jars, each as its own JVM ({@link Pipeline}: {@code -Xmx256m}), on real
 * infrastructure: a private PostgreSQL cluster, and in this JVM the KRaft broker, the MongoDB-wire
 * server (its data in an H2 file) and the HTTP endpoint that stands in for Slack and the signed
 * webhook — the same processes {@code scripts/run-local.sh} runs. DDL goes in on JDBC, messages come
 * out at the endpoint. The Slack channel takes impact messages only (it is paced at one message a
 * second); the webhook takes everything.
 * <ol>
 *   <li>latency: {@value #WARM_UP} warm-up DDL, then {@value #MEASURED} {@code ADD COLUMN} (LOW, so
 *       announced with their test results) and {@value #BREAKING} {@code DROP COLUMN} (BREAKING, its
 *       impact announced at once), each in its own transaction, offered one every
 *       {@value #PACE_MILLIS} ms without waiting for the previous, over {@value #TABLES} tables. For each:
 *       the commit time in its schema-change event to the first webhook request carrying its
 *       correlation id; the per-stage breakdown from the services' latency histograms (deltas over the
 *       phase) and from the Kafka record timestamps of each DDL's events;</li>
 *   <li>burst: {@value #BURST} DDL committed back to back on one connection; the time until all of
 *       them have a test result delivered at the webhook (given up after {@value #BURST_LIMIT_MINUTES}
 *       minutes), with each topic's progress meanwhile;</li>
 *   <li>CPU: the seconds each process used while idle and in each phase (/proc; this JVM's split by
 *       thread), so that a missed target shows where the machine's time went;</li>
 *   <li>memory: peak (VmHWM) and current (VmRSS) resident memory of the five JVMs, this JVM and the
 *       PostgreSQL processes, and the largest total sampled every second.</li>
 * </ol>
 * Run with {@code scripts/benchmark-pipeline.sh}.
 */
public final class PipelineBenchmark {

    private static final String NAME = "bench";
    private static final int TABLES = 50;
    private static final int WARM_UP = 30;
    private static final int MEASURED = 300;
    private static final int BREAKING = 50;
    private static final int BURST = 1_000;
    private static final int PACE_MILLIS = 400;
    private static final int OFFERING_CONNECTIONS = 4;
    private static final int BURST_LIMIT_MINUTES = 5;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final int IDLE_SECONDS = 20;
    /** For experiments: JVM options for the five services after Pipeline's own, from BENCHMARK_SERVICE_JVM_OPTIONS. */
    private static final List<String> SERVICE_JVM_OPTIONS = java.util.Arrays.stream(
            System.getenv().getOrDefault("BENCHMARK_SERVICE_JVM_OPTIONS", "").trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    private static final String TEST_RESULT = "TEST_RESULT";
    private static final String IMPACT = "IMPACT";
    private static final List<String> STAGE_TOPICS = List.of(Topics.SCHEMA_CHANGES, Topics.IMPACT_REPORTS, Topics.TEST_SUITES, Topics.TEST_RESULTS);
    /** Each service's DDL-commit-to-its-output histogram, in pipeline order. */
    private static final Map<String, String> STAGE_METRICS = stageMetrics();
    private static final String GC = "gc:";

    private final Path root;
    private final List<Row> rows = new ArrayList<>();
    private final TopicWatcher watcher = new TopicWatcher();
    /** Correlation id to the first webhook request that carried it, any kind / by kind. */
    private final Map<String, Instant> delivered = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> deliveredByKind = new ConcurrentHashMap<>();
    private final AtomicInteger webhookRequests = new AtomicInteger();
    private final AtomicInteger slackRequests = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<CpuUse> cpuUse = new ArrayList<>();
    /** Offers paced DDL, each thread on a connection of its own; long-lived, so that /proc keeps its threads' CPU time. */
    private final ExecutorService offering = Executors.newFixedThreadPool(OFFERING_CONNECTIONS, runnable -> {
        Thread thread = new Thread(runnable, "ddl-offer");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Connection> offeringConnections = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<Connection> offeringConnection = ThreadLocal.withInitial(this::offeringConnection);
    private volatile Pipeline pipeline;
    private volatile MemorySampler sampler;
    private String database;
    private long postmaster = -1;

    private PipelineBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) {
        quiet("state.change.logger", "de.bwaldvogel", "org.apache.kafka", "kafka");
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        PipelineBenchmark benchmark = new PipelineBenchmark(root);
        // The five JVMs go whatever ends this one: a failure, System.exit, Ctrl-C. PostgreSQL and Kafka
        // are stopped by test-support's own exit hooks.
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stop, "stop-pipeline"));
        int status = 1;
        try {
            benchmark.run();
            status = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            benchmark.stop();
        }
        // The broker's exit hook and Kafka's temporary-directory hook race; what they log then is no figure of ours.
        off("org.apache.kafka", "kafka");
        System.exit(status);
    }

    private void run() throws Exception {
        long began = System.nanoTime();
        PostgresCluster postgres = PostgresCluster.get();
        database = postgres.createDatabase("pipeline_bench");
        postgres.execute(database, IntStream.range(0, TABLES)
                .mapToObj(t -> "CREATE TABLE bench_t" + t + " (id bigint PRIMARY KEY, name text NOT NULL, d1 text);")
                .collect(Collectors.joining("\n")));
        postmaster = postmasterPid(postgres);
        KafkaBroker.get().createTopics(Topics.SCHEMA_CHANGES, Topics.IMPACT_REPORTS, Topics.IMPACT_DECISIONS, Topics.TEST_SUITES,
                Topics.TEST_RESULTS, Topics.NOTIFICATIONS);
        Thread watching = new Thread(watcher, "topic-watcher");
        watching.setDaemon(true);
        watching.start();

        Path logs = root.resolve("end-to-end/target/benchmark-logs");
        // As run-local keeps it: the services' MongoDB data in an H2 file, not in this JVM's heap.
        Path mongoFile = root.resolve("end-to-end/target/benchmark-mongodb.h2");
        Files.deleteIfExists(mongoFile);
        Files.deleteIfExists(Path.of(mongoFile + ".mv.db"));
        MongoWireServer mongo = MongoWireServer.persistent(mongoFile, FreePort.find());
        // Slack takes about one message a second per channel, by design; at 2.5 DDL/s in their own transactions (own groups)
        // a Slack channel taking test results would fall behind without end and fill the notifier's latency histogram with
        // its pacing. So the Slack channel takes impact messages only, as a team would route it; the webhook takes everything.
        pipeline = Pipeline.start(root, database, NAME, logs, Map.of("schemawatch.notifier.channels[0].kinds", IMPACT),
                service -> mongo.connectionString("bench-" + service), SERVICE_JVM_OPTIONS);
        pipeline.endpoint().onRequest(this::onRequest);
        sampler = new MemorySampler();
        Thread sampling = new Thread(sampler, "memory-sampler");
        sampling.setDaemon(true);
        sampling.start();
        System.out.printf("pipeline ready %.0f s after the start: %s; PostgreSQL %s:%d/%s, %d tables; logs in %s%n",
                (System.nanoTime() - began) / 1e9, pipeline.pids(), postgres.host(), postgres.port(), database, TABLES,
                root.relativize(logs));

        List<String> warmUp = statements(WARM_UP, i -> "ALTER TABLE bench_t" + (i % TABLES) + " ADD COLUMN w" + i + " text");
        offer(warmUp);
        awaitDelivered(warmUp, TEST_RESULT, SETTLE_TIMEOUT, "warm-up");
        System.out.printf("warm-up: %d DDL offered every %d ms, all announced%n", WARM_UP, PACE_MILLIS);
        Thread.sleep(5_000);
        Map<String, Double> idleBefore = cpu();
        Thread.sleep(IDLE_SECONDS * 1_000L);
        cpuUse.add(new CpuUse("idle " + IDLE_SECONDS + " s", idleBefore, cpu(), 0));

        lowChanges();
        breakingChanges();
        burst();
        printCpu();
        memory();

        stop();
        System.out.printf("%nwebhook requests %,d, Slack requests %,d, unreadable webhook bodies %d; run took %.0f s%n",
                webhookRequests.get(), slackRequests.get(), unreadable.get(), (System.nanoTime() - began) / 1e9);
        print();
    }

    /** Phase 1a: nullable columns added, LOW: the first message about each is its test results. */
    private void lowChanges() throws Exception {
        List<String> measured = statements(MEASURED, i -> "ALTER TABLE bench_t" + (i % TABLES) + " ADD COLUMN c" + i + " text");
        Map<String, Histogram> before = scrape();
        Map<String, Double> cpuBefore = cpu();
        Offered offered = offer(measured);
        awaitDelivered(measured, TEST_RESULT, SETTLE_TIMEOUT, "ADD COLUMN");
        Map<String, Double> cpuAfter = cpu();
        Map<String, Histogram> after = scrape();
        List<Long> micros = commitToDelivery(measured, null);
        System.out.printf("%nDDL commit -> message (ADD COLUMN, LOW: the test-results message): %d DDL offered every %d ms over %.1f s (%s)%n",
                MEASURED, PACE_MILLIS, offered.seconds(), offered.describe());
        System.out.printf("  median %.0f ms, p99 %.0f ms, max %.0f ms%n", percentile(micros, 50), percentile(micros, 99), percentile(micros, 100));
        printBreakdown(delta(after, before));
        printStages(measured, List.of(Topics.SCHEMA_CHANGES, Topics.IMPACT_REPORTS, Topics.TEST_SUITES, Topics.TEST_RESULTS), TEST_RESULT);
        cpuUse.add(new CpuUse(MEASURED + " ADD COLUMN", cpuBefore, cpuAfter, MEASURED));
        printGc(delta(after, before));
        double p99 = percentile(micros, 99);
        rows.add(new Row("ADD COLUMN (LOW) commit -> results msg, median", ms(percentile(micros, 50)), "", ""));
        rows.add(new Row("ADD COLUMN (LOW) commit -> results msg, p99", ms(p99), "< 1,000 ms", verdict(p99 < 1_000)));
        rows.add(new Row("ADD COLUMN (LOW) commit -> results msg, max", ms(percentile(micros, 100)), "", ""));
    }

    /** Phase 1b: columns dropped, BREAKING: the impact message goes out before the tests ran. */
    private void breakingChanges() throws Exception {
        List<String> drops = statements(BREAKING, i -> "ALTER TABLE bench_t" + (i % TABLES) + " DROP COLUMN d1");
        Map<String, Histogram> before = scrape();
        Map<String, Double> cpuBefore = cpu();
        int slackBefore = slackRequests.get();
        Offered offered = offer(drops);
        awaitDelivered(drops, IMPACT, SETTLE_TIMEOUT, "DROP COLUMN impact");
        awaitDelivered(drops, TEST_RESULT, SETTLE_TIMEOUT, "DROP COLUMN test results");
        Map<String, Double> cpuAfter = cpu();
        Map<String, Histogram> after = scrape();
        int slack = slackRequests.get() - slackBefore;
        List<Long> micros = commitToDelivery(drops, null);
        List<Long> results = commitToDelivery(drops, TEST_RESULT);
        System.out.printf("%nDDL commit -> message (DROP COLUMN, BREAKING: the impact message): %d DDL offered every %d ms over %.1f s (%s)%n",
                BREAKING, PACE_MILLIS, offered.seconds(), offered.describe());
        System.out.printf("  median %.0f ms, p99 %.0f ms, max %.0f ms; its test-results message: median %.0f ms, p99 %.0f ms%n",
                percentile(micros, 50), percentile(micros, 99), percentile(micros, 100), percentile(results, 50), percentile(results, 99));
        printBreakdown(delta(after, before));
        System.out.printf("    (the notifier's histogram holds both channels: %d of its deliveries went to Slack, which takes one message a second)%n",
                slack);
        printStages(drops, List.of(Topics.SCHEMA_CHANGES, Topics.IMPACT_REPORTS), IMPACT);
        cpuUse.add(new CpuUse(BREAKING + " DROP COLUMN", cpuBefore, cpuAfter, BREAKING));
        printGc(delta(after, before));
        double p99 = percentile(micros, 99);
        rows.add(new Row("DROP COLUMN (BREAKING) commit -> impact msg, median", ms(percentile(micros, 50)), "", ""));
        rows.add(new Row("DROP COLUMN (BREAKING) commit -> impact msg, p99", ms(p99), "< 1,000 ms", verdict(p99 < 1_000)));
        rows.add(new Row("DROP COLUMN (BREAKING) commit -> impact msg, max", ms(percentile(micros, 100)), "", ""));
    }

    /** Phase 2: {@value #BURST} DDL as fast as one connection commits them; until all their test results are delivered. */
    private void burst() throws Exception {
        List<String> burst = statements(BURST, i -> "ALTER TABLE bench_t" + (i % TABLES) + " ADD COLUMN b" + i + " text");
        closeOfferingConnections();
        Map<String, Histogram> before = scrape();
        Map<String, Double> cpuBefore = cpu();
        System.out.printf("%nburst: %,d DDL committed back to back on one connection, each its own transaction%n", BURST);
        Instant start;
        Instant committed;
        try (Connection connection = PostgresCluster.get().connect(database); Statement sql = connection.createStatement()) {
            start = Instant.now();
            for (String statement : burst) {
                sql.execute(statement);
            }
            committed = Instant.now();
        }
        double commitSeconds = seconds(start, committed);
        System.out.printf("  committed in %.1f s (%,.0f DDL/s)%n", commitSeconds, BURST / commitSeconds);
        Instant deadline = start.plus(Duration.ofMinutes(BURST_LIMIT_MINUTES));
        Instant nextReport = start.plusSeconds(10);
        int done = 0;
        while (Instant.now().isBefore(deadline)) {
            done = count(burst, TEST_RESULT);
            if (done == BURST) {
                break;
            }
            if (Instant.now().isAfter(nextReport)) {
                System.out.printf("  +%3.0f s: %s%n", seconds(start, Instant.now()), progress(burst));
                nextReport = nextReport.plusSeconds(10);
            }
            Thread.sleep(200);
        }
        Map<String, Double> cpuAfter = cpu();
        Map<String, Histogram> after = scrape();
        Map<String, Instant> results = deliveredByKind.getOrDefault(TEST_RESULT, Map.of());
        List<Instant> deliveries = ids(burst).stream().map(results::get).filter(Objects::nonNull).sorted().toList();
        System.out.printf("  each topic: records of the burst, and when its last one was written (from the first DDL's start)%n");
        for (String topic : STAGE_TOPICS) {
            List<Long> stamps = ids(burst).stream().map(id -> watcher.firstOn(topic).get(id)).filter(Objects::nonNull).sorted().toList();
            System.out.printf("    %-28s %,5d   %s%n", topic, stamps.size(),
                    stamps.isEmpty() ? "" : String.format("last at +%.1f s", (stamps.get(stamps.size() - 1) - start.toEpochMilli()) / 1e3));
        }
        System.out.printf("    %-28s %,5d   %s%n", "delivered (webhook results)", deliveries.size(),
                deliveries.isEmpty() ? "" : String.format("last at +%.1f s", seconds(start, deliveries.get(deliveries.size() - 1))));
        printBreakdown(delta(after, before));
        cpuUse.add(new CpuUse(String.format("%,d-DDL burst", BURST), cpuBefore, cpuAfter, deliveries.size()));
        printGc(delta(after, before));
        if (deliveries.size() == BURST) {
            double total = seconds(start, deliveries.get(deliveries.size() - 1));
            System.out.printf("  all %,d test results delivered %.1f s after the first DDL (%,.1f DDL/s end to end)%n", BURST, total, BURST / total);
            rows.add(new Row("1,000-DDL burst, all results delivered", String.format("%.1f s", total), "< 60 s", verdict(total < 60)));
        } else {
            double elapsed = seconds(start, Instant.now());
            System.out.printf("  NOT FINISHED: %,d of %,d delivered after %.0f s (%.1f DDL/s); backlog: %s%n", deliveries.size(), BURST, elapsed,
                    deliveries.size() / elapsed, progress(burst));
            rows.add(new Row("1,000-DDL burst, all results delivered", String.format("> %.0f s (%,d done)", elapsed, deliveries.size()), "< 60 s",
                    verdict(false)));
        }
        rows.add(new Row("1,000-DDL burst, DDL committed", String.format("%.1f s", commitSeconds), "", ""));
        if (!deliveries.isEmpty()) {
            double span = seconds(start, deliveries.get(deliveries.size() - 1));
            rows.add(new Row("1,000-DDL burst, end-to-end rate", String.format("%.1f DDL/s", deliveries.size() / span), "", ""));
        }
    }

    private String progress(List<String> burst) {
        List<String> ids = ids(burst);
        StringBuilder line = new StringBuilder();
        for (String topic : STAGE_TOPICS) {
            Map<String, Long> seen = watcher.firstOn(topic);
            long count = ids.stream().filter(seen::containsKey).count();
            line.append(topic.replace("schemawatch.", "")).append(' ').append(count).append(", ");
        }
        Map<String, Instant> results = deliveredByKind.getOrDefault(TEST_RESULT, Map.of());
        return line.append("delivered ").append(ids.stream().filter(results::containsKey).count()).toString();
    }

    /** Phase 3: resident memory of every process of the stack. */
    private void memory() {
        Map<String, long[]> parts = new LinkedHashMap<>();
        pipeline.pids().forEach((service, pid) -> {
            String metrics = pipeline.get(service, "/actuator/prometheus");
            long[] figures = status(pid);
            parts.put(service, new long[] {figures[0], figures[1], (long) gauge(metrics, "jvm_memory_committed_bytes", "area=\"heap\""),
                    (long) gauge(metrics, "jvm_memory_committed_bytes", "area=\"nonheap\"")});
        });
        java.lang.management.MemoryMXBean own = java.lang.management.ManagementFactory.getMemoryMXBean();
        long[] self = status(ProcessHandle.current().pid());
        parts.put("benchmark JVM (Kafka, MongoDB-wire, endpoint)", new long[] {self[0], self[1], own.getHeapMemoryUsage().getCommitted(),
                own.getNonHeapMemoryUsage().getCommitted()});
        List<Long> postgresPids = postgresPids();
        long[] postgres = new long[3];
        for (long pid : postgresPids) {
            long[] one = status(pid);
            postgres[0] += one[0];
            postgres[1] += one[1];
            postgres[2] += pss(pid);
        }
        System.out.printf("%nresident memory                                 peak (VmHWM)  now (VmRSS)   JVM: heap committed, non-heap committed%n");
        long peak = 0;
        long now = 0;
        for (Map.Entry<String, long[]> part : parts.entrySet()) {
            System.out.printf("  %-46s %9s %12s   %9s %9s%n", part.getKey(), mb(part.getValue()[0]), mb(part.getValue()[1]), mb(part.getValue()[2]),
                    mb(part.getValue()[3]));
            peak += part.getValue()[0];
            now += part.getValue()[1];
        }
        System.out.printf("  %-46s %9s %12s   (%d processes; PSS, shared memory counted once: %s)%n", "PostgreSQL",
                mb(postgres[0]), mb(postgres[1]), postgresPids.size(), mb(postgres[2]));
        peak += postgres[0];
        now += postgres[1];
        System.out.printf("  %-46s %9s %12s   (largest total sampled each second: %s; now, with PostgreSQL by PSS: %s)%n", "total", mb(peak),
                mb(now), mb(sampler.maxTotal), mb(now - postgres[1] + postgres[2]));
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        long bodies = 0;
        int kept = 0;
        for (String path : List.of(Pipeline.WEBHOOK_PATH, Pipeline.SLACK_PATH)) {
            for (Request request : pipeline.endpoint().requests(path)) {
                bodies += request.body().length;
                kept++;
            }
        }
        System.out.printf("  (the benchmark JVM's heap held %s after its last collection, %s of it the %,d requests the endpoint keeps)%n", mb(live),
                mb(bodies), kept);
        rows.add(new Row("resident memory, sum of peaks (VmHWM)", mb(peak), "< 2,048 MB", verdict(peak < 2048L * 1024 * 1024)));
        rows.add(new Row("resident memory, largest sampled total", mb(sampler.maxTotal), "< 2,048 MB", verdict(sampler.maxTotal < 2048L * 1024 * 1024)));
    }

    // ---------------------------------------------------------------------------------------------- offering DDL

    private static List<String> statements(int count, Function<Integer, String> statement) {
        return IntStream.range(0, count).mapToObj(statement::apply).toList();
    }

    /** Offers the statements one every {@value #PACE_MILLIS} ms, each on a free connection of a small pool, autocommit. */
    private Offered offer(List<String> statements) throws Exception {
        List<Future<Long>> runs = new ArrayList<>();
        long interval = TimeUnit.MILLISECONDS.toNanos(PACE_MILLIS);
        long start = System.nanoTime();
        for (int i = 0; i < statements.size(); i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String statement = statements.get(i);
            runs.add(offering.submit(() -> {
                long began = System.nanoTime();
                try (Statement sql = offeringConnection.get().createStatement()) {
                    sql.execute(statement);
                }
                return (System.nanoTime() - began) / 1_000;
            }));
        }
        List<Long> micros = new ArrayList<>();
        for (Future<Long> run : runs) {
            micros.add(run.get());
        }
        return new Offered((System.nanoTime() - start) / 1e9, micros);
    }

    /** No paced DDL follows: their backends would only add to PostgreSQL's memory. */
    private void closeOfferingConnections() {
        synchronized (offeringConnections) {
            for (Connection connection : offeringConnections) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the server goes anyway
                }
            }
        }
    }

    private Connection offeringConnection() {
        try {
            Connection opened = PostgresCluster.get().connect(database);
            try (Statement sql = opened.createStatement()) {
                sql.execute("SET statement_timeout = '60s'");
            }
            offeringConnections.add(opened);
            return opened;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Offered(double seconds, List<Long> statementMicros) {

        String describe() {
            return String.format("each statement took median %.0f ms, max %.0f ms on its connection", percentile(statementMicros, 50),
                    percentile(statementMicros, 100));
        }
    }

    // ---------------------------------------------------------------------------------------------- what came out

    private void onRequest(Request request) {
        if (!Pipeline.WEBHOOK_PATH.equals(request.path())) {
            slackRequests.incrementAndGet();
            return;
        }
        webhookRequests.incrementAndGet();
        try {
            JsonNode data = EventJson.mapper().readTree(request.body()).path("data");
            for (JsonNode item : data.path("items")) {
                String correlationId = item.path("correlationId").asText();
                delivered.putIfAbsent(correlationId, request.receivedAt());
                deliveredByKind.computeIfAbsent(item.path("kind").asText(), kind -> new ConcurrentHashMap<>())
                        .putIfAbsent(correlationId, request.receivedAt());
            }
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
        }
    }

    /** The schema-change event ids of the statements that are on Kafka by now. */
    private List<String> ids(Collection<String> statements) {
        return statements.stream().map(watcher.changes::get).filter(Objects::nonNull).map(SchemaChangeEvent::eventId).toList();
    }

    private int count(List<String> statements, String kind) {
        Map<String, Instant> seen = kind == null ? delivered : deliveredByKind.getOrDefault(kind, Map.of());
        return (int) ids(statements).stream().filter(seen::containsKey).count();
    }

    private void awaitDelivered(List<String> statements, String kind, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (count(statements, kind) < statements.size()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + ": only " + count(statements, kind) + " of " + statements.size() + " DDL had a " + kind
                        + " message within " + timeout + " (" + ids(statements).size() + " of them on " + Topics.SCHEMA_CHANGES + ")");
            }
            Thread.sleep(100);
        }
    }

    /** Microseconds from each statement's commit (its schema-change event's commit time) to its first message (of a kind, or any). */
    private List<Long> commitToDelivery(List<String> statements, String kind) {
        Map<String, Instant> seen = kind == null ? delivered : deliveredByKind.getOrDefault(kind, Map.of());
        List<Long> micros = new ArrayList<>();
        for (String statement : statements) {
            SchemaChangeEvent event = watcher.changes.get(statement);
            micros.add(Duration.between(event.transaction().commitTime(), seen.get(event.eventId())).toNanos() / 1_000);
        }
        return micros;
    }

    /**
     * Where each statement's time went, from the Kafka record timestamps of its events (the moment each
     * service produced it): commit to the first topic, topic to topic, the last topic to the webhook.
     */
    private void printStages(List<String> statements, List<String> topics, String kind) {
        System.out.printf("  per DDL, from the Kafka record timestamps (ms)        median      p99      max%n");
        List<List<Long>> stages = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int s = 0; s <= topics.size(); s++) {
            stages.add(new ArrayList<>());
            labels.add(s == 0 ? "commit -> " + topics.get(0) + " (monitor)"
                    : s == topics.size() ? topics.get(s - 1) + " -> webhook (notifier)"
                    : topics.get(s - 1).replace("schemawatch.", "") + " -> " + topics.get(s).replace("schemawatch.", "") + " (" + stageOwner(topics.get(s)) + ")");
        }
        Map<String, Instant> seen = deliveredByKind.getOrDefault(kind, Map.of());
        for (String statement : statements) {
            SchemaChangeEvent event = watcher.changes.get(statement);
            long previous = event.transaction().commitTime().toEpochMilli() * 1_000;
            for (int s = 0; s <= topics.size(); s++) {
                Long next = s == topics.size() ? (Long) (seen.get(event.eventId()).toEpochMilli() * 1_000)
                        : (Long) (watcher.firstOn(topics.get(s)).getOrDefault(event.eventId(), -1L) * 1_000);
                if (next < 0) {
                    break;
                }
                stages.get(s).add(next - previous);
                previous = next;
            }
        }
        for (int s = 0; s < stages.size(); s++) {
            List<Long> micros = stages.get(s);
            if (!micros.isEmpty()) {
                System.out.printf("    %-50s %7.0f %8.0f %8.0f%n", labels.get(s), percentile(micros, 50), percentile(micros, 99), percentile(micros, 100));
            }
        }
    }

    private static String stageOwner(String topic) {
        return switch (topic) {
            case Topics.IMPACT_REPORTS -> "analyzer";
            case Topics.TEST_SUITES -> "generator";
            case Topics.TEST_RESULTS -> "executor";
            default -> "?";
        };
    }

    /** Follows the pipeline's topics from the beginning: schema-change events by statement, and when each correlation id first appeared on each topic. */
    private static final class TopicWatcher implements Runnable {

        final Map<String, SchemaChangeEvent> changes = new ConcurrentHashMap<>();
        private final Map<String, Map<String, Long>> first = new ConcurrentHashMap<>();
        volatile boolean stopped;

        Map<String, Long> firstOn(String topic) {
            return first.computeIfAbsent(topic, key -> new ConcurrentHashMap<>());
        }

        @Override
        public void run() {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.get().bootstrapServers());
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : STAGE_TOPICS) {
                    consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (!stopped) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        handle(record);
                    }
                }
            } catch (RuntimeException e) {
                if (!stopped) {
                    e.printStackTrace();
                }
            }
        }

        private void handle(ConsumerRecord<String, byte[]> record) {
            try {
                String correlationId = EventEnvelope.correlationId(EventEnvelope.fromRecord(record));
                firstOn(record.topic()).putIfAbsent(correlationId, record.timestamp());
                if (record.topic().equals(Topics.SCHEMA_CHANGES)) {
                    SchemaChangeEvent event = EventJson.read(record.value(), SchemaChangeEvent.class);
                    changes.putIfAbsent(event.ddl().strip(), event);
                }
            } catch (RuntimeException unreadable) {
                // not an event of the pipeline
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- latency metrics

    private static Map<String, String> stageMetrics() {
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("schema-monitor", "schemawatch_monitor_publish_latency_seconds");
        metrics.put("change-analyzer", "schemawatch_analyzer_ddl_to_report_seconds");
        metrics.put("test-generator", "schemawatch_generator_ddl_to_suite_seconds");
        metrics.put("test-executor", "schemawatch_executor_ddl_to_result_seconds");
        metrics.put("notifier", "schemawatch_notifier_ddl_to_delivery_seconds");
        return metrics;
    }

    /** The stage histograms, and each JVM's GC pauses (as a histogram without buckets: count and seconds) under {@value #GC}name. */
    private Map<String, Histogram> scrape() {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        STAGE_METRICS.forEach((service, metric) -> {
            String exposition = pipeline.get(service, "/actuator/prometheus");
            histograms.put(metric, Histogram.parse(exposition, metric));
            histograms.put(GC + service, Histogram.parse(exposition, "jvm_gc_pause_seconds"));
        });
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        histograms.put(GC + "benchmark JVM", new Histogram(new TreeMap<>(), collections, millis / 1e3));
        return histograms;
    }

    private static void printGc(Map<String, Histogram> delta) {
        StringBuilder line = new StringBuilder("  GC pauses over the phase (count, seconds): ");
        delta.forEach((key, histogram) -> {
            if (key.startsWith(GC)) {
                line.append(String.format("%s %.0f, %.2f s; ", key.substring(GC.length()), histogram.count(), histogram.sum()));
            }
        });
        System.out.println(line.substring(0, line.length() - 2));
    }

    private static Map<String, Histogram> delta(Map<String, Histogram> after, Map<String, Histogram> before) {
        Map<String, Histogram> delta = new LinkedHashMap<>();
        after.forEach((metric, histogram) -> delta.put(metric, histogram.minus(before.get(metric))));
        return delta;
    }

    private static void printBreakdown(Map<String, Histogram> histograms) {
        System.out.printf("  per stage, the services' DDL-commit-to-output histograms over the phase   count   mean ms  median<=  p99<=%n");
        STAGE_METRICS.values().stream().map(metric -> Map.entry(metric, histograms.get(metric))).forEach(entry -> {
            String metric = entry.getKey();
            Histogram histogram = entry.getValue();
            System.out.printf("    %-68s %6.0f %9.0f %9s %6s%n", metric, histogram.count(),
                    histogram.count() == 0 ? 0 : histogram.sum() / histogram.count() * 1_000, bound(histogram.quantile(0.5)), bound(histogram.quantile(0.99)));
        });
    }

    private static String bound(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        return Double.isInfinite(seconds) ? "+Inf" : String.format("%.0f", seconds * 1_000);
    }

    /** A Prometheus histogram summed over its series: cumulative count by upper bound (seconds), count, sum. */
    private record Histogram(TreeMap<Double, Double> buckets, double count, double sum) {

        static Histogram parse(String exposition, String metric) {
            TreeMap<Double, Double> buckets = new TreeMap<>();
            double count = 0;
            double sum = 0;
            for (String line : exposition.split("\n")) {
                if (line.startsWith("#") || !line.startsWith(metric)) {
                    continue;
                }
                String rest = line.substring(metric.length());
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (rest.startsWith("_bucket{")) {
                    int le = rest.indexOf("le=\"") + 4;
                    String bound = rest.substring(le, rest.indexOf('"', le));
                    buckets.merge(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), value, Double::sum);
                } else if (rest.startsWith("_count")) {
                    count += value;
                } else if (rest.startsWith("_sum")) {
                    sum += value;
                }
            }
            return new Histogram(buckets, count, sum);
        }

        Histogram minus(Histogram earlier) {
            TreeMap<Double, Double> difference = new TreeMap<>(buckets);
            if (earlier != null) {
                earlier.buckets.forEach((bound, value) -> difference.merge(bound, -value, Double::sum));
            }
            return new Histogram(difference, count - (earlier == null ? 0 : earlier.count), sum - (earlier == null ? 0 : earlier.sum));
        }

        /** The upper bound of the bucket holding the quantile. */
        double quantile(double q) {
            if (count <= 0) {
                return Double.NaN;
            }
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= q * count - 1e-9) {
                    return bucket.getKey();
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    // ---------------------------------------------------------------------------------------------- memory and CPU

    /** The sum of a metric's series whose labels contain {@code label}. */
    private static double gauge(String exposition, String metric, String label) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /**
     * CPU seconds used so far by each part of the stack (/proc, user and system). This JVM's share is split by thread
     * name: the MongoDB-wire server (its workers and H2's writer), the HTTP endpoint, the benchmark's own threads
     * (Kafka follower, DDL, sampler), the JVM's GC and JIT threads, and the rest, which is the Kafka broker (and
     * threads that ended). PostgreSQL's includes its ended backends (the postmaster's reaped children).
     */
    private Map<String, Double> cpu() {
        Map<String, Double> used = new LinkedHashMap<>();
        pipeline.pids().forEach((service, pid) -> used.put(service, cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"), false)));
        double postgres = 0;
        for (long pid : postgresPids()) {
            postgres += cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"), pid == postmaster);
        }
        used.put("PostgreSQL", postgres);
        Map<String, Double> own = new LinkedHashMap<>();
        for (String part : List.of(KAFKA, MONGO, ENDPOINT, JVM, BENCHMARK)) {
            own.put(part, 0.0);
        }
        double threads = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue;
                }
                double seconds = cpuSeconds(task.resolve("stat"), false);
                threads += seconds;
                own.merge(threadGroup(name), seconds, Double::sum);
            }
        } catch (IOException | RuntimeException notLinux) {
            // no split then
        }
        // Threads that ended still count in the process's total; they are the broker's and the clients' short-lived ones.
        own.merge(KAFKA, Math.max(0, cpuSeconds(Path.of("/proc/self/stat"), false) - threads), Double::sum);
        used.putAll(own);
        used.put(WALL, System.nanoTime() / 1e9);
        return used;
    }

    private static final String WALL = "@wall";
    private static final String KAFKA = "Kafka broker";
    private static final String MONGO = "MongoDB-wire (H2)";
    private static final String ENDPOINT = "HTTP endpoint";
    private static final String JVM = "its GC and JIT";
    private static final String BENCHMARK = "the benchmark itself";

    private static String threadGroup(String name) {
        if (name.startsWith("mongo-server") || name.startsWith("MVStore")) {
            return MONGO;
        }
        if (name.startsWith("loopback-endpo")) {
            return ENDPOINT;
        }
        if (name.equals("main") || name.startsWith("topic-watcher") || name.startsWith("ddl-offer") || name.startsWith("memory-sampler")) {
            return BENCHMARK;
        }
        if (name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")
                || name.startsWith("G1 ")) {
            return JVM;
        }
        return KAFKA;
    }

    /** utime + stime (+ cutime + cstime: children waited for) of a /proc stat file, in seconds at 100 ticks a second. */
    private static double cpuSeconds(Path stat, boolean withChildren) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** CPU seconds one part of the stack used over a phase. */
    private record CpuUse(String phase, Map<String, Double> before, Map<String, Double> after, int ddl) {

        double seconds(String part) {
            return after.getOrDefault(part, 0.0) - before.getOrDefault(part, 0.0);
        }

        double wall() {
            return seconds(WALL);
        }
    }

    private void printCpu() {
        System.out.printf("%nCPU seconds by process over each phase, from /proc (%d cores); the benchmark JVM's split by thread%s%n",
                Runtime.getRuntime().availableProcessors(), SERVICE_JVM_OPTIONS.isEmpty() ? "" : "; services with " + SERVICE_JVM_OPTIONS);
        StringBuilder header = new StringBuilder(String.format("  %-44s", ""));
        cpuUse.forEach(use -> header.append(String.format("%18s", use.phase())));
        System.out.println(header);
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String part : cpuUse.get(cpuUse.size() - 1).after().keySet()) {
            if (part.equals(WALL)) {
                continue;
            }
            boolean inBenchmarkJvm = List.of(KAFKA, MONGO, ENDPOINT, JVM, BENCHMARK).contains(part);
            StringBuilder line = new StringBuilder(String.format("  %-44s", (inBenchmarkJvm ? "  benchmark JVM: " : "") + part));
            for (CpuUse use : cpuUse) {
                line.append(String.format("%18.1f", use.seconds(part)));
                totals.merge(use.phase(), use.seconds(part), Double::sum);
            }
            System.out.println(line);
        }
        StringBuilder total = new StringBuilder(String.format("  %-44s", "total"));
        StringBuilder cores = new StringBuilder(String.format("  %-44s", "  as cores busy on average"));
        StringBuilder perDdl = new StringBuilder(String.format("  %-44s", "  per DDL (ms)"));
        for (CpuUse use : cpuUse) {
            double seconds = totals.get(use.phase());
            total.append(String.format("%18.1f", seconds));
            cores.append(String.format("%18.2f", seconds / use.wall()));
            perDdl.append(use.ddl() == 0 ? String.format("%18s", "-") : String.format("%18.0f", seconds * 1_000 / use.ddl()));
        }
        System.out.println(total);
        System.out.println(cores);
        System.out.println(perDdl);
    }

    /** The postmaster: the parent of this connection's backend. */
    private static long postmasterPid(PostgresCluster postgres) {
        try (Connection connection = postgres.connect("postgres"); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            long backend = row.getLong(1);
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(backend), "status"))) {
                if (line.startsWith("PPid:")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
        } catch (SQLException | IOException | RuntimeException notLocal) {
            // a server in a container or elsewhere: no figures for it
        }
        return -1;
    }

    private List<Long> postgresPids() {
        if (postmaster < 0) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(handle -> {
            pids.add(handle.pid());
            handle.children().forEach(child -> pids.add(child.pid()));
        });
        return pids;
    }

    /** {VmHWM, VmRSS} in bytes; zeros when the process is gone. */
    private static long[] status(long pid) {
        long[] values = new long[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                String[] parts = line.split("\\s+");
                if (parts.length == 3 && parts[2].equals("kB")) {
                    if (parts[0].equals("VmHWM:")) {
                        values[0] = Long.parseLong(parts[1]) * 1024;
                    } else if (parts[0].equals("VmRSS:")) {
                        values[1] = Long.parseLong(parts[1]) * 1024;
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended meanwhile
        }
        return values;
    }

    private static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended meanwhile, or no smaps_rollup
        }
        return 0;
    }

    /** The stack's total RSS every second; keeps the largest. */
    private final class MemorySampler implements Runnable {

        volatile long maxTotal;

        @Override
        public void run() {
            while (!closed.get()) {
                Pipeline running = pipeline;
                long total = status(ProcessHandle.current().pid())[1];
                for (long pid : running.pids().values()) {
                    total += status(pid)[1];
                }
                for (long pid : postgresPids()) {
                    total += status(pid)[1];
                }
                maxTotal = Math.max(maxTotal, total);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the end

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watcher.stopped = true;
        offering.shutdownNow();
        closeOfferingConnections();
        Pipeline running = pipeline;
        if (running != null) {
            running.close();
        }
        // Still starting (Pipeline.start had not returned) or not stopped: this JVM's own service children, by pid.
        List<ProcessHandle> left = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().map(line -> line.contains("-0.1.0-SNAPSHOT.jar")).orElse(false))
                .toList();
        left.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : left) {
            try {
                child.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                child.destroyForcibly();
            }
        }
    }

    private void print() {
        System.out.printf("%npipeline (five services, each its own JVM -Xmx256m, from their boot jars; PostgreSQL, KRaft, MongoDB-wire and the endpoint on this machine)%n");
        System.out.printf("  %-52s %20s  %-12s %s%n", "measure", "value", "target", "");
        for (Row row : rows) {
            System.out.printf("  %-52s %20s  %-12s %s%n", row.measure(), row.value(), row.target(), row.verdict());
        }
    }

    private record Row(String measure, String value, String target, String verdict) {
    }

    private static void quiet(String... loggers) {
        level(ch.qos.logback.classic.Level.WARN, loggers);
    }

    private static void off(String... loggers) {
        level(ch.qos.logback.classic.Level.OFF, loggers);
    }

    private static void level(ch.qos.logback.classic.Level level, String... loggers) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            for (String logger : loggers) {
                context.getLogger(logger).setLevel(level);
            }
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** @param micros microseconds; @return milliseconds, nearest rank */
    private static double percentile(List<Long> micros, double percentile) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000.0;
    }

    private static String ms(double millis) {
        return String.format("%,.0f ms", millis);
    }

    private static String mb(long bytes) {
        return String.format("%,d MB", bytes / 1024 / 1024);
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
