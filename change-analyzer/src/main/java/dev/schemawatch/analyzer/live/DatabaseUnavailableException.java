package dev.schemawatch.analyzer.live;

/** The monitored database could not be reached or did not answer in time. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
