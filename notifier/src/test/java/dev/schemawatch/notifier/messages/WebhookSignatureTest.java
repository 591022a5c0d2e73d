package dev.schemawatch.notifier.messages;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our signatures checked by the Standard Webhooks reference library, an implementation we did not write. */
class WebhookSignatureTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BODY = "{\"specversion\":\"1.0\",\"id\":\"msg_2Kw\",\"data\":{\"text\":\"naïve café — ✓\"}}";

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static Map<String, String> sign(String id, long timestamp, String body, List<String> secrets) {
        return WebhookSignature.headers(id, timestamp, body.getBytes(StandardCharsets.UTF_8), secrets);
    }

    private static Map<String, List<String>> asMap(Map<String, String> headers) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }

    private static HttpHeaders asHttpHeaders(Map<String, String> headers) {
        return HttpHeaders.of(asMap(headers), (name, value) -> true);
    }

    @Test
    void aSignatureWithOneSecretVerifiesWithTheReferenceLibrary() {
        String secret = newSecret();
        Map<String, String> headers = sign("delivery-1", now(), BODY, List.of(secret));

        assertThatCode(() -> new Webhook(secret).verify(BODY, asHttpHeaders(headers))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(secret).verify(BODY, asMap(headers))).doesNotThrowAnyException();
    }

    @Test
    void theHeadersAreTheThreeOfTheSpecWithOneV1SignaturePerSecret() {
        long timestamp = now();
        Map<String, String> one = sign("delivery-1", timestamp, BODY, List.of(newSecret()));
        Map<String, String> two = sign("delivery-1", timestamp, BODY, List.of(newSecret(), newSecret()));

        assertThat(one).containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature")
                .containsEntry("webhook-id", "delivery-1")
                .containsEntry("webhook-timestamp", Long.toString(timestamp));
        assertThat(one.get("webhook-signature")).matches("v1,[A-Za-z0-9+/]{43}=");
        String[] signatures = two.get("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2).allSatisfy(signature -> {
            assertThat(signature).matches("v1,[A-Za-z0-9+/]{43}=");
            assertThat(Base64.getDecoder().decode(signature.substring(3))).hasSize(32);
        });
        assertThat(signatures[0]).isNotEqualTo(signatures[1]);
    }

    @Test
    void duringARotationAVerifierHoldingEitherSecretAcceptsAndOneHoldingAnotherRejects() {
        String old = newSecret();
        String next = newSecret();
        Map<String, String> headers = sign("delivery-2", now(), BODY, List.of(old, next));

        assertThatCode(() -> new Webhook(old).verify(BODY, asHttpHeaders(headers))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(next).verify(BODY, asHttpHeaders(headers))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(next).verify(BODY, asMap(headers))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(newSecret()).verify(BODY, asHttpHeaders(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void theSignatureIsTheReferenceLibrarysOwn() throws Exception {
        String secret = newSecret();
        long timestamp = now();
        String signature = sign("delivery-3", timestamp, BODY, List.of(secret)).get("webhook-signature");

        assertThat(signature).isEqualTo(new Webhook(secret).sign("delivery-3", timestamp, BODY));
    }

    @Test
    void aChangedBodyIdOrTimestampIsRejected() {
        String secret = newSecret();
        long timestamp = now();
        Map<String, String> headers = sign("delivery-4", timestamp, BODY, List.of(secret));
        Webhook verifier = new Webhook(secret);

        assertThatThrownBy(() -> verifier.verify(BODY.replace("café", "cafe"), asHttpHeaders(headers)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(BODY + " ", asMap(headers)))
                .isInstanceOf(WebhookVerificationException.class);

        Map<String, String> otherId = new LinkedHashMap<>(headers);
        otherId.put("webhook-id", "delivery-5");
        assertThatThrownBy(() -> verifier.verify(BODY, asHttpHeaders(otherId)))
                .isInstanceOf(WebhookVerificationException.class);

        Map<String, String> otherTimestamp = new LinkedHashMap<>(headers);
        otherTimestamp.put("webhook-timestamp", Long.toString(timestamp - 1));
        assertThatThrownBy(() -> verifier.verify(BODY, asHttpHeaders(otherTimestamp)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aSignatureFromLongAgoIsRejectedByTheTimestampTolerance() {
        String secret = newSecret();
        Map<String, String> headers = sign("delivery-6", now() - 3_600, BODY, List.of(secret));

        assertThatThrownBy(() -> new Webhook(secret).verify(BODY, asHttpHeaders(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void theSameInputSignsTheSameAndTheOrderOfSecretsIsKept() {
        String a = newSecret();
        String b = newSecret();
        long timestamp = now();
        String ab = sign("delivery-7", timestamp, BODY, List.of(a, b)).get("webhook-signature");
        String ba = sign("delivery-7", timestamp, BODY, List.of(b, a)).get("webhook-signature");

        assertThat(sign("delivery-7", timestamp, BODY, List.of(a, b)).get("webhook-signature")).isEqualTo(ab);
        assertThat(List.of(ba.split(" "))).containsExactly(ab.split(" ")[1], ab.split(" ")[0]);
        assertThat(List.of(ab.split(" ")).stream().collect(Collectors.toSet())).hasSize(2);
    }
}
