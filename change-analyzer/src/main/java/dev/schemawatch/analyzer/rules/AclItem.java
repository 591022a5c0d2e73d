package dev.schemawatch.analyzer.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a PostgreSQL access control list as {@code aclitem::text} writes it:
 * {@code grantee=privileges/grantor}, an empty grantee meaning PUBLIC, names double-quoted when
 * they need it, and {@code *} after a privilege letter for WITH GRANT OPTION.
 *
 * @param grantee    the role, or null for PUBLIC
 * @param privileges privilege keywords, e.g. {@code SELECT}, in the order the item lists them
 * @param grantable  the subset held WITH GRANT OPTION
 * @param grantor    the role that granted them
 */
public record AclItem(String grantee, List<String> privileges, List<String> grantable, String grantor) {

    /** Reads one item; null when it is not in aclitem's format. */
    public static AclItem parse(String text) {
        Reader reader = new Reader(text);
        String grantee = reader.name('=');
        if (!reader.skip('=')) {
            return null;
        }
        List<String> privileges = new ArrayList<>();
        List<String> grantable = new ArrayList<>();
        while (reader.more() && reader.peek() != '/') {
            String privilege = privilege(reader.next());
            if (privilege == null) {
                return null;
            }
            privileges.add(privilege);
            if (reader.more() && reader.peek() == '*') {
                reader.next();
                grantable.add(privilege);
            }
        }
        if (!reader.skip('/')) {
            return null;
        }
        String grantor = reader.name('\0');
        return new AclItem(grantee.isEmpty() ? null : grantee, List.copyOf(privileges), List.copyOf(grantable), grantor);
    }

    private static String privilege(char letter) {
        return switch (letter) {
            case 'r' -> "SELECT";
            case 'w' -> "UPDATE";
            case 'a' -> "INSERT";
            case 'd' -> "DELETE";
            case 'D' -> "TRUNCATE";
            case 'x' -> "REFERENCES";
            case 't' -> "TRIGGER";
            case 'm' -> "MAINTAIN";
            case 'X' -> "EXECUTE";
            case 'U' -> "USAGE";
            case 'C' -> "CREATE";
            case 'c' -> "CONNECT";
            case 'T' -> "TEMPORARY";
            default -> null;
        };
    }

    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean more() {
            return at < text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        char next() {
            return text.charAt(at++);
        }

        boolean skip(char expected) {
            if (more() && peek() == expected) {
                at++;
                return true;
            }
            return false;
        }

        /** A role name up to {@code end}, unquoting {@code "..."} with doubled quotes inside. */
        String name(char end) {
            StringBuilder name = new StringBuilder();
            boolean quoted = false;
            while (more()) {
                char c = peek();
                if (c == '"') {
                    if (quoted && at + 1 < text.length() && text.charAt(at + 1) == '"') {
                        name.append('"');
                        at += 2;
                        continue;
                    }
                    quoted = !quoted;
                    at++;
                    continue;
                }
                if (!quoted && c == end) {
                    break;
                }
                name.append(c);
                at++;
            }
            return name.toString();
        }
    }
}
