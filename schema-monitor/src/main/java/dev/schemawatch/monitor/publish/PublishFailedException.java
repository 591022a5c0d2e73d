package dev.schemawatch.monitor.publish;

/** Kafka did not take the event; the monitor retries and does not mark the DDL processed. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
