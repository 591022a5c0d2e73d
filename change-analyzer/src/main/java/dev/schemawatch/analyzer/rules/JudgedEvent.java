package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One schema-change event while the rules judge it: what they share across its changes, each
 * asked of the live database at most once (sizes, blast radius) or derived at most once (the
 * statement's words).
 */
final class JudgedEvent {

    private final SchemaChangeEvent event;
    private final RuleContext context;
    private final EventDefinitions definitions;
    private final List<JudgedChange> changes;
    private final Set<String> createdRelations = new HashSet<>();
    private final Map<String, TableSize> sizes = new HashMap<>();
    private final Set<String> explainedLocks = new HashSet<>();
    private DdlText ddl;
    private BlastRadius blastRadius;
    private List<Optional<TableWork>> works;

    JudgedEvent(SchemaChangeEvent event, RuleContext context) {
        this.event = event;
        this.context = context;
        this.definitions = new EventDefinitions(event);
        List<JudgedChange> judged = new ArrayList<>(event.changes().size());
        for (int i = 0; i < event.changes().size(); i++) {
            AtomicChange change = event.changes().get(i);
            judged.add(new JudgedChange(i, change, this));
            if (change.type() == ChangeType.TABLE_ADDED || change.type() == ChangeType.VIEW_ADDED) {
                createdRelations.add(qualified(change.schema(), change.relation()));
            }
        }
        this.changes = List.copyOf(judged);
    }

    SchemaChangeEvent event() {
        return event;
    }

    EventDefinitions definitions() {
        return definitions;
    }

    List<JudgedChange> changes() {
        return changes;
    }

    String commandTag() {
        return event.commandTag() == null ? "" : event.commandTag();
    }

    /** Whether this statement itself created the relation: nothing could have used it yet. */
    boolean created(String schema, String name) {
        return createdRelations.contains(qualified(schema, name));
    }

    DdlText ddl() {
        if (ddl == null) {
            ddl = DdlText.parse(event.ddl());
        }
        return ddl;
    }

    TableSize size(RelationDefinition table) {
        return sizes.computeIfAbsent(qualified(table.schema(), table.name()), key -> context.size(table));
    }

    boolean isLarge(TableSize size) {
        return context.thresholds().isLarge(size);
    }

    BlastRadius blastRadius() {
        if (blastRadius == null) {
            blastRadius = context.blastRadius();
        }
        return blastRadius;
    }

    /** What the change did to an existing table, if anything; derived once per change. */
    Optional<TableWork> work(JudgedChange change) {
        return works().get(change.index());
    }

    /** The work of every change on existing tables, in the order of the changes. */
    List<TableWork> tableWorks() {
        return works().stream().flatMap(Optional::stream).toList();
    }

    private List<Optional<TableWork>> works() {
        if (works == null) {
            works = changes.stream().map(TableWork::of).toList();
        }
        return works;
    }

    RuleContext context() {
        return context;
    }

    /** Records that a specific locking rule already explained the lock taken on this table. */
    void lockExplained(RelationDefinition table) {
        explainedLocks.add(qualified(table.schema(), table.name()));
    }

    boolean isLockExplained(RelationDefinition table) {
        return explainedLocks.contains(qualified(table.schema(), table.name()));
    }

    static String qualified(String schema, String name) {
        return name == null ? schema : schema + "." + name;
    }
}
