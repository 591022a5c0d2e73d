package dev.schemawatch.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A real HTTP server on the loopback interface that records every request and answers as told:
 * the webhook and Slack endpoint of the notifier's tests, benchmark and local run. Each path
 * answers 200 unless answers were queued for it ({@link #answer}); queued answers are used up in
 * order.
 */
public final class LoopbackEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> queued = new ConcurrentHashMap<>();
    private volatile Consumer<Request> listener = request -> { };

    private LoopbackEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static LoopbackEndpoint start() {
        return start(0);
    }

    public static LoopbackEndpoint start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            LoopbackEndpoint endpoint = new LoopbackEndpoint(server);
            server.createContext("/", endpoint::handle);
            server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "loopback-endpoint");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Queues answers for a path, used by its next requests in order; afterwards it answers 200 again. */
    public void answer(String path, Answer... answers) {
        queued.computeIfAbsent(path, key -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
    }

    /** Called with every request once it was answered (e.g. to print it). */
    public void onRequest(Consumer<Request> listener) {
        this.listener = listener;
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Waits until {@code count} requests to the path satisfy {@code matching}; returns those. */
    public List<Request> await(String path, int count, Predicate<Request> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Request> found = requests(path).stream().filter(matching).toList();
            if (found.size() >= count || Instant.now().isAfter(deadline)) {
                if (found.size() < count) {
                    throw new AssertionError("expected " + count + " requests to " + path + " within " + timeout + ", got " + found.size()
                            + " (all requests to it: " + requests(path).size() + ")");
                }
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant received = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Deque<Answer> answers = queued.get(path);
            Answer answer = answers == null ? null : answers.poll();
            if (answer == null) {
                answer = Answer.status(200);
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
            Request request = new Request(exchange.getRequestMethod(), path, headers, body, received, answer.status());
            if (answer.delay() != null) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] responseBody = answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), responseBody.length == 0 ? -1 : responseBody.length);
            if (responseBody.length > 0) {
                exchange.getResponseBody().write(responseBody);
            }
            requests.add(request);
            listener.accept(request);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request as received, with the status it was answered. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body, Instant receivedAt, int answeredStatus) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** How to answer one request. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", null);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> next = new TreeMap<>(headers);
            next.put(name, value);
            return new Answer(status, next, body, delay);
        }

        public Answer withBody(String text) {
            return new Answer(status, headers, text, delay);
        }

        public Answer after(Duration wait) {
            return new Answer(status, headers, body, wait);
        }
    }
}
