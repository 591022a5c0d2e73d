package dev.schemawatch.generator.export;

import javax.lang.model.SourceVersion;
import java.util.Locale;

/** Java identifiers made from arbitrary text (table names included), and checks of names a caller gives. */
final class JavaNames {

    /** Longest a derived name grows; the words after it add nothing a reader needs. */
    private static final int MAX_WORDS_LENGTH = 60;

    private JavaNames() {
    }

    /**
     * The ASCII letters and digits of {@code text} as capitalised words, e.g. {@code x"; drop table t; --}
     * becomes {@code XDropTableT}; empty when there are none.
     */
    static String words(String text) {
        StringBuilder words = new StringBuilder();
        boolean wordStart = true;
        for (int index = 0; index < text.length() && words.length() < MAX_WORDS_LENGTH; index++) {
            char c = text.charAt(index);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit) {
                wordStart = true;
            } else {
                words.append(wordStart ? Character.toUpperCase(c) : c);
                wordStart = false;
            }
        }
        return words.toString();
    }

    /** {@code prefix} followed by the words of {@code text}: a valid identifier whenever the prefix starts with a letter. */
    static String identifier(String prefix, String text) {
        return prefix + words(text == null ? "" : text);
    }

    static String requireClassName(String name) {
        if (name == null || !SourceVersion.isName(name) || name.contains(".")) {
            throw new IllegalArgumentException("not a valid Java class name: " + name);
        }
        return name;
    }

    /** A dotted package name of valid, non-keyword identifiers; the empty string is the unnamed package. */
    static String requirePackageName(String name) {
        if (name == null || (!name.isEmpty() && !SourceVersion.isName(name))) {
            throw new IllegalArgumentException("not a valid Java package name: " + name);
        }
        return name;
    }

    /** A lowercase file-name-safe slug, e.g. for {@code suite-1} {@code suite-1}. */
    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "suite" : slug;
    }
}
