package dev.schemawatch.monitor.change;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code object_identity} as the event trigger functions give it, split into unquoted names:
 * {@code public.orders}, {@code "My Schema"."x""y"}, {@code public.orders.email} (a column),
 * {@code orders_pkey on public.orders} (a constraint, trigger, policy or rule, whose relation is
 * the {@code owner}), {@code public.f(integer)} or {@code public.mood[]} (trailing parts ignored).
 * Only needed when a name cannot be taken from a definition, which carries it unquoted.
 *
 * @param names the dotted names at the start
 * @param owner the dotted names after {@code " on "}, empty when there is none
 */
public record ObjectIdentity(List<String> names, List<String> owner) {

    private static final String ON = " on ";

    public static ObjectIdentity parse(String identity) {
        if (identity == null) {
            return new ObjectIdentity(List.of(), List.of());
        }
        List<String> names = new ArrayList<>();
        int end = readPath(identity, 0, names);
        List<String> owner = new ArrayList<>();
        if (identity.startsWith(ON, end)) {
            readPath(identity, end + ON.length(), owner);
        }
        return new ObjectIdentity(List.copyOf(names), List.copyOf(owner));
    }

    /** The name of the object itself, or of its relation when it has one; null when there is none. */
    String relationOrObjectName() {
        List<String> path = owner.isEmpty() ? names : owner;
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }

    public String first() {
        return names.isEmpty() ? null : names.get(0);
    }

    /** @return the index after the last name read */
    private static int readPath(String identity, int start, List<String> names) {
        int i = start;
        while (i < identity.length()) {
            StringBuilder name = new StringBuilder();
            if (identity.charAt(i) == '"') {
                i++;
                while (i < identity.length()) {
                    char c = identity.charAt(i);
                    if (c == '"' && i + 1 < identity.length() && identity.charAt(i + 1) == '"') {
                        name.append('"');
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        break;
                    } else {
                        name.append(c);
                        i++;
                    }
                }
            } else {
                while (i < identity.length() && !endsBareName(identity.charAt(i))) {
                    name.append(identity.charAt(i));
                    i++;
                }
                if (name.isEmpty()) {
                    return i;
                }
            }
            names.add(name.toString());
            if (i < identity.length() && identity.charAt(i) == '.') {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static boolean endsBareName(char c) {
        return c == '.' || c == '(' || c == '[' || c == '"' || Character.isWhitespace(c);
    }
}
