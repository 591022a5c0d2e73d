package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SequenceDefinition;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import static dev.schemawatch.monitor.change.SummaryText.clip;
import static dev.schemawatch.monitor.change.SummaryText.orNone;
import static dev.schemawatch.monitor.change.SummaryText.quote;

/**
 * The atomic changes between two definitions of the same relation (same OID).
 *
 * <p>Every change carries the relation's schema and name after the statement. {@code before} and
 * {@code after} hold the changed sub-object's components (a column, constraint, index, policy or
 * trigger), or, for changes of the relation itself, the relation without its sub-objects and
 * without its row estimate, size and dependent views, which are context and never a change.
 *
 * <p>How things are matched and reported:
 * <ul>
 *   <li>Columns by {@code attnum}: a new name is {@link ChangeType#COLUMN_RENAMED} (name = new
 *       name, previousName = old), and a rename that comes with other differences is reported as
 *       COLUMN_RENAMED followed by COLUMN_MODIFIED. A column comment is
 *       {@link ChangeType#COMMENT_CHANGED} with name = the column.</li>
 *   <li>Constraints, indexes, policies and triggers by OID; a new name is their *_MODIFIED with
 *       previousName set (and no aspect if nothing else changed). One removed and one added under
 *       the same name in the same statement ({@code DROP CONSTRAINT c, ADD CONSTRAINT c ...}) are
 *       one item redefined, reported as *_MODIFIED with the aspects that differ, because that is
 *       what the author meant even though PostgreSQL gave it a new OID.</li>
 *   <li>Foreign keys are RELATIONSHIP_* instead of CONSTRAINT_*. A primary key or unique constraint
 *       is reported both as a constraint and as the index that enforces it: they are two facts
 *       (what is enforced, and what is built).</li>
 *   <li>A NOT NULL constraint (PostgreSQL 18 records them) added or removed together with its
 *       column's nullability, or with the column itself, is not reported twice.</li>
 *   <li>Renames of columns, of this relation, and of the relations in {@code renamedRelations} are
 *       seen through: definitions that differ only by those names are not modified.</li>
 *   <li>A new name or schema is TABLE_RENAMED or VIEW_RENAMED with previousName = the old
 *       qualified name; a sequence, which has no renamed type of its own, gets SEQUENCE_MODIFIED
 *       with previousName and no aspect.</li>
 *   <li>Partitions are named by the child's qualified name. The parent reports the children that
 *       appeared in or left its partition list; a child whose {@code partitionOf} changed reports
 *       the same from its side, with its bound in before/after.</li>
 * </ul>
 * Output order: the relation itself (rename, modification, row security, owner, privileges,
 * comment, partitions), then columns by attnum, constraints, foreign keys, indexes, policies and
 * triggers, each sorted by name.
 */
public final class RelationDiff {

    private final RelationDefinition before;
    private final RelationDefinition after;
    private final Renames renames;
    private final List<AtomicChange> changes = new ArrayList<>();

    private RelationDiff(RelationDefinition before, RelationDefinition after, Map<String, String> renamedRelations) {
        this.before = before;
        this.after = after;
        this.renames = new Renames(before, after, renamedColumns(before, after), renamedRelations);
    }

    public static List<AtomicChange> between(RelationDefinition before, RelationDefinition after) {
        return between(before, after, Map.of());
    }

