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

    /**
     * A double-quoted identifier, as PostgreSQL's {@code quote_ident} would always quote it. A name
     * holding a line break is written in the Unicode-escape form ({@code U&"a\000Ab"}), so that
     * generated SQL never spans lines a name could start: templates mark their steps by lines.
     */
    public static String identifier(String name) {
        Objects.requireNonNull(name, "identifier");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot contain a NUL character");
        }
        String quoted = name.replace("\"", "\"\"");
        if (hasLineBreak(name)) {
            return "U&\"" + quoted.replace("\\", "\\\\").replace("\n", "\\000A").replace("\r", "\\000D") + '"';
        }
        return '"' + quoted + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return identifier(schema) + "." + identifier(name);
    }

    /**
     * A string literal that is safe whatever {@code standard_conforming_strings} says: an escape
     * string ({@code E'...'}) when the value holds a backslash or a line break (written {@code \n},
     * {@code \r}, so that the literal stays on one line), a plain one otherwise.
     */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a PostgreSQL text literal cannot contain a NUL character");
        }
        String quoted = value.replace("'", "''");
        if (quoted.indexOf('\\') >= 0 || hasLineBreak(quoted)) {
            return "E'" + quoted.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "'";
        }
        return "'" + quoted + "'";
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }
}
