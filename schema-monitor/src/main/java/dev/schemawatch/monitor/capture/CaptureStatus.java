package dev.schemawatch.monitor.capture;

import java.time.Instant;

/** Where the capture of one database stands, for health and logs. */
public record CaptureStatus(State state, String detail, Instant since) {

    public enum State {
        STARTING,
        STREAMING,
        RETRYING,
        STOPPED
    }

    public static CaptureStatus of(State state, String detail) {
        return new CaptureStatus(state, detail, Instant.now());
    }
}