    /**
     * @param renamedRelations old qualified name to new of the other relations the same statement
     *                         renamed, so that references to them (partition lists, foreign key
     *                         targets) are not mistaken for changes
     */
    public static List<AtomicChange> between(RelationDefinition before, RelationDefinition after,
                                             Map<String, String> renamedRelations) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.oid() != after.oid()) {
            throw new IllegalArgumentException("definitions of two relations (OID " + before.oid() + " and "
                    + after.oid() + ") cannot be diffed");
        }
        return new RelationDiff(before, after, renamedRelations).diff();
    }

    /**
     * A relation the statement created: TABLE_ADDED, VIEW_ADDED or SEQUENCE_ADDED whose after is
     * the whole definition (so the change still describes it when an event must leave definitions
     * out for size), then RELATIONSHIP_ADDED for each foreign key it declares, and
     * PARTITION_ATTACHED when it was created as a partition.
     */
    public static List<AtomicChange> created(RelationDefinition after) {
        String noun = SummaryText.noun(after.kind());
        String summary = noun + " " + quote(after.qualifiedName()) + " created"
                + (after.kind().isTable() ? " with " + after.columns().size() + " column(s)" : "")
                + (after.partitionOf() == null ? "" : " as a partition of " + quote(after.partitionOf()));
        List<AtomicChange> changes = new ArrayList<>();
        changes.add(relationChange(added(after.kind()), after, null, DefinitionMaps.of(after), summary));
        foreignKeys(after).stream()
                .sorted(Comparator.comparing(ConstraintDefinition::name).thenComparingLong(ConstraintDefinition::oid))
                .forEach(fk -> changes.add(subObjectAdded(after, SubObjectKind.CONSTRAINTS, fk)));
        if (after.partitionOf() != null) {
            changes.add(partitionChildChange(ChangeType.PARTITION_ATTACHED, null, after));
        }
        return List.copyOf(changes);
    }

    /**
     * A relation seen for the first time without a statement that created it (the monitor missed
     * its creation): TABLE_ADDED, VIEW_ADDED or SEQUENCE_ADDED saying so. Nothing finer can be
     * derived without an earlier definition.
     */
    public static AtomicChange firstSeen(RelationDefinition after) {
        return relationChange(added(after.kind()), after, null, DefinitionMaps.of(after),
                SummaryText.noun(after.kind()) + " " + quote(after.qualifiedName())
                        + " first seen; no earlier definition was known");
    }

    /** TABLE_REMOVED, VIEW_REMOVED or SEQUENCE_REMOVED whose before is the whole definition. */
    public static AtomicChange removed(RelationDefinition before) {
        return relationChange(removed(before.kind()), before, DefinitionMaps.of(before), null,
                SummaryText.noun(before.kind()) + " " + quote(before.qualifiedName()) + " removed");
    }

    private static ChangeType added(RelationKind kind) {
        return kind == RelationKind.SEQUENCE ? ChangeType.SEQUENCE_ADDED
                : kind.isView() ? ChangeType.VIEW_ADDED : ChangeType.TABLE_ADDED;
    }

    private static ChangeType removed(RelationKind kind) {
        return kind == RelationKind.SEQUENCE ? ChangeType.SEQUENCE_REMOVED
                : kind.isView() ? ChangeType.VIEW_REMOVED : ChangeType.TABLE_REMOVED;
    }

    private static ChangeType modified(RelationKind kind) {
        return kind == RelationKind.SEQUENCE ? ChangeType.SEQUENCE_MODIFIED
                : kind.isView() ? ChangeType.VIEW_MODIFIED : ChangeType.TABLE_MODIFIED;
    }

    private List<AtomicChange> diff() {
        relationItself();
        partitions();
        columns();
        subObjects(otherConstraints(before), otherConstraints(after), SubObjectKind.CONSTRAINTS,
                this::notMirroredByColumnNullability);
        subObjects(foreignKeys(before), foreignKeys(after), SubObjectKind.CONSTRAINTS, fk -> true);
        subObjects(before.indexes(), after.indexes(), SubObjectKind.INDEXES, i -> true);
        subObjects(before.policies(), after.policies(), SubObjectKind.POLICIES, p -> true);
        subObjects(before.triggers(), after.triggers(), SubObjectKind.TRIGGERS, t -> true);
        return List.copyOf(changes);
    }

    private void relationItself() {
        String noun = SummaryText.noun(after.kind());
        String subject = noun + " " + quote(after.qualifiedName());
        if (!before.qualifiedName().equals(after.qualifiedName())) {
            ChangeType type = after.kind() == RelationKind.SEQUENCE ? ChangeType.SEQUENCE_MODIFIED
                    : after.kind().isView() ? ChangeType.VIEW_RENAMED : ChangeType.TABLE_RENAMED;
            relationLevel(type, before.qualifiedName(), List.of(),
                    noun + " " + quote(before.qualifiedName()) + " renamed to " + quote(after.qualifiedName()));
        }
        List<ChangeAspect> aspects = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (before.unlogged() != after.unlogged()) {
            aspects.add(ChangeAspect.PERSISTENCE);
            parts.add(after.unlogged() ? "set UNLOGGED" : "set LOGGED");
        }
        if (before.forceRowSecurity() != after.forceRowSecurity()) {
            aspects.add(ChangeAspect.FORCE_ROW_SECURITY);
            parts.add(after.forceRowSecurity() ? "row security forced on the owner" : "row security no longer forced on the owner");
        }
        if (!Objects.equals(before.viewDefinition(), after.viewDefinition())) {
            aspects.add(ChangeAspect.DEFINITION);
            parts.add("definition changed");
        }
        if (!Objects.equals(before.sequence(), after.sequence())) {
            aspects.add(ChangeAspect.PARAMETERS);
            parts.add(sequenceParameters(before.sequence(), after.sequence()));
        }
        if (!aspects.isEmpty()) {
            relationLevel(modified(after.kind()), null, aspects, subject + " " + String.join(", ", parts));
        }
        if (before.rowSecurity() != after.rowSecurity()) {
            relationLevel(after.rowSecurity() ? ChangeType.ROW_SECURITY_ENABLED : ChangeType.ROW_SECURITY_DISABLED,
                    null, List.of(), "row level security " + (after.rowSecurity() ? "enabled" : "disabled") + " on " + subject);
        }
        if (!Objects.equals(before.owner(), after.owner())) {
            relationLevel(ChangeType.OWNER_CHANGED, null, List.of(),
                    "owner of " + subject + " " + orNone(before.owner()) + " -> " + orNone(after.owner()));
        }
        if (!Set.copyOf(before.privileges()).equals(Set.copyOf(after.privileges()))) {
            relationLevel(ChangeType.PRIVILEGES_CHANGED, null, List.of(),
                    "privileges on " + subject + " changed: " + privilegeChanges());
        }
        if (!Objects.equals(before.comment(), after.comment())) {
            relationLevel(ChangeType.COMMENT_CHANGED, null, List.of(),
                    "comment on " + subject + ": " + SummaryText.commentChange(before.comment(), after.comment()));
        }
    }

    private void partitions() {
        Set<String> previous = new LinkedHashSet<>();
        before.partitions().forEach(p -> previous.add(renames.relation(p)));
        Set<String> current = new LinkedHashSet<>(after.partitions());
        String parent = SummaryText.noun(after.kind()) + " " + quote(after.qualifiedName());
        before.partitions().stream().filter(p -> !current.contains(renames.relation(p))).sorted().forEach(child ->
                add(ChangeType.PARTITION_DETACHED, child, null, List.of(), DefinitionMaps.entries("partition", child), null,
                        "partition " + quote(child) + " detached from " + parent));
        after.partitions().stream().filter(p -> !previous.contains(p)).sorted().forEach(child ->
                add(ChangeType.PARTITION_ATTACHED, child, null, List.of(), null, DefinitionMaps.entries("partition", child),
                        "partition " + quote(child) + " attached to " + parent));
        if (!Objects.equals(renames.relation(before.partitionOf()), after.partitionOf())) {
            if (before.partitionOf() != null) {
                changes.add(partitionChildChange(ChangeType.PARTITION_DETACHED, before, after));
            }
            if (after.partitionOf() != null) {
                changes.add(partitionChildChange(ChangeType.PARTITION_ATTACHED, before, after));
            }
        }
    }

    /** The child's side of an attachment or detachment: name = the child itself. */
    private static AtomicChange partitionChildChange(ChangeType type, RelationDefinition previous, RelationDefinition current) {
        boolean attached = type == ChangeType.PARTITION_ATTACHED;
        Map<String, Object> beforeMap = previous == null || previous.partitionOf() == null ? null
                : DefinitionMaps.entries("partitionOf", previous.partitionOf(), "partitionBound", previous.partitionBound());
        Map<String, Object> afterMap = current.partitionOf() == null ? null
                : DefinitionMaps.entries("partitionOf", current.partitionOf(), "partitionBound", current.partitionBound());
        String summary = attached
                ? "partition " + quote(current.qualifiedName()) + " attached to " + quote(current.partitionOf())
                + (current.partitionBound() == null ? "" : " " + clip(current.partitionBound()))
                : "partition " + quote(current.qualifiedName()) + " detached from " + quote(previous.partitionOf());
        return new AtomicChange(type, current.schema(), current.name(), current.qualifiedName(), null, List.of(),
                attached ? null : beforeMap, attached ? afterMap : null, summary);
    }

    private void columns() {
        Map<Integer, ColumnDefinition> previous = byAttnum(before);
        Map<Integer, ColumnDefinition> current = byAttnum(after);
        Set<Integer> attnums = new TreeSet<>(previous.keySet());
        attnums.addAll(current.keySet());
        for (int attnum : attnums) {
            ColumnDefinition was = previous.get(attnum);
            ColumnDefinition is = current.get(attnum);
            if (was == null) {
                add(ChangeType.COLUMN_ADDED, is.name(), null, List.of(), null, DefinitionMaps.of(is),
                        "column " + quote(is.name()) + " added: " + columnSpec(is));
            } else if (is == null) {
                changes.add(columnRemoved(after, was));
            } else {
                columnChanged(was, is);
            }
        }
    }

    private void columnChanged(ColumnDefinition was, ColumnDefinition is) {
        if (!was.name().equals(is.name())) {
            add(ChangeType.COLUMN_RENAMED, is.name(), was.name(), List.of(), DefinitionMaps.of(was), DefinitionMaps.of(is),
                    "column " + quote(was.name()) + " renamed to " + quote(is.name()));
        }
        List<ChangeAspect> aspects = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(was.type(), is.type())) {
            aspects.add(ChangeAspect.TYPE);
            parts.add("type " + orNone(was.type()) + " -> " + orNone(is.type()));
        }
        if (was.notNull() != is.notNull()) {
            aspects.add(ChangeAspect.NULLABILITY);
            parts.add(is.notNull() ? "set NOT NULL" : "dropped NOT NULL");
        }
        if (!Objects.equals(was.defaultValue(), is.defaultValue())) {
            aspects.add(ChangeAspect.DEFAULT);
            parts.add("default " + clip(was.defaultValue()) + " -> " + clip(is.defaultValue()));
        }
        if (!Objects.equals(was.identity(), is.identity())) {
            aspects.add(ChangeAspect.IDENTITY);
            parts.add("identity " + orNone(was.identity()) + " -> " + orNone(is.identity()));
        }
        if (!renames.sameDefinition(was.generated(), is.generated())) {
            aspects.add(ChangeAspect.GENERATED);
            parts.add("generated " + clip(was.generated()) + " -> " + clip(is.generated()));
        }
        if (!Objects.equals(was.collation(), is.collation())) {
            aspects.add(ChangeAspect.COLLATION);
            parts.add("collation " + orNone(was.collation()) + " -> " + orNone(is.collation()));
        }
        if (!aspects.isEmpty()) {
            add(ChangeType.COLUMN_MODIFIED, is.name(), null, aspects, DefinitionMaps.of(was), DefinitionMaps.of(is),
                    "column " + quote(is.name()) + " " + String.join(", ", parts));
        }
        if (!Objects.equals(was.comment(), is.comment())) {
            add(ChangeType.COMMENT_CHANGED, is.name(), null, List.of(), DefinitionMaps.of(was), DefinitionMaps.of(is),
                    "comment on column " + quote(is.name()) + ": " + SummaryText.commentChange(was.comment(), is.comment()));
        }
    }

    private <T extends Record> void subObjects(List<T> previous, List<T> current, SubObjectKind<T> kind,
                                               Predicate<T> reportable) {
        record Match<S>(S before, S after) {
        }
        Map<Long, T> currentByOid = new HashMap<>();
        current.forEach(item -> currentByOid.put(kind.oid(item), item));
        List<Match<T>> pairs = new ArrayList<>();
        List<T> removed = new ArrayList<>();
        Set<Long> matched = new HashSet<>();
        for (T was : previous) {
            T is = currentByOid.get(kind.oid(was));
            if (is != null) {
                pairs.add(new Match<>(was, is));
                matched.add(kind.oid(was));
            } else {
                removed.add(was);
            }
        }
        List<T> added = new ArrayList<>(current.stream().filter(item -> !matched.contains(kind.oid(item))).toList());
        for (T was : removed) {
            T redefined = added.stream()
                    .filter(is -> kind.name(is).equals(kind.name(was)) && kind.sameKind(was, is))
                    .findFirst().orElse(null);
            added.remove(redefined);
            pairs.add(new Match<>(was, redefined));
        }
        added.forEach(is -> pairs.add(new Match<>(null, is)));
        Function<Match<T>, T> either = pair -> pair.after() != null ? pair.after() : pair.before();
        pairs.sort(Comparator.comparing((Match<T> pair) -> kind.name(either.apply(pair)))
                .thenComparingLong(pair -> kind.oid(either.apply(pair))));
        for (Match<T> pair : pairs) {
            if (!reportable.test(either.apply(pair))) {
                continue;
            }
            if (pair.before() == null) {
                changes.add(subObjectAdded(after, kind, pair.after()));
            } else if (pair.after() == null) {
                changes.add(subObjectRemoved(after, kind, pair.before()));
            } else {
                subObjectModified(kind, pair.before(), pair.after());
            }
        }
    }

    private <T extends Record> void subObjectModified(SubObjectKind<T> kind, T was, T is) {
        boolean renamed = !kind.name(was).equals(kind.name(is));
        List<ChangeAspect> aspects = kind.aspects(was, is, renames);
        if (!renamed && aspects.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (renamed) {
            parts.add("renamed to " + quote(kind.name(is)));
        }
        aspects.forEach(aspect -> parts.add(kind.describe(aspect, was, is)));
        add(kind.modified(is), kind.name(is), renamed ? kind.name(was) : null, aspects,
                DefinitionMaps.of(was), DefinitionMaps.of(is),
                kind.noun(is) + " " + quote(kind.name(was)) + " " + String.join(", ", parts));
    }

    /**
     * False for a NOT NULL constraint that only mirrors its column gaining or losing NOT NULL (or
     * being added or removed with it), which the column change already reports.
     */
    private boolean notMirroredByColumnNullability(ConstraintDefinition constraint) {
        if (constraint.type() != ConstraintType.NOT_NULL || constraint.columns().size() != 1) {
            return true;
        }
        boolean inBefore = before.constraints().stream().anyMatch(c -> c.oid() == constraint.oid());
        boolean inAfter = after.constraints().stream().anyMatch(c -> c.oid() == constraint.oid());
        if (inBefore == inAfter) {
            return true;
        }
        String column = constraint.columns().get(0);
        RelationDefinition side = inAfter ? after : before;
        RelationDefinition otherSide = inAfter ? before : after;
        ColumnDefinition constrained = side.columns().stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
        if (constrained == null) {
            return true;
        }
        ColumnDefinition counterpart = byAttnum(otherSide).get(constrained.attnum());
        return counterpart != null && counterpart.notNull() == constrained.notNull();
    }

    private void relationLevel(ChangeType type, String previousName, List<ChangeAspect> aspects, String summary) {
        changes.add(new AtomicChange(type, after.schema(), after.name(), null, previousName, aspects,
                DefinitionMaps.relationLevel(before), DefinitionMaps.relationLevel(after), summary));
    }

    private void add(ChangeType type, String name, String previousName, List<ChangeAspect> aspects,
                     Map<String, Object> beforeMap, Map<String, Object> afterMap, String summary) {
        changes.add(new AtomicChange(type, after.schema(), after.name(), name, previousName, aspects,
                beforeMap, afterMap, summary));
    }

    private static AtomicChange relationChange(ChangeType type, RelationDefinition relation,
                                               Map<String, Object> beforeMap, Map<String, Object> afterMap,
                                               String summary) {
        return new AtomicChange(type, relation.schema(), relation.name(), null, null, List.of(),
                beforeMap, afterMap, summary);
    }

    /** @param relation the relation after the removal */
    static AtomicChange columnRemoved(RelationDefinition relation, ColumnDefinition column) {
        return new AtomicChange(ChangeType.COLUMN_REMOVED, relation.schema(), relation.name(), column.name(), null,
                List.of(), DefinitionMaps.of(column), null,
                "column " + quote(column.name()) + " removed (was " + columnSpec(column) + ")");
    }

    static <T extends Record> AtomicChange subObjectAdded(RelationDefinition relation, SubObjectKind<T> kind, T item) {
        return new AtomicChange(kind.added(item), relation.schema(), relation.name(), kind.name(item), null, List.of(),
                null, DefinitionMaps.of(item), kind.noun(item) + " " + quote(kind.name(item)) + " added: " + kind.describe(item));
    }

    /** @param relation the relation after the removal */
    static <T extends Record> AtomicChange subObjectRemoved(RelationDefinition relation, SubObjectKind<T> kind, T item) {
        return new AtomicChange(kind.removed(item), relation.schema(), relation.name(), kind.name(item), null, List.of(),
                DefinitionMaps.of(item), null,
                kind.noun(item) + " " + quote(kind.name(item)) + " removed: " + kind.describe(item));
    }

    private String privilegeChanges() {
        List<String> granted = after.privileges().stream().filter(p -> !before.privileges().contains(p)).sorted().toList();
        List<String> revoked = before.privileges().stream().filter(p -> !after.privileges().contains(p)).sorted().toList();
        List<String> parts = new ArrayList<>();
        if (!granted.isEmpty()) {
            parts.add("granted " + orNone(String.join(", ", granted)));
        }
        if (!revoked.isEmpty()) {
            parts.add("revoked " + orNone(String.join(", ", revoked)));
        }
        return String.join("; ", parts);
    }

    private static String sequenceParameters(SequenceDefinition was, SequenceDefinition is) {
        Map<String, Object> previous = was == null ? Map.of() : DefinitionMaps.of(was);
        Map<String, Object> current = is == null ? Map.of() : DefinitionMaps.of(is);
        List<String> parts = new ArrayList<>();
        for (RecordComponent component : SequenceDefinition.class.getRecordComponents()) {
            Object from = previous.get(component.getName());
            Object to = current.get(component.getName());
            if (!Objects.equals(from, to)) {
                parts.add(component.getName() + " " + orNone(from) + " -> " + orNone(to));
            }
        }
        return String.join(", ", parts);
    }

    private static String columnSpec(ColumnDefinition column) {
        StringBuilder spec = new StringBuilder(orNone(column.type()));
        if (column.collation() != null) {
            spec.append(" COLLATE ").append(quote(column.collation()));
        }
        if (column.notNull()) {
            spec.append(" NOT NULL");
        }
        if (column.defaultValue() != null) {
            spec.append(" DEFAULT ").append(clip(column.defaultValue()));
        }
        if (column.identity() != null) {
            spec.append(" GENERATED ").append(column.identity().replace('_', ' ')).append(" AS IDENTITY");
        }
        if (column.generated() != null) {
            spec.append(" GENERATED ALWAYS AS (").append(clip(column.generated())).append(") STORED");
        }
        return spec.toString();
    }

    private static List<ConstraintDefinition> foreignKeys(RelationDefinition relation) {
        return relation.constraints().stream().filter(c -> c.type() == ConstraintType.FOREIGN_KEY).toList();
    }

    private static List<ConstraintDefinition> otherConstraints(RelationDefinition relation) {
        return relation.constraints().stream().filter(c -> c.type() != ConstraintType.FOREIGN_KEY).toList();
    }

    private static Map<Integer, ColumnDefinition> byAttnum(RelationDefinition relation) {
        Map<Integer, ColumnDefinition> columns = new HashMap<>();
        relation.columns().forEach(c -> columns.put(c.attnum(), c));
        return columns;
    }

    private static Map<String, String> renamedColumns(RelationDefinition before, RelationDefinition after) {
        Map<Integer, ColumnDefinition> current = byAttnum(after);
        Map<String, String> renamed = new HashMap<>();
        for (ColumnDefinition was : before.columns()) {
            ColumnDefinition is = current.get(was.attnum());
            if (is != null && !is.name().equals(was.name())) {
                renamed.put(was.name(), is.name());
            }
        }
        return renamed;
    }
}
