package dev.schemawatch.contracts.schema;

import java.util.List;
import java.util.Map;

/**
 * One atomic effect of a DDL command on one object.
 *
 * @param schema       schema of the relation or type the change belongs to
 * @param relation     relation (or type) name; null for schema-level changes
 * @param name         the sub-object changed (column, constraint, index, policy, trigger, enum
 *                     value, partition), or null when the change is about the relation itself
 * @param previousName for renames: the name before
 * @param aspects      for *_MODIFIED: what changed
 * @param before       the sub-object's (or relation's) definition before, as in {@link RelationDefinition}
 * @param after        the same after the command
 * @param summary      one line a person can read, e.g. {@code column "email" type varchar(40) -> text}
 */
public record AtomicChange(
        ChangeType type,
        String schema,
        String relation,
        String name,
        String previousName,
        List<ChangeAspect> aspects,
        Map<String, Object> before,
        Map<String, Object> after,
        String summary) {

    public AtomicChange {
        aspects = aspects == null ? List.of() : List.copyOf(aspects);
    }
}
