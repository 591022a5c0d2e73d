package dev.schemawatch.generator.generation;

/**
 * {@code $display} in templates: names and values as one line of text for a {@code because} or an
 * expected result, so that a name holding a line break cannot start a marker line of its own.
 */
public final class Display {

    public String line(String text) {
        return text == null ? "NULL" : text.replace('\r', ' ').replace('\n', ' ');
    }

    public String table(String schema, String name) {
        return line(schema + "." + name);
    }
}
