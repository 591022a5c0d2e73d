package dev.schemawatch.contracts.schema;

/**
 * One column, identified by {@code attnum}: a rename keeps the attnum, so a rename is a rename.
 *
 * @param type       {@code format_type(atttypid, atttypmod)}, e.g. {@code character varying(40)}
 * @param identity   {@code ALWAYS}, {@code BY_DEFAULT} or null
 * @param generated  the generation expression of a stored generated column, or null
 * @param collation  the column's collation when it differs from its type's default, or null
 */
public record ColumnDefinition(
        int attnum,
        String name,
        String type,
        boolean notNull,
        String defaultValue,
        String identity,
        String generated,
        String collation,
        String comment) {
}
