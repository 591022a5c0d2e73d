package dev.schemawatch.monitor.capture;

/** A ddl_log row the monitor cannot turn into a schema change: it is dead-lettered and the stream goes on. */
public class UnreadableDdlLogRowException extends RuntimeException {

    public UnreadableDdlLogRowException(String row, Throwable cause) {
        super(row + " cannot be read: " + cause.getMessage(), cause);
    }
}
