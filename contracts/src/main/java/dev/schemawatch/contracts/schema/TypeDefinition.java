package dev.schemawatch.contracts.schema;

import java.util.List;

/**
 * A user-defined type: enum labels in sort order, a domain's base type and constraints, or a
 * composite type's attributes (as {@code name type} pairs).
 */
public record TypeDefinition(
        long oid,
        String schema,
        String name,
        TypeKind kind,
        String owner,
        String comment,
        List<String> labels,
        String baseType,
        List<String> constraints,
        List<String> attributes) {

    public TypeDefinition {
        labels = labels == null ? List.of() : List.copyOf(labels);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }


    public String qualifiedName() {
        return schema + "." + name;
    }

    public enum TypeKind {
        ENUM,
        DOMAIN,
        COMPOSITE,
        RANGE,
        OTHER
    }
}
