package dev.schemawatch.monitor.publish;

/** Even cut to one change without definitions, the event exceeds the limit; it is dead-lettered. */
public class EventTooLargeException extends RuntimeException {

    public EventTooLargeException(String eventId, int bytes, int limit) {
        super("event " + eventId + " is " + bytes + " bytes even with one change, no definitions and its DDL text cut;"
                + " the limit is " + limit);
    }
}
