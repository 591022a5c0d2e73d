package dev.schemawatch.notifier.bench;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.notifier.Inputs;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.LoopbackEndpoint;
import dev.schemawatch.testsupport.MongoWireServer;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what issue #6 promises, on real servers, and prints the figures. The notifier runs as
 * its own JVM ({@code -Xmx256m}) from its boot jar with one signed WEBHOOK channel pointing at a
 * real HTTP endpoint on loopback ({@link LoopbackEndpoint}); the KRaft broker and the
 * MongoDB-wire server run in this JVM. Inputs are HIGH impact reports as change-analyzer publishes
 * them, each in its own transaction so that none is grouped with another: one report, one POST.
 * <ol>
 *   <li>warm-up: {@value #WARM_UP} reports, all delivered;</li>
 *   <li>latency at a healthy endpoint: reports offered at a steady {@value #RATE}/s for
 *       {@value #LATENCY_SECONDS} s; for each, the time from just before it is produced to the
 *       endpoint receiving the POST that carries it;</li>
 *   <li>throughput: {@value #THROUGHPUT} reports produced as fast as the producer goes; deliveries
 *       per second from the first send to the last request; the notifier's heap and RSS meanwhile.</li>
 * </ol>
 * Run with {@code scripts/benchmark-notifier.sh}.
 */
public final class NotifierBenchmark {

    private static final int WARM_UP = 2_000;
    private static final int RATE = 500;
    private static final int LATENCY_SECONDS = 10;
    private static final int THROUGHPUT = 20_000;
    private static final String PATH = "/bench";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(3);
    private static final Path LOG = Path.of("notifier/target/benchmark-notifier.log");
    private static final Pattern INPUT_EVENT_ID = Pattern.compile("\"inputEventId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HEAP_USED = Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)");

    /** Report id to the moment the endpoint received the POST carrying it (its first, should there be more). */
    private final Map<String, Instant> received = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger notOk = new AtomicInteger();
    private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();
    private final AtomicLong txids = new AtomicLong(1_000_000);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Row> rows = new ArrayList<>();

    private Process notifier;
    private int port;

    public static void main(String[] args) throws Exception {
        Path notifierJar = Path.of(args.length > 0 ? args[0] : "notifier/target/notifier-0.1.0-SNAPSHOT.jar");
        NotifierBenchmark benchmark = new NotifierBenchmark();
        // The notifier JVM goes whatever ends this one: a failure, System.exit, Ctrl-C.
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopNotifier, "stop-notifier"));
        try {
            benchmark.run(notifierJar);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run(Path notifierJar) throws Exception {
        long began = System.nanoTime();
        KafkaBroker kafka = KafkaBroker.get();
        kafka.createTopics(Topics.IMPACT_REPORTS, Topics.TEST_RESULTS, Topics.NOTIFICATIONS);
        String mongoUri = MongoWireServer.get().connectionString("bench-notifier-" + UUID.randomUUID().toString().substring(0, 8));
        try (LoopbackEndpoint endpoint = LoopbackEndpoint.start();
             KafkaProducer<String, byte[]> steady = producer(kafka.bootstrapServers(), 0);
             KafkaProducer<String, byte[]> bulk = producer(kafka.bootstrapServers(), 5)) {
            endpoint.onRequest(this::onRequest);
            port = freePort();
            notifier = startNotifier(notifierJar, kafka.bootstrapServers(), mongoUri, endpoint.url(PATH));
            try {
                awaitReady();
                System.out.printf("notifier ready (pid %d) %.1f s after the start%n", notifier.pid(), (System.nanoTime() - began) / 1e9);

                List<ProducerRecord<String, byte[]>> warmUp = records(WARM_UP);
                long started = System.nanoTime();
                warmUp.forEach(record -> bulk.send(record, this::sent));
                bulk.flush();
                awaitDelivered(warmUp, "warm-up");
                System.out.printf("warm-up: %,d reports delivered in %.1f s%n", WARM_UP, (System.nanoTime() - started) / 1e9);
                double liveAfterWarmUp = heapAfterGc();

                latency(steady);
                throughput(bulk, liveAfterWarmUp);
            } finally {
                stopNotifier();
            }
            System.out.printf("%nrequests received %,d, duplicates %d, answered other than 2xx %d; run took %.0f s%n",
                    requests.get(), duplicates.get(), notOk.get(), (System.nanoTime() - began) / 1e9);
            print();
        }
    }

    /** Phase 2: a steady {@value #RATE}/s for {@value #LATENCY_SECONDS} s; input event (just before the send) to HTTP request. */
    private void latency(KafkaProducer<String, byte[]> producer) throws InterruptedException {
        int count = RATE * LATENCY_SECONDS;
        List<ProducerRecord<String, byte[]>> records = records(count);
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            ProducerRecord<String, byte[]> record = records.get(i);
            sentAt.put(reportId(record), Instant.now());
            producer.send(record, this::sent);
        }
        double offeredSeconds = (System.nanoTime() - start) / 1e9;
        producer.flush();
        awaitDelivered(records, "latency");
        List<Long> micros = new ArrayList<>();
        sentAt.forEach((id, sent) -> micros.add(Duration.between(sent, received.get(id)).toNanos() / 1_000));
        System.out.printf("latency: %,d reports offered at %,.0f/s over %.1f s, all delivered%n", count, count / offeredSeconds, offeredSeconds);
        double p99 = percentile(micros, 99);
        rows.add(new Row("input event -> HTTP request, median", String.format("%.1f ms", percentile(micros, 50)), "", ""));
        rows.add(new Row("input event -> HTTP request, p99", String.format("%.1f ms", p99), "< 50 ms", verdict(p99 < 50)));
        rows.add(new Row("input event -> HTTP request, max", String.format("%.1f ms", percentile(micros, 100)), "", ""));
    }

    /** Phase 3: {@value #THROUGHPUT} reports at once; deliveries per second from the first send to the last request. */
    private void throughput(KafkaProducer<String, byte[]> producer, double liveAfterWarmUp) throws Exception {
        List<ProducerRecord<String, byte[]>> records = records(THROUGHPUT);
        MemorySampler sampler = new MemorySampler();
        Thread sampling = new Thread(sampler, "memory-sampler");
        sampling.setDaemon(true);
        sampling.start();
        Instant first = Instant.now();
        long started = System.nanoTime();
        records.forEach(record -> producer.send(record, this::sent));
        producer.flush();
        double producedSeconds = (System.nanoTime() - started) / 1e9;
        awaitDelivered(records, "throughput");
        sampling.interrupt();
        sampling.join();
        Instant last = records.stream().map(record -> received.get(reportId(record))).max(Instant::compareTo).orElseThrow();
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        double rate = THROUGHPUT / seconds;
        System.out.printf("throughput: %,d reports produced in %.2f s (%,.0f/s), the last delivered %.2f s after the first send%n",
                THROUGHPUT, producedSeconds, THROUGHPUT / producedSeconds, seconds);
        double liveAtEnd = heapAfterGc();
        Map<String, Long> status = processStatus();
        rows.add(new Row("webhook deliveries per second", String.format("%,.0f /s", rate), ">= 1,000 /s", verdict(rate >= 1_000)));
        rows.add(new Row("notifier heap, max used while delivering", mb(sampler.maxHeap.get()), "< 256 MB (-Xmx)",
                verdict(sampler.maxHeap.get() > 0 && sampler.maxHeap.get() < 256L * 1024 * 1024)));
        rows.add(new Row("notifier heap live, after warm-up / at end", mb(liveAfterWarmUp) + " / " + mb(liveAtEnd), "no growth",
                verdict(liveAtEnd > 0 && liveAtEnd < liveAfterWarmUp + 32 * 1024 * 1024)));
        rows.add(new Row("notifier RSS, max sampled / peak (VmHWM)", mb(sampler.maxRss.get()) + " / " + mb(status.getOrDefault("VmHWM", 0L)), "", ""));
    }

    /** Reports of distinct transactions, built before they are timed. */
    private List<ProducerRecord<String, byte[]>> records(int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long txid = txids.incrementAndGet();
            ImpactReport report = Inputs.impact(UUID.randomUUID().toString(), "bench_t" + (txid % 100), Severity.HIGH, txid);
            SchemaChangeEvent change = report.change();
            // As Inputs.publish builds it, sent through this benchmark's own asynchronous producer.
            CloudEvent event = EventEnvelope.following(change.eventId(), change.eventId(), change.transaction().commitTime(),
                    URI.create("/schemawatch/change-analyzer"), ImpactReport.TYPE, report.key(), Instant.now(), EventJson.write(report));
            records.add(EventEnvelope.toRecord(Topics.IMPACT_REPORTS, report.key(), event));
        }
        return records;
    }

    private static String reportId(ProducerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }

    private void sent(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
        if (error != null) {
            sendFailure.compareAndSet(null, error);
        }
    }

    private void onRequest(LoopbackEndpoint.Request request) {
        requests.incrementAndGet();
        if (request.answeredStatus() / 100 != 2) {
            notOk.incrementAndGet();
        }
        Matcher ids = INPUT_EVENT_ID.matcher(request.bodyText());
        while (ids.find()) {
            if (received.putIfAbsent(ids.group(1), request.receivedAt()) != null) {
                duplicates.incrementAndGet();
            }
        }
    }

    private void awaitDelivered(List<ProducerRecord<String, byte[]>> records, String phase) throws InterruptedException {
        List<String> ids = records.stream().map(NotifierBenchmark::reportId).toList();
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (sendFailure.get() != null) {
                throw new IllegalStateException("a report could not be produced", sendFailure.get());
            }
            long missing = ids.stream().filter(id -> !received.containsKey(id)).count();
            if (missing == 0) {
                return;
            }
            if (!notifier.isAlive()) {
                throw new IllegalStateException("the notifier exited (" + notifier.exitValue() + ") during the " + phase + " phase; see " + LOG);
            }
            if (System.nanoTime() > nextProgress) {
                System.out.printf("  %s: %,d of %,d delivered so far%n", phase, ids.size() - missing, ids.size());
                nextProgress += TimeUnit.SECONDS.toNanos(10);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phase + ": " + missing + " of " + ids.size() + " reports not delivered within " + PHASE_TIMEOUT
                        + "; see " + LOG);
            }
            Thread.sleep(20);
        }
    }

    private Process startNotifier(Path builtJar, String bootstrap, String mongoUri, URI webhook) throws IOException {
        // Its own copy: a build replacing target/*.jar under a running JVM breaks its class loading.
        Path jar = Files.createTempFile("notifier-bench-", ".jar");
        jar.toFile().deleteOnExit();
        Files.copy(builtJar, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
                "--schemawatch.notifier.channels[0].id=bench",
                "--schemawatch.notifier.channels[0].type=WEBHOOK",
                "--schemawatch.notifier.channels[0].url=" + webhook,
                "--schemawatch.notifier.channels[0].secrets[0]=whsec_" + Base64.getEncoder().encodeToString(key),
                "--logging.level.root=WARN");
        Files.createDirectories(LOG.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("MONGODB_URI", mongoUri);
        builder.environment().put("PORT", String.valueOf(port));
        // plain text rather than JSON lines, easier to read in the log
        builder.environment().put("LOG_FORMAT", "");
        return builder.start();
    }

    private synchronized void stopNotifier() {
        Process process = notifier;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!notifier.isAlive()) {
                throw new IllegalStateException("the notifier exited (" + notifier.exitValue() + ") while starting; see " + LOG);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the notifier was not ready within 120 s; see " + LOG);
    }

    /** The notifier's heap in use right after a full collection it was asked for: what it keeps, not what it has yet to collect. */
    private double heapAfterGc() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(notifier.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
        return heapUsed();
    }

    private double heapUsed() throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP_USED.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** VmRSS, VmHWM... of the notifier, in bytes (Linux). */
    private Map<String, Long> processStatus() {
        Map<String, Long> values = new ConcurrentHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(notifier.pid()), "status"))) {
                String[] parts = line.split("\\s+");
                if (parts.length == 3 && parts[0].startsWith("Vm") && parts[2].equals("kB")) {
                    values.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]) * 1024);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // no figures then
        }
        return values;
    }

    /** Samples the notifier's heap (actuator) and RSS (/proc) every 250 ms. */
    private final class MemorySampler implements Runnable {
        final AtomicLong maxHeap = new AtomicLong();
        final AtomicLong maxRss = new AtomicLong();

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    maxHeap.accumulateAndGet((long) heapUsed(), Math::max);
                    maxRss.accumulateAndGet(processStatus().getOrDefault("VmRSS", 0L), Math::max);
                    Thread.sleep(250);
                } catch (IOException missed) {
                    // one sample fewer
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void print() {
        System.out.printf("%nnotifier (own JVM -Xmx256m; HIGH impact reports in on Kafka -> signed CloudEvents webhook POSTs to a loopback endpoint)%n");
        System.out.printf("  %-44s %18s  %-16s %s%n", "measure", "value", "target", "");
        for (Row row : rows) {
            System.out.printf("  %-44s %18s  %-16s %s%n", row.measure(), row.value(), row.target(), row.verdict());
        }
    }

    private record Row(String measure, String value, String target, String verdict) {
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String mb(double bytes) {
        return String.format("%.0f MB", bytes / 1024 / 1024);
    }

    /** @param micros microseconds; @return milliseconds */
    private static double percentile(List<Long> micros, double percentile) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000.0;
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
