package dev.schemawatch.generator.export;

/**
 * {@code $java} in the JUnit export template: the one way it writes a value into Java source.
 * Every suite-provided text (SQL, names, reasons) reaches the generated class only through
 * {@link #string(String)}, never through a comment, so no content can end a literal or a comment early.
 */
public final class JavaTool {

    /**
     * A Java string literal, or {@code null}. Everything outside printable ASCII is escaped, and
     * carriage returns and line feeds with their named escapes rather than as unicode escapes:
     * javac translates {@code \}{@code u000a} before it lexes, which would end the literal.
     */
    public String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder literal = new StringBuilder(value.length() + 2).append('"');
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                case '\b' -> literal.append("\\b");
                case '\f' -> literal.append("\\f");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        literal.append(c);
                    } else {
                        literal.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
