package dev.schemawatch.contracts.sql;

import java.util.Objects;

/**
 * The one place where schemawatch turns names and values into SQL text. Every identifier and
 * literal that reaches a statement goes through here, so a table named {@code x"; drop table t; --}
 * is just a table name.
 */
public final class SqlQuoting {

    private SqlQuoting() {
    }

    /** A double-quoted identifier, exactly as PostgreSQL's {@code quote_ident} would always quote it. */
    public static String identifier(String name) {
        Objects.requireNonNull(name, "identifier");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return identifier(schema) + "." + identifier(name);
    }

    /**
     * A string literal that is safe whatever {@code standard_conforming_strings} says: an escape
     * string ({@code E'...'}) when the value holds a backslash, a plain one otherwise.
     */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a PostgreSQL text literal cannot contain a NUL character");
        }
        String quoted = value.replace("'", "''");
        if (quoted.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }
}
