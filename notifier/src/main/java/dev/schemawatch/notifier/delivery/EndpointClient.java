package dev.schemawatch.notifier.delivery;

import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.notifier.channels.Channel;
import dev.schemawatch.notifier.messages.WebhookMessage;
import dev.schemawatch.notifier.messages.WebhookSignature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs a rendered delivery without holding a thread while the endpoint thinks: one shared JDK
 * client, HTTP/1.1, no redirects (a redirect is a misconfigured URL, not a reason to send a signed
 * body elsewhere), bounded connect and response times, and only the first bytes of an answer read.
 */
public class EndpointClient {

    static final int MAX_ANSWER_BYTES = 512;

    private final HttpClient client;
    private final Duration requestTimeout;

    public EndpointClient(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.requestTimeout = requestTimeout;
    }

    public CompletableFuture<Answer> post(Channel channel, Delivery delivery, Instant now) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(channel.url())
                .timeout(requestTimeout)
                .header("User-Agent", "schemawatch-notifier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (channel.type() == ChannelType.WEBHOOK) {
            request.header("Content-Type", WebhookMessage.CONTENT_TYPE);
            WebhookSignature.headers(delivery.id(), now.getEpochSecond(), body, channel.secrets()).forEach(request::header);
        } else {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).thenApply(EndpointClient::answer);
    }

    private static Answer answer(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            String excerpt = new String(body.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), excerpt.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the endpoint said: its status, its {@code Retry-After} and the start of its body. */
    public record Answer(int status, String retryAfter, String excerpt) {
    }
}
