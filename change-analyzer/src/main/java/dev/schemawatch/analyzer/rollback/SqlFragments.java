package dev.schemawatch.analyzer.rollback;

import dev.schemawatch.analyzer.rules.AclItem;
import dev.schemawatch.analyzer.rules.QualifiedName;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SequenceDefinition;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Pieces of inverse DDL. Names are always quoted here. Expressions and definitions (defaults,
 * CHECK conditions, index, trigger and view definitions) are PostgreSQL's own deparsed text
 * ({@code pg_get_expr}, {@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_triggerdef}, {@code pg_get_viewdef}), which quotes the names inside them itself;
 * they are embedded as captured. Type names from {@code format_type} are embedded only when they
 * look like one, so text that is not a type can never become SQL.
 */
final class SqlFragments {

    /** format_type output: (quoted) names, dots and spaces, numeric modifiers, array brackets. */
    private static final Pattern TYPE_NAME = Pattern.compile(
            "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)"
                    + "(?:[. ](?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)|\\(\\d+(?:, ?-?\\d+)?\\))*"
                    + "(?:\\[\\d*])*");

    private static final Set<String> POLICY_COMMANDS = Set.of("ALL", "SELECT", "INSERT", "UPDATE", "DELETE");

    private SqlFragments() {
    }

    static boolean isTypeName(String type) {
        return type != null && TYPE_NAME.matcher(type).matches();
    }

    /** The keyword ALTER/DROP/COMMENT use for the relation kind, e.g. {@code MATERIALIZED VIEW}. */
    static String keyword(RelationKind kind) {
        if (kind == null) {
            return "TABLE";
        }
        return switch (kind) {
            case VIEW -> "VIEW";
            case MATERIALIZED_VIEW -> "MATERIALIZED VIEW";
            case SEQUENCE -> "SEQUENCE";
            case FOREIGN_TABLE -> "FOREIGN TABLE";
            case COMPOSITE_TYPE -> "TYPE";
            case TABLE, PARTITIONED_TABLE -> "TABLE";
        };
    }

    /**
     * A column as ADD COLUMN or CREATE TABLE declares it; null when its type text is not a type.
     *
     * @param withNotNull whether to declare NOT NULL
     */
    static String columnDeclaration(ColumnDefinition column, boolean withNotNull) {
        if (!isTypeName(column.type())) {
            return null;
        }
        StringBuilder declaration = new StringBuilder(SqlQuoting.identifier(column.name())).append(' ').append(column.type());
        if (column.collation() != null) {
            declaration.append(" COLLATE ").append(collation(column.collation()));
        }
        if (column.generated() != null) {
            declaration.append(" GENERATED ALWAYS AS (").append(column.generated()).append(") STORED");
        } else if (column.identity() != null) {
            declaration.append(" GENERATED ").append(identity(column.identity())).append(" AS IDENTITY");
        } else if (column.defaultValue() != null) {
            declaration.append(" DEFAULT ").append(column.defaultValue());
        }
        if (withNotNull && column.notNull()) {
            declaration.append(" NOT NULL");
        }
        return declaration.toString();
    }

    /** {@code ALWAYS} or {@code BY DEFAULT}, from the captured {@code ALWAYS} / {@code BY_DEFAULT}. */
    static String identity(String captured) {
        return "BY_DEFAULT".equals(captured) ? "BY DEFAULT" : "ALWAYS";
    }

    /** A collation as captured: its bare name in pg_catalog, {@code schema.name} elsewhere. */
    static String collation(String captured) {
        return captured.indexOf('.') < 0 ? SqlQuoting.identifier(captured) : QualifiedName.parse(captured, null).sql();
    }

    static String createPolicy(PolicyDefinition policy, String table) {
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(SqlQuoting.identifier(policy.name()))
                .append(" ON ").append(table).append(" AS ").append(policy.permissive() ? "PERMISSIVE" : "RESTRICTIVE");
        if (policy.command() != null && POLICY_COMMANDS.contains(policy.command())) {
            sql.append(" FOR ").append(policy.command());
        }
        sql.append(" TO ").append(roles(policy.roles()));
        if (policy.using() != null) {
            sql.append(" USING (").append(policy.using()).append(')');
        }
        if (policy.withCheck() != null) {
            sql.append(" WITH CHECK (").append(policy.withCheck()).append(')');
        }
        return sql.append(';').toString();
    }

