package dev.schemawatch.analyzer.rollback;

import dev.schemawatch.analyzer.rules.AclItem;
import dev.schemawatch.analyzer.rules.QualifiedName;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.TriggerDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The statements that recreate a dropped relation or type from its captured definition. */
final class CreateStatements {

    /** Constraints a column or another statement declares, not the CREATE TABLE constraint list. */
    private static final Set<ConstraintType> NOT_IN_TABLE_LIST =
            Set.of(ConstraintType.FOREIGN_KEY, ConstraintType.NOT_NULL, ConstraintType.TRIGGER);

    private CreateStatements() {
    }

    /**
     * CREATE TABLE with its columns (types, collations, defaults, identity, generation, NOT NULL)
     * and constraints, then its foreign keys, other indexes, row level security and policies,
     * triggers, comments, owner and grants; null when a column's type text is not a type.
     */
    static String table(RelationDefinition table) {
        String name = SqlQuoting.qualified(table.schema(), table.name());
        List<String> statements = new ArrayList<>();
        if (table.partitionOf() != null) {
            if (table.partitionBound() == null) {
                return null;
            }
            statements.add("CREATE TABLE " + name + " PARTITION OF "
                    + QualifiedName.parse(table.partitionOf(), table.schema()).sql() + " " + table.partitionBound() + ";");
        } else {
            List<String> elements = new ArrayList<>();
            for (ColumnDefinition column : table.columns()) {
                String declaration = SqlFragments.columnDeclaration(column, true);
                if (declaration == null) {
                    return null;
                }
                elements.add(declaration);
            }
            table.constraints().stream()
                    .filter(c -> !NOT_IN_TABLE_LIST.contains(c.type()) && c.definition() != null)
                    .forEach(c -> elements.add("CONSTRAINT " + SqlQuoting.identifier(c.name()) + " " + c.definition()));
            statements.add("CREATE " + (table.unlogged() ? "UNLOGGED " : "") + "TABLE " + name + " (\n    "
                    + String.join(",\n    ", elements) + "\n)"
                    + (table.partitionKey() == null ? "" : " PARTITION BY " + table.partitionKey()) + ";");
        }
        table.constraints().stream()
                .filter(c -> c.type() == ConstraintType.FOREIGN_KEY && c.definition() != null)
                .forEach(fk -> statements.add("ALTER TABLE " + name + " ADD CONSTRAINT " + SqlQuoting.identifier(fk.name())
                        + " " + fk.definition() + ";"));
        if (table.partitionOf() == null) {
            indexesOutsideConstraints(table).forEach(index -> statements.add(index.definition() + ";"));
        }
        statements.addAll(security(table, name));
        for (TriggerDefinition trigger : table.triggers()) {
            if (trigger.definition() != null) {
                statements.add(trigger.definition() + ";");
                if (!trigger.enabled()) {
                    statements.add("ALTER TABLE " + name + " DISABLE TRIGGER " + SqlQuoting.identifier(trigger.name()) + ";");
                }
            }
        }
        statements.addAll(commentsOwnerAndGrants(table, name, "TABLE"));
        return String.join("\n", statements);
    }

    /** CREATE OR REPLACE VIEW, or CREATE MATERIALIZED VIEW with its indexes; null without a definition. */
    static String view(RelationDefinition view) {
        if (view.viewDefinition() == null) {
            return null;
        }
        String name = SqlQuoting.qualified(view.schema(), view.name());
        List<String> statements = new ArrayList<>();
        if (view.kind() == RelationKind.MATERIALIZED_VIEW) {
            statements.add("CREATE MATERIALIZED VIEW " + name + " AS " + query(view.viewDefinition()) + ";");
            view.indexes().stream().filter(i -> i.definition() != null).forEach(i -> statements.add(i.definition() + ";"));
        } else {
            statements.add("CREATE OR REPLACE VIEW " + name + " AS " + query(view.viewDefinition()) + ";");
        }
        statements.addAll(commentsOwnerAndGrants(view, name, SqlFragments.keyword(view.kind())));
        return String.join("\n", statements);
    }

    /** CREATE SEQUENCE with the captured parameters; null without them. */
    static String sequence(RelationDefinition sequence) {
        if (sequence.sequence() == null) {
            return null;
        }
        String name = SqlQuoting.qualified(sequence.schema(), sequence.name());
        return "CREATE SEQUENCE " + name + SqlFragments.sequenceParameters(sequence.sequence()) + ";";
    }

