package dev.schemawatch.generator.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What kind of statement a step is, as far as a pgTAP assertion needs to know: a query can be
 * counted as a subquery, a data-modifying statement only as a top-level {@code WITH} whose rows come
 * from {@code RETURNING}. Read by a small lexer that skips comments, string literals, quoted
 * identifiers and dollar-quoted bodies, so that a {@code RETURNING} inside a literal or a
 * parenthesised subquery does not count.
 */
record StatementShape(Kind kind, String body) {

    enum Kind {
        /** SELECT, VALUES, TABLE, or a WITH ending in one of them: returns rows. */
        QUERY,
        /** INSERT, UPDATE or DELETE without RETURNING: only an update count. */
        MODIFYING,
        /** INSERT, UPDATE or DELETE ... RETURNING: returns rows. */
        MODIFYING_RETURNING,
        /** Anything else (utility statements, MERGE, EXPLAIN...): cannot be wrapped to count or read rows. */
        OTHER
    }

    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "VALUES", "TABLE");
    private static final Set<String> MODIFYING_WORDS = Set.of("INSERT", "UPDATE", "DELETE");

    /**
     * @param sql one statement
     * @return its kind, and its text without trailing semicolons and comments, so that it can be
     *         placed inside parentheses
     */
    static StatementShape of(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        List<String> words = lexer.topLevelWords;
        String body = sql.substring(0, lexer.endOfLastToken);
        if (words.isEmpty()) {
            return new StatementShape(Kind.OTHER, body);
        }
        String first = words.get(0);
        String main = first;
        if (first.equals("WITH")) {
            // The CTE bodies are parenthesised, so the first top-level statement word after WITH is the main statement's.
            main = words.stream().skip(1).filter(word -> QUERY_WORDS.contains(word) || MODIFYING_WORDS.contains(word))
                    .findFirst().orElse("");
        }
        if (QUERY_WORDS.contains(main)) {
            return new StatementShape(Kind.QUERY, body);
        }
        if (MODIFYING_WORDS.contains(main)) {
            return new StatementShape(words.contains("RETURNING") ? Kind.MODIFYING_RETURNING : Kind.MODIFYING, body);
        }
        return new StatementShape(Kind.OTHER, body);
    }

    /** Collects the upper-cased words at parenthesis depth 0 and where the last token other than a semicolon ends. */
    private static final class Lexer {

        private final String sql;
        private final List<String> topLevelWords = new ArrayList<>();
        private int position;
        private int depth;
        private int endOfLastToken;

        Lexer(String sql) {
            this.sql = sql;
        }

        void run() {
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (sql.startsWith("--", position)) {
                    skipLineComment();
                } else if (sql.startsWith("/*", position)) {
                    skipBlockComment();
                } else if (c == ';') {
                    position++;
                } else {
                    token(c);
                    endOfLastToken = position;
                }
            }
        }

        private void token(char c) {
            if ((c == 'E' || c == 'e') && position + 1 < sql.length() && sql.charAt(position + 1) == '\'') {
                position++;
                skipQuoted('\'', true);
            } else if (c == '\'') {
                skipQuoted('\'', false);
            } else if (c == '"') {
                skipQuoted('"', false);
            } else if (c == '$' && dollarTagAt(position) != null) {
                skipDollarQuoted(dollarTagAt(position));
            } else if (Character.isLetter(c) || c == '_') {
                int start = position;
                while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position))
                        || sql.charAt(position) == '_' || sql.charAt(position) == '$')) {
                    position++;
                }
                if (depth == 0) {
                    topLevelWords.add(sql.substring(start, position).toUpperCase(Locale.ROOT));
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
                position++;
            }
        }

        private void skipLineComment() {
            int newline = sql.indexOf('\n', position);
            position = newline < 0 ? sql.length() : newline + 1;
        }

        private void skipBlockComment() {
            // PostgreSQL block comments nest.
            int nesting = 0;
            do {
                if (sql.startsWith("/*", position)) {
                    nesting++;
                    position += 2;
                } else if (sql.startsWith("*/", position)) {
                    nesting--;
                    position += 2;
                } else {
                    position++;
                }
            } while (nesting > 0 && position < sql.length());
        }

        /** Skips a quoted token starting at the quote; a doubled quote is part of it, and so is a backslash-escaped character in an E'' string. */
        private void skipQuoted(char quote, boolean backslashEscapes) {
            position++;
            while (position < sql.length()) {
                char c = sql.charAt(position);
                if (backslashEscapes && c == '\\') {
                    position += 2;
                } else if (c == quote) {
                    position++;
                    if (position < sql.length() && sql.charAt(position) == quote) {
                        position++;
                    } else {
                        return;
                    }
                } else {
                    position++;
                }
            }
            position = Math.min(position, sql.length());
        }

        /** {@code $tag$} or {@code $$} at {@code start}, else null ({@code $1} is a parameter, not a quote). */
        private String dollarTagAt(int start) {
            int end = start + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            if (end >= sql.length() || sql.charAt(end) != '$' || (end > start + 1 && Character.isDigit(sql.charAt(start + 1)))) {
                return null;
            }
            return sql.substring(start, end + 1);
        }

        private void skipDollarQuoted(String tag) {
            int close = sql.indexOf(tag, position + tag.length());
            position = close < 0 ? sql.length() : close + tag.length();
        }
    }
}
