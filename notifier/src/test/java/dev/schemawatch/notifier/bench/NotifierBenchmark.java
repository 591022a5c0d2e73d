package dev.schemawatch.notifier.bench;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.notifier.Inputs;
import dev.schemawatch.testsupport.FreePort;
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
import java.lang.management.ManagementFactory;
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
 *       endpoint receiving the POST that carries it; then the same at {@value #SLOW_RATE}/s, for
 *       comparison;</li>
 *   <li>throughput: {@value #THROUGHPUT} reports produced as fast as the producer goes; deliveries
 *       per second from the first send to the last request; the CPU time each delivery cost the
 *       notifier and this JVM, and how busy the machine was; the notifier's heap (from its GC log)
 *       and RSS meanwhile, and its live heap after a full collection.</li>
 * </ol>
 * Run with {@code scripts/benchmark-notifier.sh}.
 */
public final class NotifierBenchmark {

    private static final int WARM_UP = 2_000;
    private static final int RATE = 500;
    /** A rate well below the notifier's capacity: its latency without queueing, beside the target's. */
    private static final int SLOW_RATE = 100;
    private static final int LATENCY_SECONDS = 10;
    private static final int THROUGHPUT = 20_000;
    private static final String PATH = "/bench";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);
    private static final Path LOG = Path.of("notifier/target/benchmark-notifier.log");
    private static final Pattern INPUT_EVENT_ID = Pattern.compile("\"inputEventId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Path GC_LOG = Path.of("notifier/target/benchmark-notifier-gc.log");
    /** A collection in the notifier's GC log: {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->35M(256M) 3.1ms}. */
    private static final Pattern COLLECTION = Pattern.compile("GC\\(\\d+\\) (Pause .*?) (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /** Linux's USER_HZ, the unit of /proc/[pid]/stat times. */
    private static final long TICKS_PER_SECOND = 100;

    /** Report id to the moment the endpoint received the POST carrying it (its first, should there be more). */
    private final Map<String, Instant> received = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger notOk = new AtomicInteger();
    private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();
    private final AtomicLong txids = new AtomicLong(1_000_000);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Row> rows = new ArrayList<>();

    private final List<String> notifierArguments;
    private volatile Process notifier;
    private int port;

    private NotifierBenchmark(List<String> notifierArguments) {
        this.notifierArguments = notifierArguments;
    }

    public static void main(String[] args) throws Exception {
        Path notifierJar = Path.of(args.length > 0 ? args[0] : "notifier/target/notifier-0.1.0-SNAPSHOT.jar");
        // Any further arguments go to the notifier, e.g. --schemawatch.notifier.delivery.worker-threads=8 to try a setting.
        NotifierBenchmark benchmark = new NotifierBenchmark(args.length > 1 ? List.of(args).subList(1, args.length) : List.of());
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
            port = FreePort.find();
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

                latency(steady, RATE, true);
                latency(steady, SLOW_RATE, false);
                throughput(bulk, liveAfterWarmUp);
            } finally {
                stopNotifier();
            }
            System.out.printf("%nrequests received %,d, duplicates %d, answered other than 2xx %d; run took %.0f s%n",
                    requests.get(), duplicates.get(), notOk.get(), (System.nanoTime() - began) / 1e9);
            print();
        }
    }

    /** Phase 2: a steady rate for {@value #LATENCY_SECONDS} s; input event (just before the send) to HTTP request. */
    private void latency(KafkaProducer<String, byte[]> producer, int rate, boolean target) throws InterruptedException {
        int count = rate * LATENCY_SECONDS;
        List<ProducerRecord<String, byte[]>> records = records(count);
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
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
        System.out.printf("latency at %d/s: %,d reports offered at %,.0f/s over %.1f s, all delivered%n", rate, count, count / offeredSeconds,
                offeredSeconds);
        double p99 = percentile(micros, 99);
        String at = String.format(" at %d/s", rate);
        rows.add(new Row("input event -> HTTP request" + at + ", median", String.format("%,.1f ms", percentile(micros, 50)), "", ""));
        rows.add(new Row("input event -> HTTP request" + at + ", p99", String.format("%,.1f ms", p99), target ? "< 50 ms" : "",
                target ? verdict(p99 < 50) : "(for comparison)"));
        rows.add(new Row("input event -> HTTP request" + at + ", max", String.format("%,.1f ms", percentile(micros, 100)), "", ""));
    }

    /**
     * Phase 3: {@value #THROUGHPUT} reports at once; deliveries per second from the first send to the
     * last request. Meanwhile the notifier's RSS is sampled from /proc, and the CPU time of both JVMs
     * and of the whole machine is taken, so that a bound by CPU shows; all of it cheap reads, no
     * scraping of the notifier, which would itself cost it CPU.
     */
    private void throughput(KafkaProducer<String, byte[]> producer, double liveAfterWarmUp) throws Exception {
        List<ProducerRecord<String, byte[]>> records = records(THROUGHPUT);
        RssSampler sampler = new RssSampler();
        Thread sampling = new Thread(sampler, "rss-sampler");
        sampling.setDaemon(true);
        sampling.start();
        int gcLinesBefore = gcLog().size();
        long[] machineBefore = machineTicks();
        long notifierCpuBefore = notifierCpuNanos();
        long ownCpuBefore = ownCpuNanos();
        Instant first = Instant.now();
        long started = System.nanoTime();
        records.forEach(record -> producer.send(record, this::sent));
        producer.flush();
        double producedSeconds = (System.nanoTime() - started) / 1e9;
        awaitDelivered(records, "throughput");
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        long notifierCpu = notifierCpuNanos() - notifierCpuBefore;
        long ownCpu = ownCpuNanos() - ownCpuBefore;
        long[] machineAfter = machineTicks();
        sampling.interrupt();
        sampling.join();
        Instant last = records.stream().map(record -> received.get(reportId(record))).max(Instant::compareTo).orElseThrow();
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        double rate = THROUGHPUT / seconds;
        System.out.printf("throughput: %,d reports produced in %.2f s (%,.0f/s), the last delivered %.2f s after the first send%n",
                THROUGHPUT, producedSeconds, THROUGHPUT / producedSeconds, seconds);
        int cores = Runtime.getRuntime().availableProcessors();
        double machineBusy = machineAfter[1] == machineBefore[1] ? 0
                : (double) (machineAfter[0] - machineBefore[0]) / (machineAfter[1] - machineBefore[1]);
        double notifierShare = notifierCpu / 1e9 / wallSeconds / cores;
        double ownShare = ownCpu / 1e9 / wallSeconds / cores;
        System.out.printf("  CPU per delivery: notifier %.2f ms, this JVM (broker, MongoDB-wire server, endpoint, producer) %.2f ms;"
                        + " %d cores %.0f%% busy: the notifier %.0f%%, this JVM %.0f%%, other processes %.0f%%%n",
                notifierCpu / 1e6 / THROUGHPUT, ownCpu / 1e6 / THROUGHPUT, cores, 100 * machineBusy, 100 * notifierShare, 100 * ownShare,
                100 * Math.max(0, machineBusy - notifierShare - ownShare));
        List<String> lines = gcLog();
        long peakHeap = collections(lines.subList(Math.min(gcLinesBefore, lines.size()), lines.size())).stream()
                .mapToLong(collection -> collection[0]).max().orElse(0);
        double liveAtEnd = heapAfterGc();
        Map<String, Long> status = processStatus();
        rows.add(new Row("webhook deliveries per second", String.format("%,.0f /s", rate), ">= 1,000 /s", verdict(rate >= 1_000)));
        rows.add(new Row("notifier heap, most in use (before a collection)", mb(peakHeap), "< 256 MB (-Xmx)",
                verdict(peakHeap > 0 && peakHeap < 256L * 1024 * 1024)));
        rows.add(new Row("notifier heap live, after warm-up / at end", mb(liveAfterWarmUp) + " / " + mb(liveAtEnd), "no growth",
                verdict(liveAtEnd > 0 && liveAtEnd < liveAfterWarmUp + 32 * 1024 * 1024)));
        rows.add(new Row("notifier RSS, most sampled / peak (VmHWM)", mb(sampler.maxRss.get()) + " / " + mb(status.getOrDefault("VmHWM", 0L)),
                "", ""));
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
        List<String> pending = new ArrayList<>(ids);
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (sendFailure.get() != null) {
                throw new IllegalStateException("a report could not be produced", sendFailure.get());
            }
            pending.removeIf(received::containsKey);
            int missing = pending.size();
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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Xlog:gc:file=" + GC_LOG, "-jar", jar.toString(),
                "--schemawatch.notifier.channels[0].id=bench",
                "--schemawatch.notifier.channels[0].type=WEBHOOK",
                "--schemawatch.notifier.channels[0].url=" + webhook,
                "--schemawatch.notifier.channels[0].secrets[0]=whsec_" + Base64.getEncoder().encodeToString(key),
                "--logging.level.root=WARN"));
        command.addAll(notifierArguments);
        if (!notifierArguments.isEmpty()) {
            System.out.println("notifier started with " + String.join(" ", notifierArguments));
        }
        Files.createDirectories(LOG.getParent());
        Files.deleteIfExists(GC_LOG);
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
        int before = gcLog().size();
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(notifier.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
        for (int i = 0; i < 50; i++) {
            List<String> lines = gcLog();
            for (String line : lines.subList(Math.min(before, lines.size()), lines.size())) {
                Matcher m = COLLECTION.matcher(line);
                if (m.find() && m.group(1).startsWith("Pause Full")) {
                    return Long.parseLong(m.group(3)) * 1024 * 1024;
                }
            }
            Thread.sleep(100);
        }
        return 0;
    }

    private static List<String> gcLog() throws IOException {
        return Files.exists(GC_LOG) ? Files.readAllLines(GC_LOG) : List.of();
    }

    /** @return per collection, the heap in use before and after it, in bytes */
    private static List<long[]> collections(List<String> lines) {
        List<long[]> collections = new ArrayList<>();
        for (String line : lines) {
            Matcher m = COLLECTION.matcher(line);
            if (m.find()) {
                collections.add(new long[] {Long.parseLong(m.group(2)) * 1024 * 1024, Long.parseLong(m.group(3)) * 1024 * 1024});
            }
        }
        return collections;
    }

    /** User and system CPU time of the notifier process, from /proc/[pid]/stat. */
    private long notifierCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(notifier.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @return busy and total ticks of all CPUs together, from /proc/stat */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {0, 0};
        }
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

    /** Samples the notifier's RSS every 100 ms: a read of /proc, which costs the notifier nothing. */
    private final class RssSampler implements Runnable {
        final AtomicLong maxRss = new AtomicLong();

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                maxRss.accumulateAndGet(processStatus().getOrDefault("VmRSS", 0L), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void print() {
        System.out.printf("%nnotifier (own JVM -Xmx256m; HIGH impact reports in on Kafka -> signed CloudEvents webhook POSTs to a loopback endpoint)%n");
        System.out.printf("  %-52s %16s  %-16s %s%n", "measure", "value", "target", "");
        for (Row row : rows) {
            System.out.printf("  %-52s %16s  %-16s %s%n", row.measure(), row.value(), row.target(), row.verdict());
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
