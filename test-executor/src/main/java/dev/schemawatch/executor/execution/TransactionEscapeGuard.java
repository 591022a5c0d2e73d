package dev.schemawatch.executor.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.schemawatch.contracts.suite.TestCase;

/**
 * Refuses a step that would end the case's transaction or lift its safeguards before it runs:
 * rollback only protects data while the case stays inside the executor's transaction, with its
 * timeouts and role. {@code COMMIT} in a step would make everything before it permanent;
 * {@code SET lock_timeout = 0} would let the case queue behind the application's locks;
 * {@code RESET ROLE} would drop the least-privilege role.
 * <p>
 * A small SQL lexer finds each statement's leading words while skipping string literals (plain,
 * {@code E''} and dollar-quoted), quoted identifiers and comments, so that {@code 'a; commit'} is just
 * a value. It errs on the safe side (a refused case is ERRORED, never run). {@code COMMIT} inside
 * {@code DO} blocks and procedures needs no check: PostgreSQL forbids it within the executor's
 * transaction block.
 */
final class TransactionEscapeGuard {

    private static final Set<String> ENDS_TRANSACTION = Set.of("commit", "end", "rollback", "abort", "begin", "savepoint", "release");
    private static final Set<String> GUARDED_SETTINGS = Set.of("role", "session_authorization", "lock_timeout", "statement_timeout",
            "idle_in_transaction_session_timeout", "transaction_timeout", "all");

    private TransactionEscapeGuard() {
    }

    /** The first step that escapes, or null when every step stays inside the transaction's safeguards. */
    static Escape firstEscape(TestCase testCase) {
        for (int index = 0; index < testCase.steps().size(); index++) {
            String command = escapingCommand(testCase.steps().get(index).sql());
            if (command != null) {
                return new Escape(index, command);
            }
        }
        return null;
    }

    /**
     * @param step    index of the refused step
     * @param command what it would have run, e.g. {@code COMMIT} or {@code SET ROLE}
     */
    record Escape(int step, String command) {

        String message() {
            return "step " + (step + 1) + " would end the case's transaction or lift its safeguards (" + command + "); the case was not run";
        }
    }

    /** @return the offending command, or null */
    static String escapingCommand(String sql) {
        List<String> words = new ArrayList<>();
        int position = 0;
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (c == ';') {
                String command = escapingStatement(words);
                if (command != null) {
                    return command;
                }
                words.clear();
                position++;
            } else if (c == '-' && sql.startsWith("--", position)) {
                int end = sql.indexOf('\n', position);
                position = end < 0 ? length : end + 1;
            } else if (c == '/' && sql.startsWith("/*", position)) {
                position = skipBlockComment(sql, position);
            } else if (c == '\'') {
                boolean escapeString = !words.isEmpty() && position > 0 && Character.toLowerCase(sql.charAt(position - 1)) == 'e'
                        && words.get(words.size() - 1).equals("e");
                if (escapeString) {
                    // The E prefix was read as a word of its own; it belongs to the literal.
                    words.remove(words.size() - 1);
                }
                position = skipQuoted(sql, position, '\'', escapeString);
                words.add("'");
            } else if (c == '"') {
                // Kept as a word: SET "lock_timeout" = 0 names the setting as well as SET lock_timeout does.
                int end = skipQuoted(sql, position, '"', false);
                words.add(sql.substring(position + 1, Math.max(position + 1, end - 1)).replace("\"\"", "\"").toLowerCase(Locale.ROOT));
                position = end;
            } else if (c == '$' && dollarTagEnd(sql, position) > 0) {
                int tagEnd = dollarTagEnd(sql, position);
                String tag = sql.substring(position, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                position = close < 0 ? length : close + tag.length();
                words.add("$");
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = position;
                while (position < length && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_' || sql.charAt(position) == '$')) {
                    position++;
                }
                words.add(sql.substring(start, position).toLowerCase(Locale.ROOT));
            } else {
                if (!Character.isWhitespace(c)) {
                    words.add(String.valueOf(c));
                }
                position++;
            }
        }
        return escapingStatement(words);
    }

    private static String escapingStatement(List<String> words) {
        if (words.contains("set_config")) {
            // SELECT set_config('lock_timeout', '0', false) is SET in disguise.
            return "set_config";
        }
        if (words.isEmpty()) {
            return null;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        if (ENDS_TRANSACTION.contains(first)) {
            return first.toUpperCase(Locale.ROOT);
        }
        if ((first.equals("start") || first.equals("prepare")) && second.equals("transaction")) {
            return (first + " transaction").toUpperCase(Locale.ROOT);
        }
        if (first.equals("set")) {
            int nameIndex = second.equals("local") || second.equals("session") ? 2 : 1;
            String name = words.size() > nameIndex ? words.get(nameIndex) : "";
            if (GUARDED_SETTINGS.contains(name) || (second.equals("session") && name.equals("authorization"))) {
                return ("set " + name).toUpperCase(Locale.ROOT);
            }
        }
        if (first.equals("reset") && (GUARDED_SETTINGS.contains(second) || second.equals("session"))) {
            return ("reset " + second).toUpperCase(Locale.ROOT);
        }
        return null;
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int position = start;
        while (position < sql.length()) {
            if (sql.startsWith("/*", position)) {
                depth++;
                position += 2;
            } else if (sql.startsWith("*/", position)) {
                depth--;
                position += 2;
                if (depth == 0) {
                    return position;
                }
            } else {
                position++;
            }
        }
        return position;
    }

    /** @return the index after the closing quote; a doubled quote is part of the text */
    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int position = start + 1;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (backslashEscapes && c == '\\') {
                position += 2;
            } else if (c == quote) {
                if (position + 1 < sql.length() && sql.charAt(position + 1) == quote) {
                    position += 2;
                } else {
                    return position + 1;
                }
            } else {
                position++;
            }
        }
        return position;
    }

    /** @return the index after a dollar-quote tag ({@code $$} or {@code $tag$}) starting here, or -1 ({@code $1} is a parameter) */
    private static int dollarTagEnd(String sql, int start) {
        if (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) {
            return -1;
        }
        int position = start + 1;
        if (position < sql.length() && Character.isDigit(sql.charAt(position))) {
            return -1;
        }
        while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_')) {
            position++;
        }
        return position < sql.length() && sql.charAt(position) == '$' ? position + 1 : -1;
    }
}
