package dev.schemawatch.contracts.naming;

import java.util.regex.Pattern;

/**
 * A glob on qualified names such as {@code db.schema.table}: {@code *} matches any run of characters
 * (dots included), {@code ?} one character, everything else itself. The one pattern syntax of every
 * service's configuration.
 */
public final class Glob {

    private final String text;
    private final Pattern pattern;

    private Glob(String text) {
        this.text = text;
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    public static Glob of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a glob pattern must not be blank");
        }
        return new Glob(text);
    }

    public boolean matches(String name) {
        return name != null && pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
