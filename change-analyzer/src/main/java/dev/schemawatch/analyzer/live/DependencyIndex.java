package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.rules.QualifiedName;
import dev.schemawatch.contracts.impact.BlastRadius.Dependent;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Which views, materialized views and functions depend on which relation, held in memory beside
 * the {@link ForeignKeyGraph}. Views are followed transitively: a view built on a view of the
 * changed table depends on the table too.
 *
 * <p>Thread-safe: concurrent {@link #dependentsOf} calls, exclusive {@link #apply}.
 */
public final class DependencyIndex {

    public static final String VIEW = "VIEW";
    public static final String MATERIALIZED_VIEW = "MATERIALIZED_VIEW";
    public static final String FUNCTION = "FUNCTION";

    static final Comparator<Dependent> BY_NAME_THEN_KIND =
            Comparator.comparing(Dependent::name).thenComparing(Dependent::kind);

    /**
     * One catalog fact: the object {@code dependentOid} depends on the relation {@code relationOid}.
     *
     * @param kind {@link #VIEW}, {@link #MATERIALIZED_VIEW} or {@link #FUNCTION}
     * @param name {@code schema.view}, or {@code schema.function(argument types)}
     */
    public record Dependency(long relationOid, long dependentOid, String kind, String name) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, View> viewsByOid = new HashMap<>();
    /** By {@code schema.name}, the form in which events list a relation's dependent views. */
    private final Map<String, View> viewsByName = new HashMap<>();
    private final Map<Long, Set<View>> viewsByRelation = new HashMap<>();
    private final Map<Long, Set<String>> functionsByRelation = new HashMap<>();

    public static DependencyIndex of(Collection<Dependency> dependencies) {
        DependencyIndex index = new DependencyIndex();
        for (Dependency dependency : dependencies) {
            if (FUNCTION.equals(dependency.kind())) {
                index.functionsByRelation.computeIfAbsent(dependency.relationOid(), oid -> new HashSet<>())
                        .add(dependency.name());
            }
            else {
                View view = index.register(dependency.dependentOid(), dependency.kind(), dependency.name());
                index.viewsByRelation.computeIfAbsent(dependency.relationOid(), oid -> new HashSet<>()).add(view);
            }
        }
        return index;
    }

    /**
     * The dependants of each relation, sorted by name. Each relation is walked on its own, so one
     * given relation that depends on another given one is reported.
     */
    public List<Dependent> dependentsOf(Collection<Long> relationOids) {
        Set<Dependent> dependents = new HashSet<>();
        lock.readLock().lock();
        try {
            for (long oid : relationOids) {
                collectDependents(oid, dependents);
            }
        }
        finally {
            lock.readLock().unlock();
        }
        return dependents.stream().sorted(BY_NAME_THEN_KIND).toList();
    }

    /** A dependent view named by an event, with its kind when the index knows it (a plain view otherwise). */
    public Dependent viewNamed(String qualifiedName) {
        lock.readLock().lock();
        try {
            View view = viewsByName.get(qualifiedName);
            return new Dependent(view == null ? VIEW : view.kind, qualifiedName);
        }
        finally {
            lock.readLock().unlock();
        }
    }

    public OptionalLong viewOid(String qualifiedName) {
        lock.readLock().lock();
        try {
            View view = viewsByName.get(qualifiedName);
            return view == null ? OptionalLong.empty() : OptionalLong.of(view.oid);
        }
        finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Moves the index past one schema-change event: relations the event removed leave, renamed
     * views take their new names, and each relation the event describes gets exactly the dependent
     * views its new definition lists (functions stay as they were: events carry no function
     * dependencies).
     *
     * @return false when the event cannot be followed without the catalog (a view created or
     *         redefined, whose body the event does not carry; DDL of unknown kind, such as a new
     *         function; a schema renamed or dropped; definitions left out of an oversized event;
     *         a dependent view the index does not know): the index should then be reloaded
     */
    public boolean apply(SchemaChangeEvent event) {
        if (event.definitionsTruncated() || event.changes().stream().anyMatch(DependencyIndex::needsCatalog)) {
            return false;
        }
        lock.writeLock().lock();
        try {
            Set<Long> describedAfter = new HashSet<>();
            event.after().forEach(relation -> describedAfter.add(relation.oid()));
            for (RelationDefinition relation : event.before()) {
                if (!describedAfter.contains(relation.oid())) {
                    removeRelation(relation.oid());
                }
            }
            for (AtomicChange change : event.changes()) {
                if (change.type() == ChangeType.VIEW_REMOVED && change.relation() != null) {
                    View view = viewsByName.get(new QualifiedName(change.schema(), change.relation()).text());
                    if (view != null && !describedAfter.contains(view.oid)) {
                        removeRelation(view.oid);
                    }
                }
            }
            for (RelationDefinition relation : event.after()) {
                if (relation.kind() != null && relation.kind().isView()) {
                    register(relation.oid(), kindOf(relation.kind()), relation.qualifiedName());
                }
            }
            boolean complete = true;
            for (RelationDefinition relation : event.after()) {
                complete &= replaceDependentViews(relation);
            }
            return complete;
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    private static boolean needsCatalog(AtomicChange change) {
        return switch (change.type()) {
            case VIEW_ADDED, VIEW_MODIFIED, SCHEMA_RENAMED, SCHEMA_REMOVED, OTHER -> true;
            default -> false;
        };
    }

    private void collectDependents(long relationOid, Set<Dependent> dependents) {
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        seen.add(relationOid);
        queue.add(relationOid);
        while (!queue.isEmpty()) {
            long oid = queue.poll();
            for (String function : functionsByRelation.getOrDefault(oid, Set.of())) {
                dependents.add(new Dependent(FUNCTION, function));
            }
            for (View view : viewsByRelation.getOrDefault(oid, Set.of())) {
                dependents.add(new Dependent(view.kind, view.name));
                if (seen.add(view.oid)) {
                    queue.add(view.oid);
                }
            }
        }
    }

    /** Adds the view, or renames the one known under this OID. */
    private View register(long oid, String kind, String name) {
        View view = viewsByOid.get(oid);
        if (view == null) {
            view = new View(oid, kind, name);
            viewsByOid.put(oid, view);
        }
        else if (!view.name.equals(name)) {
            viewsByName.remove(view.name, view);
            view.name = name;
        }
        viewsByName.put(name, view);
        return view;
    }

    private boolean replaceDependentViews(RelationDefinition relation) {
        List<View> listed = new ArrayList<>();
        for (String name : relation.dependentViews()) {
            View view = viewsByName.get(name);
            if (view == null) {
                return false;
            }
            listed.add(view);
        }
        if (listed.isEmpty()) {
            viewsByRelation.remove(relation.oid());
        }
        else {
            viewsByRelation.put(relation.oid(), new HashSet<>(listed));
        }
        return true;
    }

    private void removeRelation(long oid) {
        viewsByRelation.remove(oid);
        functionsByRelation.remove(oid);
        View view = viewsByOid.remove(oid);
        if (view != null) {
            viewsByName.remove(view.name, view);
            viewsByRelation.values().forEach(views -> views.remove(view));
        }
    }

    private static String kindOf(RelationKind kind) {
        return kind == RelationKind.MATERIALIZED_VIEW ? MATERIALIZED_VIEW : VIEW;
    }

    /** Mutable only in its name, so that the sets holding it follow a rename. */
    private static final class View {
        final long oid;
        final String kind;
        String name;

        View(long oid, String kind, String name) {
            this.oid = oid;
            this.kind = kind;
            this.name = name;
        }
    }
}
