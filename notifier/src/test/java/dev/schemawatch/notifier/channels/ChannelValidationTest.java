package dev.schemawatch.notifier.channels;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelValidationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final URI SLACK_URL = URI.create("https://hooks.slack.com/services/T000/B000/XXXXsecretpathXXXX");
    private static final URI WEBHOOK_URL = URI.create("http://127.0.0.1:9000/hooks/schemawatch?token=abc");

    private static String secret(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static Channel slack(String id, URI url, List<String> secrets) {
        return new Channel(id, ChannelType.SLACK, url, secrets, Severity.HIGH, List.of("shop.*"), List.of(), null, true, null,
                Channel.Source.API);
    }

    private static Channel webhook(String id, URI url, List<String> secrets) {
        return new Channel(id, ChannelType.WEBHOOK, url, secrets, null, null, null, null, true, null, Channel.Source.CONFIGURATION);
    }

    @Test
    void aWellFormedSlackOrWebhookChannelHasNoProblems() {
        assertThat(ChannelValidation.problems(slack("ops-slack", SLACK_URL, List.of()))).isEmpty();
        assertThat(ChannelValidation.problems(webhook("ops-webhook", WEBHOOK_URL, List.of(secret(32))))).isEmpty();
        assertThat(ChannelValidation.problems(webhook("w", WEBHOOK_URL, List.of(secret(24), secret(64))))).isEmpty();
        assertThat(ChannelValidation.problems(webhook("a" + "b".repeat(62), WEBHOOK_URL, List.of(secret(32))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Ops", "ops_slack", "-ops", "ops slack", "ops.slack", "opś"})
    void aBadIdIsAProblem(String id) {
        assertThat(ChannelValidation.problems(slack(id, SLACK_URL, List.of())))
                .containsExactly("id must be 1 to 63 lower-case letters, digits or dashes");
    }

    @Test
    void aMissingOrTooLongIdIsAProblem() {
        assertThat(ChannelValidation.problems(slack(null, SLACK_URL, List.of()))).hasSize(1).first().asString().startsWith("id must be");
        assertThat(ChannelValidation.problems(slack("a".repeat(64), SLACK_URL, List.of()))).hasSize(1).first().asString().startsWith("id must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://files.example.com/hook", "mailto:ops@example.com", "/relative/path", "file:///etc/passwd",
            "ws://example.com/socket", "http:///no-host"})
    void aUrlThatIsNotAbsoluteHttpIsAProblem(String url) {
        assertThat(ChannelValidation.problems(slack("ops", URI.create(url), List.of())))
                .containsExactly("url must be an absolute http or https URL");
    }

    @Test
    void aMissingUrlOrTypeIsAProblem() {
        assertThat(ChannelValidation.problems(slack("ops", null, List.of()))).containsExactly("url must be an absolute http or https URL");
        Channel untyped = new Channel("ops", null, SLACK_URL, List.of(), null, null, null, null, true, null, Channel.Source.API);
        assertThat(ChannelValidation.problems(untyped)).containsExactly("type must be SLACK or WEBHOOK");
    }

    @Test
    void aWebhookWithoutSecretsIsAProblem() {
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of())))
                .singleElement().asString().startsWith("a WEBHOOK channel needs at least one secret");
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, null)))
                .singleElement().asString().startsWith("a WEBHOOK channel needs at least one secret");
    }

    @Test
    void aSlackChannelWithSecretsIsAProblem() {
        assertThat(ChannelValidation.problems(slack("ops", SLACK_URL, List.of(secret(32)))))
                .containsExactly("a SLACK channel takes no secrets: its URL is the secret");
    }

    @Test
    void aSecretWithoutThePrefixIsAProblem() {
        String bare = secret(32).substring("whsec_".length());
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of(bare)))).containsExactly("secret #1 must start with whsec_");
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of(secret(32), "WHSEC_" + bare))))
                .containsExactly("secret #2 must start with whsec_");
    }

    @Test
    void aSecretThatIsNotBase64IsAProblem() {
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of("whsec_this is not base64!!"))))
                .containsExactly("secret #1 is not valid base64 after whsec_");
        String urlSafe = "whsec_" + Base64.getUrlEncoder().encodeToString(bytesWithUrlSafeCharacters());
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of(urlSafe))))
                .containsExactly("secret #1 is not valid base64 after whsec_");
    }

    @Test
    void aSecretTooShortOrTooLongIsAProblem() {
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of(secret(23)))))
                .containsExactly("secret #1 must encode 24 to 64 bytes, not 23");
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of(secret(65)))))
                .containsExactly("secret #1 must encode 24 to 64 bytes, not 65");
        assertThat(ChannelValidation.problems(webhook("ops", WEBHOOK_URL, List.of("whsec_"))))
                .containsExactly("secret #1 must encode 24 to 64 bytes, not 0");
    }

    @Test
    void aBlankGlobIsAProblem() {
        Channel channel = new Channel("ops", ChannelType.SLACK, SLACK_URL, List.of(), null, List.of(" "), List.of("shop.*", ""), null, true,
                null, Channel.Source.API);
        assertThat(ChannelValidation.problems(channel)).containsExactly("a glob pattern must not be blank", "a glob pattern must not be blank");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNoneNamesTheSecret() {
        String shortSecret = secret(8);
        Channel channel = webhook("Bad_Id", URI.create("ftp://example.com/x"), List.of(shortSecret, "nope"));

        List<String> problems = ChannelValidation.problems(channel);
        assertThat(problems).containsExactly(
                "id must be 1 to 63 lower-case letters, digits or dashes",
                "url must be an absolute http or https URL",
                "secret #1 must encode 24 to 64 bytes, not 8",
                "secret #2 must start with whsec_");
        assertThat(String.join("\n", problems)).doesNotContain(shortSecret.substring(6), "nope");
    }

    @Test
    void theKeyIsTheDecodedSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        assertThat(ChannelValidation.key("whsec_" + Base64.getEncoder().encodeToString(key))).isEqualTo(key);
    }

    @Test
    void toStringShowsNeitherTheUrlPathNorAnySecret() {
        String secretA = secret(32);
        String secretB = secret(32);
        Channel hook = new Channel("ops-webhook", ChannelType.WEBHOOK, URI.create("https://user:pw@hooks.example.com:8443/in/abc123?token=t0k"),
                List.of(secretA, secretB), Severity.HIGH, List.of("shop.*"), List.of(), null, true, null, Channel.Source.API);
        Channel slack = slack("ops-slack", SLACK_URL, List.of());

        assertThat(hook.toString()).isEqualTo("Channel[ops-webhook WEBHOOK https://hooks.example.com:8443]")
                .doesNotContain("/in", "abc123", "t0k", "user", "pw", secretA, secretB, secretA.substring(6), secretB.substring(6));
        assertThat(slack.toString()).isEqualTo("Channel[ops-slack SLACK https://hooks.slack.com]")
                .doesNotContain("services", "T000", "XXXXsecretpathXXXX");
        assertThat(slack.disabled("410 Gone").toString()).isEqualTo("Channel[ops-slack SLACK https://hooks.slack.com disabled]");
        assertThat(List.of(hook, slack).toString()).doesNotContain(secretA, "XXXXsecretpathXXXX");
    }

    /** Random bytes whose base64 has at least one {@code +} or {@code /}, which the URL-safe alphabet writes as {@code -} and {@code _}. */
    private static byte[] bytesWithUrlSafeCharacters() {
        while (true) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            String standard = Base64.getEncoder().encodeToString(key);
            if (standard.contains("+") || standard.contains("/")) {
                return key;
            }
        }
    }
}
