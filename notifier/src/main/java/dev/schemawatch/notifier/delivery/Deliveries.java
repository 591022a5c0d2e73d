package dev.schemawatch.notifier.delivery;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.Notification;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.notification.NotificationOutcome;
import dev.schemawatch.notifier.channels.Channel;
import dev.schemawatch.notifier.channels.Channels;
import dev.schemawatch.notifier.channels.Route;
import dev.schemawatch.notifier.metrics.NotifierMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Every notification from routing to its last attempt.
 * <ul>
 *   <li><b>Grouping.</b> Items for the same channel, kind and group (one migration's transaction)
 *   join one open delivery. The first item of a quiet group goes out at once; items arriving
 *   after a message was sent wait for the group's window and go out together. The window doubles
 *   with every message of the group, up to a maximum, so a migration whose results trickle in
 *   for a minute is a handful of messages, not one per window.</li>
 *   <li><b>Pacing.</b> A Slack channel takes about one message per second (a rate limiter per
 *   channel); a delivery waiting for its slot keeps collecting.</li>
 *   <li><b>Attempts.</b> Asynchronous, so a slow endpoint holds no thread; a circuit breaker per
 *   channel; retries per {@link AttemptPolicy}; a 429's {@code Retry-After} pauses the whole
 *   channel; 410 disables it.</li>
 *   <li><b>Durability.</b> Every state is stored before it is acted on elsewhere; after a crash
 *   {@link #resume()} picks up open groups and owed attempts. An attempt cut off by a crash is
 *   made again with the same {@code webhook-id}.</li>
 * </ul>
 */
public class Deliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final int LOCK_STRIPES = 64;

    private final Channels channels;
    private final DeliveryStore store;
    private final AttemptPolicy policy;
    private final EndpointClient client;
    private final Function<Delivery, String> renderer;
    private final OutcomePublisher outcomes;
    private final NotifierMetrics metrics;
    private final CircuitBreakerRegistry breakers;
    private final RateLimiterConfig slackPace;
    private final Duration window;
    private final Duration maxWindow;
    private final Clock clock;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("notifier-timer"));
    private final ExecutorService workers;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final Map<String, Delivery> open = new ConcurrentHashMap<>();
    private final Map<String, GroupPace> paces = new ConcurrentHashMap<>();
    private final Set<String> slotReserved = ConcurrentHashMap.newKeySet();
    private final Map<String, RateLimiter> slackLimiters = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    public Deliveries(Channels channels, DeliveryStore store, AttemptPolicy policy, EndpointClient client, Function<Delivery, String> renderer,
                      OutcomePublisher outcomes, NotifierMetrics metrics, CircuitBreakerRegistry breakers, RateLimiterConfig slackPace,
                      Duration window, Duration maxWindow, int workerThreads, Clock clock) {
        this.channels = channels;
        this.store = store;
        this.policy = policy;
        this.client = client;
        this.renderer = renderer;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.breakers = breakers;
        this.slackPace = slackPace;
        this.window = window;
        this.maxWindow = maxWindow.compareTo(window) < 0 ? window : maxWindow;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(workerThreads, daemon("notifier-delivery"));
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
        timer.scheduleWithFixedDelay(this::forgetQuietGroups, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * Routes one input's item to every channel that takes it.
     *
     * @param groupKey      what it is grouped by, e.g. {@code database:txid}
     * @param ddlCommitTime when the DDL behind it committed, or null
     * @param redelivery    true when the input was routed before (in part, if the notifier stopped
     *                      half-way): channels already carrying it are skipped
     * @return how many channels took it
     */
    public int route(NotificationItem item, String groupKey, Instant ddlCommitTime, boolean redelivery) {
        int taken = 0;
        for (Route route : channels.routes()) {
            if (route.accepts(item)) {
                Channel channel = route.channel();
                if (!(redelivery && store.carrying(channel.id(), item.inputEventId()))) {
                    add(channel, item, groupKey, ddlCommitTime, redelivery);
                }
                taken++;
            }
        }
        return taken;
    }

    private void add(Channel channel, NotificationItem item, String groupKey, Instant ddlCommitTime, boolean redelivery) {
        String key = channel.id() + "|" + item.kind() + "|" + groupKey;
        synchronized (lock(key)) {
            Instant now = clock.instant();
            Delivery current = open.get(key);
            if (current != null) {
                if (!current.carries(item.inputEventId())) {
                    Delivery grown = current.with(item, ddlCommitTime, now);
                    store.save(grown);
                    open.put(key, grown);
                }
                return;
            }
            String id = EventEnvelope.derivedId(item.inputEventId(), Notification.TYPE + "/" + channel.id());
            if (redelivery && store.exists(id)) {
                return;
            }
            GroupPace pace = paces.get(key);
            Instant due = pace == null || !pace.nextAllowed().isAfter(now) ? now : pace.nextAllowed();
            Delivery created = Delivery.open(id, channel.id(), channel.type(), groupKey, item, ddlCommitTime, due, now);
            store.save(created);
            open.put(key, created);
            at(due, () -> close(key, id));
        }
    }

    /** Picks up what a previous run left: open groups close when due, owed attempts are made when due. */
    public void resume() {
        int groups = 0;
        int attempts = 0;
        for (Delivery delivery : store.unfinished()) {
            if (delivery.status() == Delivery.Status.COLLECTING) {
                String key = delivery.channelId() + "|" + delivery.kind() + "|" + delivery.groupKey();
                open.put(key, delivery);
                at(delivery.dueAt(), () -> close(key, delivery.id()));
                groups++;
            } else {
                at(delivery.dueAt(), () -> attemptStored(delivery.id()));
                attempts++;
            }
        }
        if (groups + attempts > 0) {
            log.info("resumed {} open groups and {} owed attempts", groups, attempts);
        }
    }

    /**
     * Replays a FAILED or SUPPRESSED delivery: same id, same body, attempts counted afresh.
     *
     * @throws IllegalStateException when it is not failed or suppressed, or its channel is disabled or gone
     */
    public Delivery replay(String id) {
        Delivery delivery = store.find(id).orElseThrow(() -> new IllegalArgumentException("no delivery " + id));
        if (delivery.status() != Delivery.Status.FAILED && delivery.status() != Delivery.Status.SUPPRESSED) {
            throw new IllegalStateException("delivery " + id + " is " + delivery.status() + "; only FAILED or SUPPRESSED ones are replayed");
        }
        Channel channel = channels.find(delivery.channelId())
                .orElseThrow(() -> new IllegalStateException("channel " + delivery.channelId() + " no longer exists"));
        if (!channel.enabled()) {
            throw new IllegalStateException("channel " + channel.id() + " is disabled (" + channel.disabledReason() + "); enable it first");
        }
        Delivery replayed = delivery.replayed(clock.instant());
        if (replayed.body() == null) {
            replayed = replayed.rendered(renderer.apply(replayed), clock.instant());
        }
        store.save(replayed);
        Delivery due = replayed;
        workers.execute(() -> attempt(due));
        return replayed;
    }

    private void close(String key, String id) {
        Delivery closing;
        synchronized (lock(key)) {
            Delivery current = open.get(key);
            if (current == null || !current.id().equals(id)) {
                return;
            }
            Instant now = clock.instant();
            Optional<Channel> channel = channels.find(current.channelId());
            if (channel.isPresent() && channel.get().type() == ChannelType.SLACK && channel.get().enabled() && slotReserved.add(id)) {
                long waitNanos = slackLimiters.computeIfAbsent(current.channelId(), channelId -> RateLimiter.of(channelId, slackPace))
                        .reservePermission();
                if (waitNanos > 0) {
                    Instant slot = now.plusNanos(waitNanos);
                    open.put(key, current.due(slot));
                    at(slot, () -> close(key, id));
                    return;
                }
            }
            slotReserved.remove(id);
            open.remove(key);
            paces.merge(key, new GroupPace(now.plus(window), window), (previous, first) -> previous.after(now, maxWindow));
            closing = current;
        }
        try {
            attempt(closing.rendered(renderer.apply(closing), clock.instant()));
        } catch (RuntimeException e) {
            // A template that cannot render this delivery will not render it on a retry either.
            Delivery failed = closing.attempted(Delivery.Status.FAILED, closing.attempts(), null, "could not render: " + e.getMessage(), null,
                    clock.instant());
            finish(failed, NotificationOutcome.Outcome.FAILED, failed.lastError());
        }
    }

    private void attemptStored(String id) {
        store.find(id).filter(delivery -> !delivery.status().finished()).ifPresent(this::attempt);
    }

    private void attempt(Delivery delivery) {
        Instant now = clock.instant();
        Optional<Channel> found = channels.find(delivery.channelId());
        if (found.isEmpty()) {
            finish(delivery.attempted(Delivery.Status.FAILED, delivery.attempts(), null, "channel " + delivery.channelId() + " was deleted", null, now),
                    NotificationOutcome.Outcome.FAILED, "channel " + delivery.channelId() + " was deleted");
            return;
        }
        Channel channel = found.get();
        if (!channel.enabled()) {
            String reason = "channel " + channel.id() + " is disabled: " + channel.disabledReason();
            finish(delivery.attempted(Delivery.Status.SUPPRESSED, delivery.attempts(), null, reason, null, now),
                    NotificationOutcome.Outcome.SUPPRESSED, reason);
            return;
        }
        Instant paused = pausedUntil.get(channel.id());
        if (paused != null && paused.isAfter(now)) {
            at(paused, () -> attempt(delivery));
            return;
        }
        int attempt = delivery.attempts() + 1;
        CircuitBreaker breaker = breakers.circuitBreaker(channel.id());
        if (!breaker.tryAcquirePermission()) {
            decide(channel, delivery, attempt, null, "circuit breaker open: " + channel.endpoint() + " failed too often", null);
            return;
        }
        long started = System.nanoTime();
        client.post(channel, delivery, now).whenCompleteAsync((answer, error) -> {
            long elapsed = System.nanoTime() - started;
            metrics.requestLatency(channel.id(), Duration.ofNanos(elapsed));
            try {
                if (error != null) {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
                    decide(channel, delivery, attempt, null, describe(error), null);
                    return;
                }
                if (answer.status() >= 500 || answer.status() == 408) {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IllegalStateException("HTTP " + answer.status()));
                } else {
                    breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                }
                String reason = answer.status() / 100 == 2 ? null
                        : "HTTP " + answer.status() + (answer.excerpt().isEmpty() ? "" : ": " + answer.excerpt());
                decide(channel, delivery, attempt, answer.status(), reason, RetryAfter.parse(answer.retryAfter(), clock.instant()));
            } catch (RuntimeException e) {
                log.error("delivery {} to {}: could not record attempt {}", delivery.id(), channel, attempt, e);
            }
        }, workers);
    }

    private void decide(Channel channel, Delivery delivery, int attempt, Integer status, String reason, Duration retryAfter) {
        Instant now = clock.instant();
        AttemptPolicy.Decision decision = policy.decide(attempt, status, retryAfter);
        switch (decision.verdict()) {
            case DELIVERED -> finish(delivery.attempted(Delivery.Status.DELIVERED, attempt, status, null, null, now),
                    NotificationOutcome.Outcome.DELIVERED, null);
            case RETRY -> {
                Instant next = now.plus(decision.delay());
                if (status != null && status == 429 && retryAfter != null) {
                    pausedUntil.merge(channel.id(), next, (a, b) -> a.isAfter(b) ? a : b);
                }
                Delivery retrying = delivery.attempted(Delivery.Status.RETRYING, attempt, status, reason, next, now);
                store.save(retrying);
                at(next, () -> attemptStored(delivery.id()));
                log.info("delivery {} to {}: attempt {} failed ({}); next at {}", delivery.id(), channel, attempt, reason, next);
                publish(retrying, NotificationOutcome.Outcome.RETRIED, reason);
            }
            case GONE -> {
                channels.disable(channel.id(), "endpoint answered 410 Gone at " + now);
                String gone = "HTTP 410 Gone: channel " + channel.id() + " disabled";
                finish(delivery.attempted(Delivery.Status.FAILED, attempt, status, gone, null, now), NotificationOutcome.Outcome.FAILED, gone);
            }
            case REJECTED -> finish(delivery.attempted(Delivery.Status.FAILED, attempt, status, reason, null, now),
                    NotificationOutcome.Outcome.FAILED, reason);
            case EXHAUSTED -> {
                String exhausted = "gave up after " + attempt + " attempts; last: " + reason;
                finish(delivery.attempted(Delivery.Status.FAILED, attempt, status, exhausted, null, now),
                        NotificationOutcome.Outcome.FAILED, exhausted);
            }
        }
    }

    private void finish(Delivery delivery, NotificationOutcome.Outcome outcome, String reason) {
        store.save(delivery);
        publish(delivery, outcome, reason);
        if (outcome == NotificationOutcome.Outcome.DELIVERED) {
            log.debug("delivery {} to {} delivered at attempt {}", delivery.id(), delivery.channelId(), delivery.attempts());
        } else {
            log.warn("delivery {} to {}: {} ({})", delivery.id(), delivery.channelId(), outcome, reason);
        }
    }

    private void publish(Delivery delivery, NotificationOutcome.Outcome outcome, String reason) {
        Instant now = clock.instant();
        String correlationId = delivery.correlationIds().isEmpty() ? delivery.id() : delivery.correlationIds().get(0);
        MDC.put("correlationId", correlationId);
        try {
            outcomes.publish(delivery, outcome, reason, now);
        } catch (RuntimeException e) {
            // The delivery's state is stored and acted on; only the audit event is missing, and the deliveries API has the full record.
            log.error("delivery {}: the {} outcome could not be published", delivery.id(), outcome, e);
        } finally {
            MDC.remove("correlationId");
        }
        metrics.outcome(delivery, outcome, delivery.earliestCommitTime() == null ? null : Duration.between(delivery.earliestCommitTime(), now));
    }

    private void at(Instant when, Runnable task) {
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("notifier task failed; it runs again when the notifier restarts", e);
            }
        };
        if (delay == 0) {
            workers.execute(guarded);
        } else {
            timer.schedule(() -> workers.execute(guarded), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void forgetQuietGroups() {
        Instant horizon = clock.instant().minus(maxWindow);
        paces.entrySet().removeIf(entry -> entry.getValue().nextAllowed().isBefore(horizon));
    }

    /** When a group may send its next message, and the window that led there (doubled for the next one). */
    private record GroupPace(Instant nextAllowed, Duration window) {

        GroupPace after(Instant sentAt, Duration maxWindow) {
            Duration doubled = window.multipliedBy(2);
            Duration next = doubled.compareTo(maxWindow) > 0 ? maxWindow : doubled;
            return new GroupPace(sentAt.plus(next), next);
        }
    }

    private Object lock(String key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
