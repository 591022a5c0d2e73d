package dev.schemawatch.e2e;

import dev.schemawatch.testsupport.FreePort;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.LoopbackEndpoint;
import dev.schemawatch.testsupport.MongoWireServer;
import dev.schemawatch.testsupport.PostgresCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline as it is deployed: the five services' boot jars, each as its own JVM, on the
 * shared test infrastructure (PostgreSQL cluster, KRaft broker, MongoDB-wire server) and a
 * {@link LoopbackEndpoint} standing in for Slack ({@value #SLACK_PATH}) and a signed webhook
 * receiver ({@value #WEBHOOK_PATH}). Logs are structured JSON, one file per service.
 */
public final class Pipeline implements AutoCloseable {

    public static final String SLACK_PATH = "/slack";
    public static final String WEBHOOK_PATH = "/webhook";
    public static final String WEBHOOK_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("e2e-secret-of-thirty-two-bytes!!".getBytes());
    public static final String ADMIN_KEY = "e2e-admin-key";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final LoopbackEndpoint endpoint;
    private final Path logs;

    private Pipeline(LoopbackEndpoint endpoint, Path logs) {
        this.endpoint = endpoint;
        this.logs = logs;
    }

    /**
     * Starts the five services against {@code database} (called {@code name} in events) and waits until all are ready.
     *
     * @param root the repository's root, where each service's {@code target/} holds its jar
     */
    public static Pipeline start(Path root, String database, String name, Path logs, Map<String, String> notifierSettings) {
        return start(root, database, name, logs, notifierSettings, service -> MongoWireServer.get().connectionString("e2e-" + service), List.of());
    }

    /**
     * As {@link #start(Path, String, String, Path, Map)}, with each service's MongoDB connection string given by
     * {@code mongoUri} (from the service's name), e.g. of a server that keeps its data in a file as run-local's does,
     * and {@code jvmOptions} after the services' own ({@code -Xmx256m -XX:TieredStopAtLevel=1}), so that they win.
     */
    public static Pipeline start(Path root, String database, String name, Path logs, Map<String, String> notifierSettings,
                                 java.util.function.Function<String, String> mongoUri, List<String> jvmOptions) {
        Pipeline pipeline = new Pipeline(LoopbackEndpoint.start(), logs);
        try {
            Files.createDirectories(logs);
            PostgresCluster postgres = PostgresCluster.get();
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.get().bootstrapServers());
            environment.put("PGHOST", postgres.host());
            environment.put("PGPORT", Integer.toString(postgres.port()));
            environment.put("PGDATABASE", database);
            environment.put("PGUSER", postgres.superuser());
            environment.put("PGPASSWORD", postgres.password());
            environment.put("MONITOR_DATABASE_NAME", name);
            environment.put("LOG_FORMAT", "logstash");
            for (String service : List.of("schema-monitor", "change-analyzer", "test-generator", "test-executor", "notifier")) {
                pipeline.services.put(service, new Service(service, FreePort.find(), root.resolve(service).resolve("target/" + service + "-0.1.0-SNAPSHOT.jar")));
            }
            List<String> notifierArguments = new ArrayList<>(List.of(
                    "--schemawatch.notifier.admin-api-key=" + ADMIN_KEY,
                    "--schemawatch.notifier.links.analyzer=" + pipeline.url("change-analyzer", ""),
                    "--schemawatch.notifier.links.executor=" + pipeline.url("test-executor", ""),
                    "--schemawatch.notifier.links.notifier=" + pipeline.url("notifier", ""),
                    "--schemawatch.notifier.channels[0].id=slack",
                    "--schemawatch.notifier.channels[0].type=SLACK",
                    "--schemawatch.notifier.channels[0].url=" + pipeline.endpoint.url(SLACK_PATH),
                    "--schemawatch.notifier.channels[1].id=webhook",
                    "--schemawatch.notifier.channels[1].type=WEBHOOK",
                    "--schemawatch.notifier.channels[1].url=" + pipeline.endpoint.url(WEBHOOK_PATH),
                    "--schemawatch.notifier.channels[1].secrets[0]=" + WEBHOOK_SECRET));
            notifierSettings.forEach((key, value) -> notifierArguments.add("--" + key + "=" + value));
            for (Service service : pipeline.services.values()) {
                Map<String, String> own = new LinkedHashMap<>(environment);
                own.put("PORT", Integer.toString(service.port()));
                own.put("MONGODB_URI", mongoUri.apply(service.name()));
                service.start(own, jvmOptions, service.name().equals("notifier") ? notifierArguments : List.of(), logs);
            }
            for (Service service : pipeline.services.values()) {
                service.awaitReady(READY_TIMEOUT);
            }
            return pipeline;
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public LoopbackEndpoint endpoint() {
        return endpoint;
    }

    public URI url(String service, String path) {
        return URI.create("http://127.0.0.1:" + services.get(service).port() + path);
    }

    /** GET on a service's API, the body as text; fails on any status but 200. */
    public String get(String service, String path) {
        return Service.get(url(service, path));
    }

    public Path log(String service) {
        return logs.resolve(service + ".log");
    }

    /** The process ids of the five JVMs, for resident-memory figures. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.values().forEach(service -> pids.put(service.name(), service.process().pid()));
        return pids;
    }

    /** Stops the services newest first, each given time for a graceful stop (SIGTERM), then the endpoint. */
    @Override
    public void close() {
        List<Service> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(Service::stop);
        endpoint.close();
    }

    private static final class Service {

        private final String name;
        private final int port;
        private final Path jar;
        private Process process;

        Service(String name, int port, Path jar) {
            this.name = name;
            this.port = port;
            this.jar = jar;
        }

        String name() {
            return name;
        }

        int port() {
            return port;
        }

        Process process() {
            return process;
        }

        void start(Map<String, String> environment, List<String> jvmOptions, List<String> arguments, Path logs) throws IOException {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the end-to-end tests run the packaged services; build them first"
                        + " (./mvnw -DskipTests package, or run the whole build: ./scripts/test.sh)");
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        }

        void awaitReady(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " ended with exit code " + process.exitValue() + " before it was ready; see its log");
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + name, e);
                }
                sleep(250);
            }
            throw new IllegalStateException(name + " not ready within " + timeout);
        }

        void stop() {
            if (process == null || !process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        static String get(URI uri) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + uri, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
