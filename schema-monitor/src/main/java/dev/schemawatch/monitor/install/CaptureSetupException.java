package dev.schemawatch.monitor.install;

/** The database cannot be monitored as it is; the message says what to change. */
public class CaptureSetupException extends RuntimeException {

    public CaptureSetupException(String message) {
        super(message);
    }
}
