package dev.schemawatch.analyzer.rules;

import java.util.Optional;

/** Index statements in the form that does not block writes. */
public final class Concurrently {

    private static final String CREATE_INDEX = "CREATE INDEX ";
    private static final String CREATE_UNIQUE_INDEX = "CREATE UNIQUE INDEX ";

    private Concurrently() {
    }

    /**
     * {@code pg_get_indexdef}'s {@code CREATE [UNIQUE] INDEX name ON ...} with CONCURRENTLY
     * inserted; empty when the text is not of that form.
     */
    public static Optional<String> createIndex(String indexDefinition) {
        if (indexDefinition == null) {
            return Optional.empty();
        }
        for (String prefix : new String[] {CREATE_INDEX, CREATE_UNIQUE_INDEX}) {
            if (indexDefinition.startsWith(prefix)) {
                return Optional.of(prefix + "CONCURRENTLY " + indexDefinition.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
