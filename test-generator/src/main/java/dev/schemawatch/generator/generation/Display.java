package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.sql.SqlQuoting;

/**
 * {@code $display} in templates: names and values as one line of text for a {@code because} or an
 * expected result, so that a name holding a line break cannot start a marker line of its own.
 */
public final class Display {

    public String line(String text) {
        return text == null ? "NULL" : text.replace('\r', ' ').replace('\n', ' ');
    }

    /**
     * {@code text} as PostgreSQL prints it when {@code schema} is on the search_path: types and
     * defaults read with the monitor's path ({@code pg_catalog} only) name the schema, e.g.
     * {@code 'a'::public.mood}; a session whose path includes it prints {@code 'a'::mood}.
     */
    public String withoutSchema(String text, String schema) {
        if (text == null) {
            return null;
        }
        return text.replace(SqlQuoting.identifier(schema) + ".", "").replace(schema + ".", "");
    }

    public String table(String schema, String name) {
        return line(schema + "." + name);
    }
}
