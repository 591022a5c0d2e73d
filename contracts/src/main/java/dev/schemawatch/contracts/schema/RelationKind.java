package dev.schemawatch.contracts.schema;

/** pg_class.relkind, spelled out. */
public enum RelationKind {
    TABLE,
    PARTITIONED_TABLE,
    VIEW,
    MATERIALIZED_VIEW,
    FOREIGN_TABLE,
    SEQUENCE,
    COMPOSITE_TYPE;

    public boolean isView() {
        return this == VIEW || this == MATERIALIZED_VIEW;
    }

    public boolean isTable() {
        return this == TABLE || this == PARTITIONED_TABLE || this == FOREIGN_TABLE;
    }
}