    /** The parameters of {@code CREATE SEQUENCE} / {@code ALTER SEQUENCE}, e.g. {@code AS bigint INCREMENT BY 1 ...}. */
    static String sequenceParameters(SequenceDefinition sequence) {
        StringBuilder sql = new StringBuilder();
        if (isTypeName(sequence.dataType())) {
            sql.append(" AS ").append(sequence.dataType());
        }
        return sql.append(" INCREMENT BY ").append(sequence.increment())
                .append(" MINVALUE ").append(sequence.minValue())
                .append(" MAXVALUE ").append(sequence.maxValue())
                .append(" START WITH ").append(sequence.start())
                .append(" CACHE ").append(sequence.cache())
                .append(sequence.cycle() ? " CYCLE" : " NO CYCLE")
                .toString();
    }

    /**
     * GRANT and REVOKE statements that turn the access control list {@code from} back into
     * {@code to}; null when an entry is not in aclitem's format.
     *
     * @param objectKeyword {@code TABLE} or {@code SEQUENCE}
     */
    static String privilegeStatements(List<String> from, List<String> to, String objectKeyword, String object) {
        Map<String, Held> current = held(from);
        Map<String, Held> wanted = held(to);
        if (current == null || wanted == null) {
            return null;
        }
        Set<String> grantees = new LinkedHashSet<>(current.keySet());
        grantees.addAll(wanted.keySet());
        List<String> statements = new ArrayList<>();
        String on = " ON " + objectKeyword + " " + object;
        for (String grantee : grantees) {
            Held is = current.getOrDefault(grantee, Held.NONE);
            Held was = wanted.getOrDefault(grantee, Held.NONE);
            String role = grantee.isEmpty() ? "PUBLIC" : SqlQuoting.identifier(grantee);
            List<String> revoke = minus(is.privileges(), was.privileges());
            List<String> revokeOption = minus(intersection(is.grantable(), was.privileges()), was.grantable());
            List<String> grant = minus(was.privileges(), is.privileges());
            List<String> grantOption = minus(was.grantable(), is.grantable());
            if (!revoke.isEmpty()) {
                statements.add("REVOKE " + String.join(", ", revoke) + on + " FROM " + role + ";");
            }
            if (!revokeOption.isEmpty()) {
                statements.add("REVOKE GRANT OPTION FOR " + String.join(", ", revokeOption) + on + " FROM " + role + ";");
            }
            List<String> plain = minus(grant, grantOption);
            if (!plain.isEmpty()) {
                statements.add("GRANT " + String.join(", ", plain) + on + " TO " + role + ";");
            }
            if (!grantOption.isEmpty()) {
                statements.add("GRANT " + String.join(", ", grantOption) + on + " TO " + role + " WITH GRANT OPTION;");
            }
        }
        return String.join("\n", statements);
    }

    static String roles(List<String> roles) {
        if (roles.isEmpty()) {
            return "PUBLIC";
        }
        // pg_policy records PUBLIC as role 0, which the capture writes as "public" (no role can have that name)
        return roles.stream().map(r -> r.equals("public") ? "PUBLIC" : SqlQuoting.identifier(r))
                .collect(Collectors.joining(", "));
    }

    /** What each grantee holds (PUBLIC as ""), or null when an entry cannot be read. */
    private static Map<String, Held> held(List<String> acl) {
        Map<String, Held> held = new LinkedHashMap<>();
        for (String entry : acl) {
            AclItem item = AclItem.parse(entry);
            if (item == null) {
                return null;
            }
            String grantee = item.grantee() == null ? "" : item.grantee();
            Held previous = held.getOrDefault(grantee, Held.NONE);
            held.put(grantee, new Held(union(previous.privileges(), item.privileges()),
                    union(previous.grantable(), item.grantable())));
        }
        return held;
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> union = new LinkedHashSet<>(a);
        union.addAll(b);
        return List.copyOf(union);
    }

    private static List<String> intersection(List<String> a, List<String> b) {
        return a.stream().filter(b::contains).toList();
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(p -> !b.contains(p)).toList();
    }

    private record Held(List<String> privileges, List<String> grantable) {
        static final Held NONE = new Held(List.of(), List.of());
    }
}
