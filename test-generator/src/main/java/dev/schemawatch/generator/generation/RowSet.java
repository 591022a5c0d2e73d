package dev.schemawatch.generator.generation;

import java.util.List;

/**
 * A row of one table with everything it needs, as templates see it ({@code templates/sql/rows.vm}):
 * the parent rows in dependency order, then the row itself.
 *
 * @param deferred the parents close a cycle through a NOT NULL, deferrable foreign key: the steps
 *                 start with {@code SET CONSTRAINTS ALL DEFERRED} and the key is checked at the end
 * @param parents  rows of referenced tables, each after its own parents
 * @param row      the row of the table under test
 */
public record RowSet(boolean deferred, List<Row> parents, Row row) {

    public RowSet {
        parents = List.copyOf(parents);
    }

    public RowSet withRow(Row replacement) {
        return new RowSet(deferred, parents, replacement);
    }
}
