package dev.schemawatch.monitor.capture;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP only while every monitored database is streaming; the details say why one is not. */
public class CaptureHealthIndicator extends AbstractHealthIndicator {

    private final Captures captures;

    public CaptureHealthIndicator(Captures captures) {
        this.captures = captures;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allStreaming = true;
        for (DatabaseCapture capture : captures.all()) {
            CaptureStatus status = capture.status();
            allStreaming &= status.state() == CaptureStatus.State.STREAMING;
            builder.withDetail(capture.name(), status);
        }
        if (allStreaming) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
