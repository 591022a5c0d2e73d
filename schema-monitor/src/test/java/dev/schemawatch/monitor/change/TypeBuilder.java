package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition.TypeKind;

import java.util.List;

/** Builds user-defined type definitions for tests. */
final class TypeBuilder {

    private final long oid;
    private String schema;
    private String name;
    private final TypeKind kind;
    private String owner = "app";
    private String comment;
    private List<String> labels = List.of();
    private String baseType;
    private List<String> constraints = List.of();
    private List<String> attributes = List.of();

    private TypeBuilder(long oid, String schema, String name, TypeKind kind) {
        this.oid = oid;
        this.schema = schema;
        this.name = name;
        this.kind = kind;
    }

    static TypeBuilder enumType(long oid, String schema, String name, String... labels) {
        return new TypeBuilder(oid, schema, name, TypeKind.ENUM).labels(labels);
    }

    static TypeBuilder domain(long oid, String schema, String name, String baseType, String... constraints) {
        TypeBuilder builder = new TypeBuilder(oid, schema, name, TypeKind.DOMAIN);
        builder.baseType = baseType;
        builder.constraints = List.of(constraints);
        return builder;
    }

    static TypeBuilder composite(long oid, String schema, String name, String... attributes) {
        return new TypeBuilder(oid, schema, name, TypeKind.COMPOSITE).attributes(attributes);
    }

    static TypeBuilder from(TypeDefinition t) {
        TypeBuilder builder = new TypeBuilder(t.oid(), t.schema(), t.name(), t.kind());
        builder.owner = t.owner();
        builder.comment = t.comment();
        builder.labels = t.labels();
        builder.baseType = t.baseType();
        builder.constraints = t.constraints();
        builder.attributes = t.attributes();
        return builder;
    }

    TypeBuilder named(String newSchema, String newName) {
        schema = newSchema;
        name = newName;
        return this;
    }

    TypeBuilder owner(String value) {
        owner = value;
        return this;
    }

    TypeBuilder comment(String value) {
        comment = value;
        return this;
    }

    TypeBuilder labels(String... values) {
        labels = List.of(values);
        return this;
    }

    TypeBuilder baseType(String value) {
        baseType = value;
        return this;
    }

    TypeBuilder constraints(String... values) {
        constraints = List.of(values);
        return this;
    }

    TypeBuilder attributes(String... values) {
        attributes = List.of(values);
        return this;
    }

    TypeDefinition build() {
        return new TypeDefinition(oid, schema, name, kind, owner, comment, labels, baseType, constraints, attributes);
    }
}
