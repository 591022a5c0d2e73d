package dev.schemawatch.notifier.config;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.notifier.channels.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * @param channels          channels from configuration, re-applied at every start (more can be added through the API)
 * @param announceImpactsAt impact reports at or above this severity are announced at once; lower ones
 *                          are told with their test results
 * @param groupingWindow    after a group's first message went out, how long its next items wait to be sent together;
 *                          the wait doubles with every further message of the group
 * @param groupingMaxWindow the longest such wait
 * @param adminApiKey       the key {@code X-API-Key} must carry for the channel API and replays; without one
 *                          those endpoints refuse every request
 * @param templateDirectory a directory whose {@code templates/messages/...} files replace the bundled message templates
 * @param links             base URLs of the services whose reports messages link to
 */
@Validated
@ConfigurationProperties("schemawatch.notifier")
public record NotifierProperties(
        @DefaultValue @Valid List<ChannelProperties> channels,
        @DefaultValue("HIGH") @NotNull Severity announceImpactsAt,
        @DefaultValue("1s") @NotNull Duration groupingWindow,
        @DefaultValue("30s") @NotNull Duration groupingMaxWindow,
        String adminApiKey,
        Path templateDirectory,
        @DefaultValue @Valid @NotNull DeliveryProperties delivery,
        @DefaultValue @Valid @NotNull CircuitBreakerProperties circuitBreaker,
        @DefaultValue @Valid @NotNull Links links) {

    /**
     * @param url     the Slack incoming-webhook URL or the webhook endpoint; a credential, never logged
     * @param secrets Standard Webhooks secrets {@code whsec_<base64>} (WEBHOOK only); all sign, for rotation
     * @param schemas globs on {@code database.schema}
     * @param tables  globs on {@code database.schema.table}
     * @param kinds   IMPACT and/or TEST_RESULT; both when empty
     */
    public record ChannelProperties(String id, ChannelType type, URI url, @DefaultValue List<String> secrets,
                                    @DefaultValue("LOW") Severity minSeverity, @DefaultValue List<String> schemas,
                                    @DefaultValue List<String> tables, @DefaultValue Set<NoticeKind> kinds) {

        public Channel toChannel() {
            return new Channel(id, type, url, secrets, minSeverity, schemas, tables, kinds, true, null, Channel.Source.CONFIGURATION);
        }
    }

    /**
     * @param maxAttempts       attempts per delivery before it is FAILED (and replayable)
     * @param initialBackoff    wait after the first failed attempt
     * @param backoffMultiplier growth of the wait per attempt
     * @param jitter            randomisation of each wait, 0 to 1 (0.5: between half and one and a half times)
     * @param maxBackoff        the longest wait, also the cap on a {@code Retry-After}
     * @param slackInterval     the least time between two messages to one Slack webhook
     * @param workerThreads     threads that render, record and schedule attempts (requests themselves hold no thread)
     */
    public record DeliveryProperties(
            @DefaultValue("12") @Min(1) int maxAttempts,
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double backoffMultiplier,
            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
            @DefaultValue("5m") @NotNull Duration maxBackoff,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration requestTimeout,
            @DefaultValue("1s") @NotNull Duration slackInterval,
            @DefaultValue("4") @Min(1) int workerThreads) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens a channel's breaker
     * @param minimumCalls         calls before the rate counts
     * @param slidingWindowSize    calls the rate is computed over
     * @param waitInOpenState      how long an open breaker refuses calls before letting a few through
     */
    public record CircuitBreakerProperties(
            @DefaultValue("50") @Min(1) int failureRateThreshold,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("30s") @NotNull Duration waitInOpenState) {
    }

    public record Links(@DefaultValue("http://localhost:8082") @NotNull URI analyzer, @DefaultValue("http://localhost:8084") @NotNull URI executor,
                        @DefaultValue("http://localhost:8085") @NotNull URI notifier) {
    }
}
