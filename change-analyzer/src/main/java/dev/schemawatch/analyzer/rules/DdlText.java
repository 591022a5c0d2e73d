package dev.schemawatch.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statement text of a DDL event as words, so that rules can ask whether it said
 * {@code CONCURRENTLY}, {@code NOT VALID} or {@code USING INDEX} without being fooled by comments,
 * string literals, dollar-quoted bodies or quoted identifiers that happen to contain those words.
 * A query string may hold several statements (the event then carries all of them); they are kept
 * apart at top-level semicolons.
 */
final class DdlText {

    private static final DdlText EMPTY = new DdlText(List.of());

    private final List<Statement> statements;

    private DdlText(List<Statement> statements) {
        this.statements = statements;
    }

    static DdlText parse(String sql) {
        return sql == null || sql.isBlank() ? EMPTY : new Tokenizer(sql).statements();
    }

    /**
     * The statements that name {@code identifier} (the object a rule is about), or every statement
     * when none does: an object PostgreSQL named itself appears in no statement.
     */
    List<Statement> about(String identifier) {
        List<Statement> naming = statements.stream().filter(s -> s.names(identifier)).toList();
        return naming.isEmpty() ? statements : naming;
    }

    /** Whether any statement about {@code identifier} holds the consecutive words. */
    boolean says(String identifier, String... words) {
        for (Statement statement : about(identifier)) {
            if (statement.contains(words)) {
                return true;
            }
        }
        return false;
    }

    /** One statement: its words upper-cased, quoted identifiers verbatim, other symbols as themselves. */
    record Statement(List<Token> tokens) {

        boolean contains(String... words) {
            for (int start = 0; start + words.length <= tokens.size(); start++) {
                int matched = 0;
                while (matched < words.length && tokens.get(start + matched).isWord(words[matched])) {
                    matched++;
                }
                if (matched == words.length) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an identifier in the statement refers to {@code name} (unquoted ones fold to lower case). */
        boolean names(String name) {
            if (name == null) {
                return false;
            }
            for (Token token : tokens) {
                if (token.kind() == Token.Kind.QUOTED ? token.text().equals(name)
                        : token.kind() == Token.Kind.WORD && token.text().toLowerCase(Locale.ROOT).equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Token(Kind kind, String text) {

        enum Kind {
            WORD,
            QUOTED,
            SYMBOL
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equals(word);
        }
    }

    private static final class Tokenizer {

        private final String sql;
        private final List<Statement> statements = new ArrayList<>();
        private List<Token> current = new ArrayList<>();
        private int at;

        Tokenizer(String sql) {
            this.sql = sql;
        }

        DdlText statements() {
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (Character.isWhitespace(c)) {
                    at++;
                } else if (c == '-' && next() == '-') {
                    skipLineComment();
                } else if (c == '/' && next() == '*') {
                    skipBlockComment();
                } else if (c == '\'') {
                    skipString(false);
                } else if (c == '"') {
                    quotedIdentifier();
                } else if (c == '$' && dollarTagEnd() > 0) {
                    skipDollarQuoted();
                } else if (c == ';') {
                    endStatement();
                    at++;
                } else if (isIdentifierStart(c) || Character.isDigit(c)) {
                    word();
                } else {
                    current.add(new Token(Token.Kind.SYMBOL, String.valueOf(c)));
                    at++;
                }
            }
            endStatement();
            return new DdlText(List.copyOf(statements));
        }

        private char next() {
            return at + 1 < sql.length() ? sql.charAt(at + 1) : '\0';
        }

        private void skipLineComment() {
            while (at < sql.length() && sql.charAt(at) != '\n') {
                at++;
            }
        }

        /** PostgreSQL's block comments nest. */
        private void skipBlockComment() {
            int depth = 0;
            while (at < sql.length()) {
                if (sql.startsWith("/*", at)) {
                    depth++;
                    at += 2;
                } else if (sql.startsWith("*/", at)) {
                    depth--;
                    at += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    at++;
                }
            }
        }

        private void skipString(boolean backslashEscapes) {
            at++;
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (backslashEscapes && c == '\\') {
                    at += 2;
                } else if (c == '\'' && next() == '\'') {
                    at += 2;
                } else if (c == '\'') {
                    at++;
                    return;
                } else {
                    at++;
                }
            }
        }

        private void quotedIdentifier() {
            StringBuilder name = new StringBuilder();
            at++;
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (c == '"' && next() == '"') {
                    name.append('"');
                    at += 2;
                } else if (c == '"') {
                    at++;
                    break;
                } else {
                    name.append(c);
                    at++;
                }
            }
            current.add(new Token(Token.Kind.QUOTED, name.toString()));
        }

        /** The index just past the closing {@code $} of a dollar-quote tag at the cursor, or -1. */
        private int dollarTagEnd() {
            int i = at + 1;
            while (i < sql.length() && sql.charAt(i) != '$') {
                char c = sql.charAt(i);
                if (!(isIdentifierStart(c) || (i > at + 1 && Character.isDigit(c)))) {
                    return -1;
                }
                i++;
            }
            return i < sql.length() ? i + 1 : -1;
        }

        private void skipDollarQuoted() {
            int tagEnd = dollarTagEnd();
            String tag = sql.substring(at, tagEnd);
            int close = sql.indexOf(tag, tagEnd);
            at = close < 0 ? sql.length() : close + tag.length();
        }

        private void word() {
            int start = at;
            while (at < sql.length() && isIdentifierPart(sql.charAt(at))) {
                at++;
            }
            String word = sql.substring(start, at);
            if (at < sql.length() && sql.charAt(at) == '\'' && (word.equals("E") || word.equals("e"))) {
                skipString(true);
                return;
            }
            current.add(new Token(Token.Kind.WORD, word.toUpperCase(Locale.ROOT)));
        }

        private void endStatement() {
            if (!current.isEmpty()) {
                statements.add(new Statement(List.copyOf(current)));
                current = new ArrayList<>();
            }
        }

        private static boolean isIdentifierStart(char c) {
            return Character.isLetter(c) || c == '_' || c > 127;
        }

        private static boolean isIdentifierPart(char c) {
            return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
        }
    }
}
