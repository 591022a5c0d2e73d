package dev.schemawatch.generator.generation;

import java.util.List;

/**
 * What {@code templates/sql/referential.vm} needs to delete a referenced parent and check the
 * effect on its child.
 *
 * @param parent        the parent row set (parents first, then the referenced row)
 * @param child         the child row set, whose row references the parent's row; null when
 *                      {@code linkedChild} closes a cycle instead
 * @param linkedChild   a row of the child table among the parent's own parents, inserted with the
 *                      link NULL, which an UPDATE now points at the parent; null when unused
 * @param childKey      the child table's primary key, to find the child row again; empty when it has none
 * @param onDelete      NO_ACTION, RESTRICT, CASCADE, SET_NULL or SET_DEFAULT
 */
public record ReferenceCheck(RowSet parent, RowSet child, Row linkedChild, List<String> childKey, String onDelete) {

    public boolean linksExistingChild() {
        return linkedChild != null;
    }

    public Row childRow() {
        return linkedChild != null ? linkedChild : child.row();
    }
}
