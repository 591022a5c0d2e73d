package dev.schemawatch.analyzer.approval;

/** A decision that cannot be made: the report does not exist, needs no approval, or is already decided. */
public class DecisionRejectedException extends RuntimeException {

    public enum Reason {
        NOT_FOUND,
        CONFLICT
    }

    private final Reason reason;

    public DecisionRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
