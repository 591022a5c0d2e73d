package dev.schemawatch.analyzer.live;

/**
 * A relation's schema and name, as a lookup key. Kept as two parts because the dotted text is
 * ambiguous when a name itself holds a dot.
 */
record QualifiedName(String schema, String name) {

    /** {@code schema.name}, unquoted, the way reports and {@code RelationDefinition#qualifiedName()} show it. */
    String text() {
        return schema + "." + name;
    }
}
