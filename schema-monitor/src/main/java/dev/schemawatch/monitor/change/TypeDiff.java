package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.schemawatch.monitor.change.SummaryText.orNone;
import static dev.schemawatch.monitor.change.SummaryText.quote;

/**
 * The atomic changes between two definitions of the same user-defined type (same OID). Every change
 * carries the type's schema and name after the statement as {@code schema} and {@code relation}.
 *
 * <ul>
 *   <li>A new name or schema is TYPE_RENAMED with previousName = the old qualified name.</li>
 *   <li>Enum labels: exactly one label gone and one new at the same sort position is
 *       ENUM_VALUE_RENAMED (what {@code ALTER TYPE ... RENAME VALUE} does); otherwise each new label
 *       is ENUM_VALUE_ADDED and each vanished one ENUM_VALUE_REMOVED, with name = the label and
 *       before/after {@code {label, position}} (position = 0-based index in sort order). The same
 *       labels in another order, which PostgreSQL cannot do in place, are TYPE_MODIFIED (DEFINITION).</li>
 *   <li>TYPE_MODIFIED: a domain's base type (TYPE), a domain's constraints or a composite type's
 *       attributes (DEFINITION).</li>
 *   <li>COMMENT_CHANGED and OWNER_CHANGED.</li>
 * </ul>
 * Type-level changes carry the whole type definition as before/after.
 */
public final class TypeDiff {

    private final TypeDefinition before;
    private final TypeDefinition after;
    private final String subject;
    private final List<AtomicChange> changes = new ArrayList<>();

    private TypeDiff(TypeDefinition before, TypeDefinition after) {
        this.before = before;
        this.after = after;
        this.subject = SummaryText.noun(after.kind()) + " " + quote(after.qualifiedName());
    }

