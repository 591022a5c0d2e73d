package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.sql.SqlQuoting;

/**
 * A {@code schema.name} pair. Events write previous names and partition names as one string
 * joined by a dot; since names may contain dots themselves, the split prefers the schema the
 * change is known to be in.
 */
public record QualifiedName(String schema, String name) {

    /**
     * @param qualified   {@code schema.name} as the event wrote it
     * @param knownSchema the schema it most likely is in (the change's own), or null
     */
    public static QualifiedName parse(String qualified, String knownSchema) {
        if (knownSchema != null && qualified.startsWith(knownSchema + ".")) {
            return new QualifiedName(knownSchema, qualified.substring(knownSchema.length() + 1));
        }
        int dot = qualified.indexOf('.');
        return dot < 0 ? new QualifiedName(knownSchema, qualified)
                : new QualifiedName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** {@code schema.name}, unquoted, the way reports and {@code RelationDefinition#qualifiedName()} show it. */
    public String text() {
        return schema + "." + name;
    }

    /** {@code "schema"."name"}, quoted. */
    public String sql() {
        return SqlQuoting.qualified(schema, name);
    }

    @Override
    public String toString() {
        return text();
    }
}
