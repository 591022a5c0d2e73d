package dev.schemawatch.monitor.capture;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/** How long to wait between attempts when PostgreSQL, Kafka or MongoDB is not there: exponential, jittered, unbounded in count. */
public record RetryPolicy(Duration initial, Duration max) {

    public BackOffExecution start() {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setJitter(initial.toMillis() / 2);
        return backOff.start();
    }
}
