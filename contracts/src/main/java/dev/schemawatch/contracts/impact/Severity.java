package dev.schemawatch.contracts.impact;

/** How much a change can hurt, in increasing order: {@code compareTo} ranks them. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    BREAKING;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
