package dev.schemawatch.analyzer.rollback;

import dev.schemawatch.analyzer.rules.EventDefinitions;
import dev.schemawatch.analyzer.rules.QualifiedName;
import dev.schemawatch.contracts.impact.RollbackStep;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inverse DDL of a schema-change event: one {@link RollbackStep} per atomic change, in the
 * order to run them.
 *
 * <p>The order: first what undoes additions and modifications, in reverse order of the changes
 * (what was added last is dropped first); then what restores removed objects, dependencies first
 * (schemas, types, sequences, tables with the tables their foreign keys and partitions need
 * before them, partitions, columns, constraints, indexes, foreign keys, views after the views
 * they read, policies, triggers). Plain reverse order would try to recreate an index before the
 * column it covers when a DROP COLUMN took both.
 *
 * <p>Every name is quoted with {@code SqlQuoting}. Stateless and thread-safe.
 */
public final class RollbackPlanner {

    /** The order in which removed objects must come back. */
    private static final Map<ChangeType, Integer> RESTORE_RANK = new EnumMap<>(Map.ofEntries(
            Map.entry(ChangeType.SCHEMA_REMOVED, 0),
            Map.entry(ChangeType.TYPE_REMOVED, 1),
            Map.entry(ChangeType.ENUM_VALUE_REMOVED, 2),
            Map.entry(ChangeType.SEQUENCE_REMOVED, 3),
            Map.entry(ChangeType.TABLE_REMOVED, 4),
            Map.entry(ChangeType.PARTITION_DETACHED, 5),
            Map.entry(ChangeType.COLUMN_REMOVED, 6),
            Map.entry(ChangeType.CONSTRAINT_REMOVED, 7),
            Map.entry(ChangeType.INDEX_REMOVED, 8),
            Map.entry(ChangeType.RELATIONSHIP_REMOVED, 9),
            Map.entry(ChangeType.VIEW_REMOVED, 10),
            Map.entry(ChangeType.POLICY_REMOVED, 11),
            Map.entry(ChangeType.TRIGGER_REMOVED, 12)));

    public List<RollbackStep> plan(SchemaChangeEvent event) {
        InverseDdl inverses = new InverseDdl(event);
        List<AtomicChange> changes = event.changes();
        List<RollbackStep> undo = new ArrayList<>();
        List<Integer> restores = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (RESTORE_RANK.containsKey(changes.get(i).type())) {
                restores.add(i);
            } else {
                undo.add(inverses.of(changes.get(i)).step(i));
            }
        }
        List<RollbackStep> plan = new ArrayList<>(undo);
        for (int i : restoreOrder(event, restores)) {
            plan.add(inverses.of(changes.get(i)).step(i));
        }
        return List.copyOf(plan);
    }

    /** Removed objects by rank, and within a rank each after the ones it depends on. */
    private static List<Integer> restoreOrder(SchemaChangeEvent event, List<Integer> restores) {
        List<Integer> byRank = new ArrayList<>(restores);
        byRank.sort(Comparator.<Integer>comparingInt(i -> RESTORE_RANK.get(event.changes().get(i).type()))
                .thenComparingInt(i -> i));
        EventDefinitions definitions = new EventDefinitions(event);
        List<Integer> ordered = new ArrayList<>();
        Set<String> restored = new HashSet<>();
        List<Integer> pending = new ArrayList<>(byRank);
        while (!pending.isEmpty()) {
            Integer next = pending.stream()
                    .filter(i -> dependencies(event.changes().get(i), definitions, pending, event).stream()
                            .allMatch(restored::contains))
                    .findFirst()
                    .orElse(pending.get(0)); // a cycle: keep the rank order
            pending.remove(next);
            ordered.add(next);
            AtomicChange change = event.changes().get(next);
            restored.add(change.schema() + "." + change.relation());
        }
        return ordered;
    }

    /**
     * The relations restored in this plan that {@code change}'s object needs first: a table needs
     * the tables its foreign keys reference and its partition parent, a view the relations whose
     * dependent views list it. Only relations of the same rank still pending count; the rank
     * order settles the rest.
     */
    private static Set<String> dependencies(AtomicChange change, EventDefinitions definitions, List<Integer> pending,
                                            SchemaChangeEvent event) {
        Set<String> needed = new HashSet<>();
        String self = change.schema() + "." + change.relation();
        RelationDefinition before = definitions.relationBefore(change).orElse(null);
        if (before == null) {
            return needed;
        }
        if (change.type() == ChangeType.TABLE_REMOVED) {
            for (ConstraintDefinition constraint : before.constraints()) {
                if (constraint.referencedTable() != null) {
                    needed.add(constraint.referencedSchema() + "." + constraint.referencedTable());
                }
            }
            if (before.partitionOf() != null) {
                needed.add(QualifiedName.parse(before.partitionOf(), before.schema()).toString());
            }
        }
        if (change.type() == ChangeType.VIEW_REMOVED) {
            for (Integer other : pending) {
                AtomicChange candidate = event.changes().get(other);
                definitions.relationBefore(candidate)
                        .filter(r -> r.dependentViews().contains(self))
                        .ifPresent(r -> needed.add(r.schema() + "." + r.name()));
            }
        }
        needed.remove(self);
        Set<String> stillPending = new HashSet<>();
        for (Integer other : pending) {
            AtomicChange candidate = event.changes().get(other);
            if (candidate.type() == change.type()) {
                stillPending.add(candidate.schema() + "." + candidate.relation());
            }
        }
        needed.retainAll(stillPending);
        return needed;
    }
}
