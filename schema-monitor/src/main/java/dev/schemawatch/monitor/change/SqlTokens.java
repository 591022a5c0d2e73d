package dev.schemawatch.monitor.change;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a definition PostgreSQL printed ({@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_triggerdef}, {@code pg_get_expr}) into tokens, so two definitions can be compared
 * with renamed identifiers substituted. An identifier token holds the name itself, whether PostgreSQL
 * printed it bare or quoted: which names it quotes depends on its keyword list, which we need not know.
 */
final class SqlTokens {

    /** @param identifier true for a word or quoted identifier, false for literals and punctuation */
    record Token(boolean identifier, String text) {

        static Token name(String name) {
            return new Token(true, name);
        }

        boolean isSymbol(String symbol) {
            return !identifier && text.equals(symbol);
        }
    }

    private SqlTokens() {
    }

    static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = closingQuote(sql, i);
                String content = sql.substring(i + 1, Math.max(i + 1, end - 1));
                tokens.add(c == '"'
                        ? Token.name(content.replace("\"\"", "\""))
                        : new Token(false, "'" + content + "'"));
                i = end;
            } else if (isWordPart(c)) {
                int end = i;
                while (end < sql.length() && isWordPart(sql.charAt(end))) {
                    end++;
                }
                tokens.add(Token.name(sql.substring(i, end)));
                i = end;
            } else {
                tokens.add(new Token(false, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** @return the index just after the quote that closes the one at {@code start}, doubled quotes being content */
    private static int closingQuote(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