    /** CREATE TYPE ... AS ENUM / AS (...) or CREATE DOMAIN; null for kinds it cannot recreate. */
    static String type(TypeDefinition type) {
        String name = SqlQuoting.qualified(type.schema(), type.name());
        String create = switch (type.kind()) {
            case ENUM -> "CREATE TYPE " + name + " AS ENUM ("
                    + type.labels().stream().map(SqlQuoting::literal).collect(Collectors.joining(", ")) + ");";
            case DOMAIN -> SqlFragments.isTypeName(type.baseType())
                    ? "CREATE DOMAIN " + name + " AS " + type.baseType()
                    + type.constraints().stream().map(c -> " " + c).collect(Collectors.joining()) + ";"
                    : null;
            case COMPOSITE -> compositeType(name, type.attributes());
            default -> null;
        };
        if (create == null) {
            return null;
        }
        List<String> statements = new ArrayList<>(List.of(create));
        String keyword = type.kind() == TypeDefinition.TypeKind.DOMAIN ? "DOMAIN" : "TYPE";
        if (type.comment() != null) {
            statements.add("COMMENT ON " + keyword + " " + name + " IS " + SqlQuoting.literal(type.comment()) + ";");
        }
        if (type.owner() != null) {
            statements.add("ALTER " + keyword + " " + name + " OWNER TO " + SqlQuoting.identifier(type.owner()) + ";");
        }
        return String.join("\n", statements);
    }

    /** pg_get_viewdef's query without the trailing semicolon it ends with. */
    static String query(String viewDefinition) {
        String query = viewDefinition.strip();
        return query.endsWith(";") ? query.substring(0, query.length() - 1) : query;
    }

    /**
     * The capture lists a composite type's attributes as {@code name type}; an attribute is kept only
     * when the part after the first space is a type, so a name with spaces cannot smuggle in SQL.
     */
    private static String compositeType(String name, List<String> attributes) {
        List<String> declared = new ArrayList<>();
        for (String attribute : attributes) {
            int space = attribute.indexOf(' ');
            if (space <= 0 || !SqlFragments.isTypeName(attribute.substring(space + 1))) {
                return null;
            }
            declared.add(SqlQuoting.identifier(attribute.substring(0, space)) + " " + attribute.substring(space + 1));
        }
        return "CREATE TYPE " + name + " AS (" + String.join(", ", declared) + ");";
    }

    private static List<IndexDefinition> indexesOutsideConstraints(RelationDefinition table) {
        Set<String> constraintNames = table.constraints().stream().map(ConstraintDefinition::name).collect(Collectors.toSet());
        return table.indexes().stream()
                .filter(i -> i.definition() != null && !constraintNames.contains(i.name()))
                .toList();
    }

    private static List<String> security(RelationDefinition table, String name) {
        List<String> statements = new ArrayList<>();
        if (table.rowSecurity()) {
            statements.add("ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY;");
        }
        if (table.forceRowSecurity()) {
            statements.add("ALTER TABLE " + name + " FORCE ROW LEVEL SECURITY;");
        }
        for (PolicyDefinition policy : table.policies()) {
            statements.add(SqlFragments.createPolicy(policy, name));
        }
        return statements;
    }

    private static List<String> commentsOwnerAndGrants(RelationDefinition relation, String name, String keyword) {
        List<String> statements = new ArrayList<>();
        if (relation.comment() != null) {
            statements.add("COMMENT ON " + keyword + " " + name + " IS " + SqlQuoting.literal(relation.comment()) + ";");
        }
        for (ColumnDefinition column : relation.columns()) {
            if (column.comment() != null) {
                statements.add("COMMENT ON COLUMN " + name + "." + SqlQuoting.identifier(column.name()) + " IS "
                        + SqlQuoting.literal(column.comment()) + ";");
            }
        }
        if (relation.owner() != null) {
            statements.add("ALTER " + keyword + " " + name + " OWNER TO " + SqlQuoting.identifier(relation.owner()) + ";");
        }
        List<String> grants = relation.privileges().stream()
                .filter(entry -> !ownersOwn(entry, relation.owner()))
                .toList();
        String objectKeyword = relation.kind() == RelationKind.SEQUENCE ? "SEQUENCE" : "TABLE";
        String grantStatements = SqlFragments.privilegeStatements(List.of(), grants, objectKeyword, name);
        if (grantStatements != null && !grantStatements.isEmpty()) {
            statements.add(grantStatements);
        }
        return statements;
    }

    /** The owner's own entry of an ACL, which creating the object under that owner restores anyway. */
    private static boolean ownersOwn(String aclEntry, String owner) {
        AclItem item = AclItem.parse(aclEntry);
        return item != null && Objects.equals(item.grantee(), owner);
    }
}
