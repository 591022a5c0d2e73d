package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.ColumnDefinition;

/** Builds column definitions for tests: nullable, no default, no identity unless told. */
final class ColumnBuilder {

    private final int attnum;
    private String name;
    private String type;
    private boolean notNull;
    private String defaultValue;
    private String identity;
    private String generated;
    private String collation;
    private String comment;

    private ColumnBuilder(int attnum, String name, String type) {
        this.attnum = attnum;
        this.name = name;
        this.type = type;
    }

    static ColumnBuilder column(int attnum, String name, String type) {
        return new ColumnBuilder(attnum, name, type);
    }

    static ColumnBuilder from(ColumnDefinition c) {
        ColumnBuilder builder = new ColumnBuilder(c.attnum(), c.name(), c.type());
        builder.notNull = c.notNull();
        builder.defaultValue = c.defaultValue();
        builder.identity = c.identity();
        builder.generated = c.generated();
        builder.collation = c.collation();
        builder.comment = c.comment();
        return builder;
    }

    ColumnBuilder name(String value) {
        name = value;
        return this;
    }

    ColumnBuilder type(String value) {
        type = value;
        return this;
    }

    ColumnBuilder notNull() {
        return notNull(true);
    }

    ColumnBuilder notNull(boolean value) {
        notNull = value;
        return this;
    }

    ColumnBuilder defaultValue(String value) {
        defaultValue = value;
        return this;
    }

    ColumnBuilder identity(String value) {
        identity = value;
        return this;
    }

    ColumnBuilder generated(String value) {
        generated = value;
        return this;
    }

    ColumnBuilder collation(String value) {
        collation = value;
        return this;
    }

    ColumnBuilder comment(String value) {
        comment = value;
        return this;
    }

    ColumnDefinition build() {
        return new ColumnDefinition(attnum, name, type, notNull, defaultValue, identity, generated, collation, comment);
    }
}
