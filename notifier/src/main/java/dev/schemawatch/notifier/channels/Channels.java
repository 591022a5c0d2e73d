package dev.schemawatch.notifier.channels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels in force: configured ones (re-applied at every start, keeping whether they were
 * disabled) and those created through the API, kept in step with the store. Reads are lock-free;
 * writes are rare and serialised.
 */
public class Channels {

    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final ChannelStore store;
    private volatile Map<String, Route> routes = Map.of();

    public Channels(ChannelStore store) {
        this.store = store;
    }

    /**
     * Loads the stored channels and applies the configured ones over them.
     *
     * @throws IllegalArgumentException naming every configured channel that is not valid
     */
    public synchronized void start(List<Channel> configured) {
        StringBuilder problems = new StringBuilder();
        for (Channel channel : configured) {
            ChannelValidation.problems(channel).forEach(problem ->
                    problems.append("\n  schemawatch.notifier.channels '").append(channel.id()).append("': ").append(problem));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid channel configuration:" + problems);
        }
        Map<String, Channel> byId = new LinkedHashMap<>();
        store.all().forEach(channel -> byId.put(channel.id(), channel));
        for (Channel channel : configured) {
            Channel stored = byId.get(channel.id());
            Channel applied = stored == null || stored.enabled() ? channel : channel.disabled(stored.disabledReason());
            store.save(applied);
            byId.put(applied.id(), applied);
        }
        publish(byId.values());
        log.info("channels in force: {}", byId.values());
    }

    public Collection<Route> routes() {
        return routes.values();
    }

    public Optional<Channel> find(String id) {
        return Optional.ofNullable(routes.get(id)).map(Route::channel);
    }

    /** @throws InvalidChannelException listing what is wrong */
    public synchronized void save(Channel channel) {
        List<String> problems = ChannelValidation.problems(channel);
        if (!problems.isEmpty()) {
            throw new InvalidChannelException(problems);
        }
        store.save(channel);
        Map<String, Route> next = new LinkedHashMap<>(routes);
        next.put(channel.id(), new Route(channel));
        routes = Collections.unmodifiableMap(next);
    }

    public synchronized void disable(String id, String reason) {
        find(id).filter(Channel::enabled).ifPresent(channel -> {
            save(channel.disabled(reason));
            log.warn("channel {} disabled: {}", id, reason);
        });
    }

    public synchronized boolean delete(String id) {
        if (!routes.containsKey(id)) {
            return false;
        }
        store.delete(id);
        Map<String, Route> next = new LinkedHashMap<>(routes);
        next.remove(id);
        routes = Collections.unmodifiableMap(next);
        return true;
    }

    private void publish(Collection<Channel> channels) {
        Map<String, Route> next = new LinkedHashMap<>();
        channels.forEach(channel -> next.put(channel.id(), new Route(channel)));
        routes = Collections.unmodifiableMap(next);
    }

    /** A channel that cannot be used as written. */
    public static class InvalidChannelException extends RuntimeException {

        private final List<String> problems;

        public InvalidChannelException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
