package dev.schemawatch.generator.generation;

import java.util.ArrayList;
import java.util.List;

/**
 * One row to insert, as templates see it ({@code templates/sql/insert.vm}): raw values, quoted by
 * {@code $sql.literal} in the template; a null value is SQL NULL.
 *
 * @param overriding the row sets an identity ALWAYS column, so the INSERT says OVERRIDING SYSTEM VALUE
 */
public record Row(String schema, String name, List<String> columns, List<String> values, boolean overriding) {

    public Row {
        columns = List.copyOf(columns);
        values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The value of a column (null when it is NULL or not set). */
    public String value(String column) {
        int index = columns.indexOf(column);
        return index < 0 ? null : values.get(index);
    }

    public String valueAt(int index) {
        return values.get(index);
    }

    public boolean sets(String column) {
        return columns.contains(column);
    }

    /** The same row with {@code column} set to {@code value} (added when the row did not set it). */
    public Row with(String column, String value) {
        List<String> newColumns = new ArrayList<>(columns);
        List<String> newValues = new ArrayList<>(values);
        int index = newColumns.indexOf(column);
        if (index < 0) {
            newColumns.add(column);
            newValues.add(value);
        } else {
            newValues.set(index, value);
        }
        return new Row(schema, name, newColumns, newValues, overriding);
    }

    /** The same row without OVERRIDING SYSTEM VALUE: what a writer that knows nothing of identity sends. */
    public Row plain() {
        return new Row(schema, name, columns, values, false);
    }
}