    public static List<AtomicChange> between(TypeDefinition before, TypeDefinition after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.oid() != after.oid()) {
            throw new IllegalArgumentException("definitions of two types (OID " + before.oid() + " and "
                    + after.oid() + ") cannot be diffed");
        }
        return new TypeDiff(before, after).diff();
    }

    public static AtomicChange created(TypeDefinition after) {
        return typeChange(ChangeType.TYPE_ADDED, after, null, DefinitionMaps.of(after),
                SummaryText.noun(after.kind()) + " " + quote(after.qualifiedName()) + " created" + contents(after));
    }

    /** A type seen for the first time without a statement that created it (the monitor missed its creation). */
    public static AtomicChange firstSeen(TypeDefinition after) {
        return typeChange(ChangeType.TYPE_ADDED, after, null, DefinitionMaps.of(after),
                SummaryText.noun(after.kind()) + " " + quote(after.qualifiedName())
                        + " first seen; no earlier definition was known");
    }

    public static AtomicChange removed(TypeDefinition before) {
        return typeChange(ChangeType.TYPE_REMOVED, before, DefinitionMaps.of(before), null,
                SummaryText.noun(before.kind()) + " " + quote(before.qualifiedName()) + " removed");
    }

    private List<AtomicChange> diff() {
        if (!before.qualifiedName().equals(after.qualifiedName())) {
            typeLevel(ChangeType.TYPE_RENAMED, before.qualifiedName(), List.of(),
                    SummaryText.noun(after.kind()) + " " + quote(before.qualifiedName()) + " renamed to "
                            + quote(after.qualifiedName()));
        }
        labels();
        List<ChangeAspect> aspects = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(before.baseType(), after.baseType())) {
            aspects.add(ChangeAspect.TYPE);
            parts.add("base type " + orNone(before.baseType()) + " -> " + orNone(after.baseType()));
        }
        if (!before.constraints().equals(after.constraints())) {
            aspects.add(ChangeAspect.DEFINITION);
            parts.add("constraints " + list(before.constraints()) + " -> " + list(after.constraints()));
        }
        if (!before.attributes().equals(after.attributes())) {
            aspects.add(ChangeAspect.DEFINITION);
            parts.add("attributes " + list(before.attributes()) + " -> " + list(after.attributes()));
        }
        if (!before.labels().equals(after.labels()) && Set.copyOf(before.labels()).equals(Set.copyOf(after.labels()))) {
            aspects.add(ChangeAspect.DEFINITION);
            parts.add("values reordered " + list(before.labels()) + " -> " + list(after.labels()));
        }
        if (before.kind() != after.kind()) {
            aspects.add(ChangeAspect.DEFINITION);
            parts.add("kind " + before.kind() + " -> " + after.kind());
        }
        if (!aspects.isEmpty()) {
            typeLevel(ChangeType.TYPE_MODIFIED, null, aspects.stream().distinct().toList(),
                    subject + " " + String.join(", ", parts));
        }
        if (!Objects.equals(before.comment(), after.comment())) {
            typeLevel(ChangeType.COMMENT_CHANGED, null, List.of(),
                    "comment on " + subject + ": " + SummaryText.commentChange(before.comment(), after.comment()));
        }
        if (!Objects.equals(before.owner(), after.owner())) {
            typeLevel(ChangeType.OWNER_CHANGED, null, List.of(),
                    "owner of " + subject + " " + orNone(before.owner()) + " -> " + orNone(after.owner()));
        }
        return List.copyOf(changes);
    }

    private void labels() {
        List<String> was = before.labels();
        List<String> is = after.labels();
        List<String> removed = was.stream().filter(label -> !is.contains(label)).toList();
        List<String> added = is.stream().filter(label -> !was.contains(label)).toList();
        if (removed.size() == 1 && added.size() == 1 && was.indexOf(removed.get(0)) == is.indexOf(added.get(0))) {
            String from = removed.get(0);
            String to = added.get(0);
            label(ChangeType.ENUM_VALUE_RENAMED, to, from, labelMap(from, was), labelMap(to, is),
                    subject + " value " + quote(from) + " renamed to " + quote(to));
            return;
        }
        removed.forEach(label -> label(ChangeType.ENUM_VALUE_REMOVED, label, null, labelMap(label, was), null,
                subject + " value " + quote(label) + " removed"));
        added.forEach(label -> label(ChangeType.ENUM_VALUE_ADDED, label, null, null, labelMap(label, is),
                subject + " value " + quote(label) + " added" + placement(label, is)));
    }

    private static String placement(String label, List<String> labels) {
        int position = labels.indexOf(label);
        if (labels.size() == 1) {
            return "";
        }
        return position == 0 ? " before " + quote(labels.get(1)) : " after " + quote(labels.get(position - 1));
    }

    private static Map<String, Object> labelMap(String label, List<String> labels) {
        return DefinitionMaps.entries("label", label, "position", labels.indexOf(label));
    }

    private void label(ChangeType type, String name, String previousName, Map<String, Object> beforeMap,
                       Map<String, Object> afterMap, String summary) {
        changes.add(new AtomicChange(type, after.schema(), after.name(), name, previousName, List.of(),
                beforeMap, afterMap, summary));
    }

    private void typeLevel(ChangeType type, String previousName, List<ChangeAspect> aspects, String summary) {
        changes.add(new AtomicChange(type, after.schema(), after.name(), null, previousName, aspects,
                DefinitionMaps.of(before), DefinitionMaps.of(after), summary));
    }

    private static AtomicChange typeChange(ChangeType type, TypeDefinition definition, Map<String, Object> beforeMap,
                                           Map<String, Object> afterMap, String summary) {
        return new AtomicChange(type, definition.schema(), definition.name(), null, null, List.of(),
                beforeMap, afterMap, summary);
    }

    private static String contents(TypeDefinition type) {
        return switch (type.kind()) {
            case ENUM -> " with values " + list(type.labels());
            case DOMAIN -> " over " + orNone(type.baseType());
            case COMPOSITE -> " with attributes " + list(type.attributes());
            case RANGE, OTHER -> "";
        };
    }

    private static String list(List<String> items) {
        return SummaryText.clip("(" + String.join(", ", items) + ")");
    }
}
