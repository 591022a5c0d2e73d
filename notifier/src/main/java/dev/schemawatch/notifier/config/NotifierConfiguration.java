package dev.schemawatch.notifier.config;

import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.templates.Templates;
import dev.schemawatch.notifier.channels.ChannelStore;
import dev.schemawatch.notifier.channels.Channels;
import dev.schemawatch.notifier.delivery.AttemptPolicy;
import dev.schemawatch.notifier.delivery.Deliveries;
import dev.schemawatch.notifier.delivery.Delivery;
import dev.schemawatch.notifier.delivery.DeliveryStore;
import dev.schemawatch.notifier.delivery.EndpointClient;
import dev.schemawatch.notifier.delivery.OutcomePublisher;
import dev.schemawatch.notifier.messages.MessageTemplates;
import dev.schemawatch.notifier.messages.SlackMessage;
import dev.schemawatch.notifier.messages.WebhookMessage;
import dev.schemawatch.notifier.metrics.NotifierMetrics;
import dev.schemawatch.notifier.notices.Announcements;
import dev.schemawatch.notifier.notices.ImpactMemory;
import dev.schemawatch.notifier.notices.NoticeItems;
import dev.schemawatch.notifier.security.AdminApiKeyFilter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifierProperties.class)
public class NotifierConfiguration {

    /** schemawatch.impact-reports in (binding in application.yml). */
    @Bean
    Consumer<Message<byte[]>> announceImpact(Announcements announcements) {
        return announcements::impact;
    }

    /** schemawatch.test-results in (binding in application.yml). */
    @Bean
    Consumer<Message<byte[]>> announceTestResults(Announcements announcements) {
        return announcements::testResult;
    }

    @Bean
    Announcements announcements(ImpactMemory memory, DeliveryStore store, Deliveries deliveries, NotifierMetrics metrics,
                                NotifierProperties properties, Clock clock) {
        NoticeItems items = new NoticeItems(properties.links().analyzer(), properties.links().executor());
        return new Announcements(items, memory, store, deliveries, metrics, properties.announceImpactsAt(), clock);
    }

    @Bean(destroyMethod = "close")
    Deliveries deliveries(Channels channels, DeliveryStore store, OutcomePublisher outcomes, NotifierMetrics metrics, CircuitBreakerRegistry breakers,
                          NotifierProperties properties, Clock clock) {
        NotifierProperties.DeliveryProperties delivery = properties.delivery();
        AttemptPolicy policy = new AttemptPolicy(delivery.maxAttempts(), delivery.initialBackoff(), delivery.backoffMultiplier(), delivery.jitter(),
                delivery.maxBackoff());
        MessageTemplates templates = new MessageTemplates(new Templates(properties.templateDirectory(), Map.of()));
        SlackMessage slack = new SlackMessage(templates);
        WebhookMessage webhook = new WebhookMessage(templates);
        Function<Delivery, String> renderer = pending -> new String(pending.channelType() == ChannelType.SLACK
                ? slack.render(pending, properties.links().notifier().resolve("/api/v1/deliveries/" + pending.id()).toString())
                : webhook.render(pending), StandardCharsets.UTF_8);
        RateLimiterConfig slackPace = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(delivery.slackInterval())
                // reservations never block a thread: a delivery waiting for its slot is scheduled, so any wait is acceptable
                .timeoutDuration(Duration.ofDays(1))
                .build();
        return new Deliveries(channels, store, policy, new EndpointClient(delivery.connectTimeout(), delivery.requestTimeout()), renderer,
                outcomes, metrics, breakers, slackPace, properties.groupingWindow(), properties.groupingMaxWindow(),
                delivery.workerThreads(), clock);
    }

    @Bean
    CircuitBreakerRegistry circuitBreakers(NotifierProperties properties) {
        NotifierProperties.CircuitBreakerProperties breaker = properties.circuitBreaker();
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .slidingWindowSize(breaker.slidingWindowSize())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    @Bean
    Channels channels(ChannelStore store, NotifierProperties properties) {
        Channels channels = new Channels(store);
        channels.start(properties.channels().stream().map(NotifierProperties.ChannelProperties::toChannel).toList());
        return channels;
    }

    @Bean
    ChannelStore channelStore(MongoTemplate mongo) {
        return new ChannelStore(mongo);
    }

    @Bean
    DeliveryStore deliveryStore(MongoTemplate mongo) {
        DeliveryStore store = new DeliveryStore(mongo);
        store.createIndexes();
        return store;
    }

    @Bean
    ImpactMemory impactMemory(MongoTemplate mongo) {
        ImpactMemory memory = new ImpactMemory(mongo);
        memory.createIndexes();
        return memory;
    }

    @Bean
    OutcomePublisher outcomePublisher(StreamBridge bridge) {
        return new OutcomePublisher(bridge);
    }

    @Bean
    NotifierMetrics notifierMetrics(MeterRegistry registry, CircuitBreakerRegistry breakers) {
        return new NotifierMetrics(registry, breakers);
    }

    @Bean
    AdminApiKeyFilter adminApiKeyFilter(NotifierProperties properties) {
        return new AdminApiKeyFilter(properties.adminApiKey());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Open groups and owed attempts of a previous run go out once the service is up. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeDeliveries(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(Deliveries.class).resume();
    }
}
