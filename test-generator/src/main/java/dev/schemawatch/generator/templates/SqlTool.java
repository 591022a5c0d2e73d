package dev.schemawatch.generator.templates;

import dev.schemawatch.contracts.sql.SqlQuoting;

/**
 * {@code $sql} in every template: the one way a template writes an identifier or a literal, so
 * that a table named {@code x"; drop table t; --} yields correct, harmless SQL.
 */
public final class SqlTool {

    public String id(String name) {
        return SqlQuoting.identifier(name);
    }

    public String table(String schema, String name) {
        return SqlQuoting.qualified(schema, name);
    }

    /** A literal, or {@code NULL} for null. */
    public String literal(String value) {
        return value == null ? "NULL" : SqlQuoting.literal(value);
    }

    /** Identifiers joined by commas, each quoted. */
    public String ids(Iterable<String> names) {
        StringBuilder joined = new StringBuilder();
        for (String name : names) {
            if (!joined.isEmpty()) {
                joined.append(", ");
            }
            joined.append(SqlQuoting.identifier(name));
        }
        return joined.toString();
    }
}
