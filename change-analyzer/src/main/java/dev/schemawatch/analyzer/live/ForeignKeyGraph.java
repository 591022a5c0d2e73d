package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.rules.QualifiedName;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The tables of one database and the foreign keys between them, held in memory so that judging a
 * change costs no catalog query. Tables are nodes keyed by OID; each foreign key is an edge from
 * the referencing (child) table to the referenced (parent) one, kept in both tables' adjacency
 * lists so that walks in either direction touch only the edges they follow.
 *
 * <p>Thread-safe: any number of {@link #reach} calls run concurrently; {@link #apply} takes the
 * graph exclusively for the few microseconds it needs.
 */
public final class ForeignKeyGraph {

    /** A table as the catalog names it. */
    public record Table(long oid, String schema, String name) {
    }

    /** One foreign key: the table {@code childOid} references the table {@code parentOid}. */
    public record ForeignKey(long childOid, long parentOid, String constraint) {
    }

    /**
     * What a change's tables reach through foreign keys, each list sorted.
     *
     * @param referencingTables tables that lead to a subject, directly or through other tables
     * @param referencedTables  tables a subject leads to
     * @param relationships     the foreign keys on those paths, as {@code child -> parent (constraint)}:
     *                          the {@value BlastRadius#MAX_RELATIONSHIPS} nearest when there are more
     * @param omittedRelationships how many keys on those paths {@code relationships} leaves out
     */
    public record Reach(List<String> referencingTables, List<String> referencedTables, List<String> relationships,
                        int omittedRelationships) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Node> nodesByOid = new HashMap<>();
    private final Map<QualifiedName, Node> nodesByName = new HashMap<>();
    /** Gives each node a small dense number, so a walk marks what it has seen in a bit set. */
    private int nextIndex;
    private int foreignKeyCount;

    /**
     * The graph of these tables and foreign keys. A foreign key whose ends are not both among
     * {@code tables} (its parent lies in a schema the analyzer leaves out) is left out too.
     */
    public static ForeignKeyGraph of(Collection<Table> tables, Collection<ForeignKey> foreignKeys) {
        ForeignKeyGraph graph = new ForeignKeyGraph();
        for (Table table : tables) {
            graph.upsert(table.oid(), table.schema(), table.name());
        }
        for (ForeignKey foreignKey : foreignKeys) {
            Node child = graph.nodesByOid.get(foreignKey.childOid());
            Node parent = graph.nodesByOid.get(foreignKey.parentOid());
            if (child != null && parent != null) {
                graph.connect(child, parent, foreignKey.constraint());
            }
        }
        return graph;
    }

    public int tableCount() {
        lock.readLock().lock();
        try {
            return nodesByOid.size();
        }
        finally {
            lock.readLock().unlock();
        }
    }

    public int foreignKeyCount() {
        lock.readLock().lock();
        try {
            return foreignKeyCount;
        }
        finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(long oid) {
        lock.readLock().lock();
        try {
            return nodesByOid.containsKey(oid);
        }
        finally {
            lock.readLock().unlock();
        }
    }

    public OptionalLong oidOf(String schema, String name) {
        lock.readLock().lock();
        try {
            Node node = nodesByName.get(new QualifiedName(schema, name));
            return node == null ? OptionalLong.empty() : OptionalLong.of(node.oid);
        }
        finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Everything the subjects reach, each subject walked on its own so that one subject reached
     * from another is reported (a child whose foreign key a cascaded drop removed) while no
     * subject is reported as reaching itself.
     *
     * @param subjectOids       tables known to the graph; unknown OIDs are ignored
     * @param unknownSubjects   definitions of tables the graph does not know (created since it was
     *                          loaded, or dropped before it was): they reach what their own foreign
     *                          keys name, and onwards from there; who referenced them is unknown
     */
    public Reach reach(Collection<Long> subjectOids, Collection<RelationDefinition> unknownSubjects) {
        List<String> referencing = new ArrayList<>();
        List<String> referenced = new ArrayList<>();
        Set<String> relationships = new LinkedHashSet<>();
        lock.readLock().lock();
        try {
            for (long oid : subjectOids) {
                Node subject = nodesByOid.get(oid);
                if (subject != null) {
                    walk(subject, Direction.TOWARDS_CHILDREN, referencing, relationships);
                    walk(subject, Direction.TOWARDS_PARENTS, referenced, relationships);
                }
            }
            for (RelationDefinition definition : unknownSubjects) {
                walkFromDefinition(definition, referenced, relationships);
            }
        }
        finally {
            lock.readLock().unlock();
        }
        List<String> nearest = relationships.stream().limit(BlastRadius.MAX_RELATIONSHIPS).sorted().toList();
        return new Reach(sortedDistinct(referencing), sortedDistinct(referenced), nearest, relationships.size() - nearest.size());
    }

    /**
     * Moves the graph past one schema-change event: tables the event removed leave with their
     * foreign keys (PostgreSQL dropped the children's keys with them), tables it describes
     * afterwards take their names and exactly the outgoing foreign keys of their new definition.
     * Edges are held by OID, so a renamed table keeps the keys that point at it.
     *
     * @return false when the event does not carry what the graph needs (definitions left out of an
     *         oversized event, a foreign key to a table the graph does not know, a schema renamed
     *         from an unknown name): the graph is then incomplete and should be reloaded
     */
    public boolean apply(SchemaChangeEvent event) {
        if (event.definitionsTruncated()) {
            return false;
        }
        lock.writeLock().lock();
        try {
            boolean complete = true;
            Set<Long> describedAfter = new HashSet<>();
            for (RelationDefinition relation : event.after()) {
                if (isTable(relation)) {
                    describedAfter.add(relation.oid());
                }
            }
            for (RelationDefinition relation : event.before()) {
                if (isTable(relation) && !describedAfter.contains(relation.oid())) {
                    remove(nodesByOid.get(relation.oid()));
                }
            }
            for (AtomicChange change : event.changes()) {
                complete &= applyNamedChange(change, describedAfter);
            }
            Map<Node, RelationDefinition> described = new LinkedHashMap<>();
            for (RelationDefinition relation : event.after()) {
                if (isTable(relation)) {
                    described.put(upsert(relation.oid(), relation.schema(), relation.name()), relation);
                }
            }
            // Only once every table of the event is in place: a key may point at a table created
            // by the same statement, or at its own table.
            for (Map.Entry<Node, RelationDefinition> entry : described.entrySet()) {
                complete &= replaceForeignKeys(entry.getKey(), entry.getValue().constraints());
            }
            return complete;
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    /** Changes that name what they affect without a definition to go by. */
    private boolean applyNamedChange(AtomicChange change, Set<Long> describedAfter) {
        switch (change.type()) {
            case TABLE_REMOVED -> {
                if (change.relation() != null) {
                    Node node = nodesByName.get(new QualifiedName(change.schema(), change.relation()));
                    if (node != null && !describedAfter.contains(node.oid)) {
                        remove(node);
                    }
                }
                return true;
            }
            case SCHEMA_RENAMED -> {
                if (change.previousName() == null) {
                    return false;
                }
                renameSchema(change.previousName(), change.schema());
                return true;
            }
            case SCHEMA_REMOVED -> {
                removeSchema(change.schema());
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private static boolean isTable(RelationDefinition relation) {
        return relation.kind() != null && relation.kind().isTable();
    }

    private enum Direction {
        TOWARDS_CHILDREN,
        TOWARDS_PARENTS
    }

    /**
     * Breadth-first from {@code start}; each node is expanded once, so cycles end. Relationships
     * are collected nearest first, so that a cut list keeps the keys closest to the change.
     */
    private void walk(Node start, Direction direction, List<String> tables, Set<String> relationships) {
        BitSet seen = new BitSet(nextIndex);
        ArrayDeque<Node> queue = new ArrayDeque<>();
        seen.set(start.index);
        queue.add(start);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            List<Edge> edges = direction == Direction.TOWARDS_CHILDREN ? node.incoming : node.outgoing;
            for (Edge edge : edges) {
                relationships.add(edge.text);
                Node next = direction == Direction.TOWARDS_CHILDREN ? edge.child : edge.parent;
                if (!seen.get(next.index)) {
                    seen.set(next.index);
                    tables.add(next.qualifiedName);
                    queue.add(next);
                }
            }
        }
    }

    private void walkFromDefinition(RelationDefinition definition, List<String> referenced, Set<String> relationships) {
        QualifiedName subject = new QualifiedName(definition.schema(), definition.name());
        for (ConstraintDefinition constraint : definition.constraints()) {
            if (constraint.type() != ConstraintType.FOREIGN_KEY || constraint.referencedTable() == null) {
                continue;
            }
            QualifiedName parentName = new QualifiedName(constraint.referencedSchema(), constraint.referencedTable());
            relationships.add(relationshipText(subject.text(), parentName.text(), constraint.name()));
            if (parentName.equals(subject)) {
                continue;
            }
            referenced.add(parentName.text());
            Node parent = nodesByName.get(parentName);
            if (parent != null) {
                walk(parent, Direction.TOWARDS_PARENTS, referenced, relationships);
            }
        }
    }

    private Node upsert(long oid, String schema, String name) {
        QualifiedName key = new QualifiedName(schema, name);
        Node node = nodesByOid.get(oid);
        Node holder = nodesByName.get(key);
        if (holder != null && holder != node) {
            // Names are unique per schema, so the table that held this name was dropped unseen.
            remove(holder);
        }
        if (node == null) {
            node = new Node(oid, nextIndex++, key);
            nodesByOid.put(oid, node);
            nodesByName.put(key, node);
        }
        else if (!node.key.equals(key)) {
            nodesByName.remove(node.key);
            node.rename(key);
            nodesByName.put(key, node);
        }
        return node;
    }

    private boolean replaceForeignKeys(Node child, List<ConstraintDefinition> constraints) {
        for (Edge edge : List.copyOf(child.outgoing)) {
            disconnect(edge);
        }
        boolean allResolved = true;
        for (ConstraintDefinition constraint : constraints) {
            if (constraint.type() != ConstraintType.FOREIGN_KEY) {
                continue;
            }
            Node parent = constraint.referencedTable() == null ? null
                    : nodesByName.get(new QualifiedName(constraint.referencedSchema(), constraint.referencedTable()));
            if (parent == null) {
                allResolved = false;
            }
            else {
                connect(child, parent, constraint.name());
            }
        }
        return allResolved;
    }

    private void renameSchema(String previous, String current) {
        for (Node node : List.copyOf(nodesByOid.values())) {
            if (node.key.schema().equals(previous)) {
                upsert(node.oid, current, node.key.name());
            }
        }
    }

    private void removeSchema(String schema) {
        for (Node node : List.copyOf(nodesByOid.values())) {
            if (node.key.schema().equals(schema)) {
                remove(node);
            }
        }
    }

    private void connect(Node child, Node parent, String constraint) {
        Edge edge = new Edge(child, parent, constraint);
        child.outgoing.add(edge);
        parent.incoming.add(edge);
        foreignKeyCount++;
    }

    private void disconnect(Edge edge) {
        edge.child.outgoing.remove(edge);
        edge.parent.incoming.remove(edge);
        foreignKeyCount--;
    }

    private void remove(Node node) {
        if (node == null) {
            return;
        }
        for (Edge edge : List.copyOf(node.outgoing)) {
            disconnect(edge);
        }
        for (Edge edge : List.copyOf(node.incoming)) {
            disconnect(edge);
        }
        nodesByOid.remove(node.oid);
        nodesByName.remove(node.key, node);
    }

    private static List<String> sortedDistinct(List<String> values) {
        return values.stream().sorted().distinct().toList();
    }

    static String relationshipText(String child, String parent, String constraint) {
        return child + " -> " + parent + " (" + constraint + ")";
    }

    private static final class Node {
        final long oid;
        final int index;
        final List<Edge> outgoing = new ArrayList<>(2);
        final List<Edge> incoming = new ArrayList<>(2);
        QualifiedName key;
        String qualifiedName;

        Node(long oid, int index, QualifiedName key) {
            this.oid = oid;
            this.index = index;
            this.key = key;
            this.qualifiedName = key.text();
        }

        void rename(QualifiedName newKey) {
            key = newKey;
            qualifiedName = newKey.text();
            outgoing.forEach(Edge::render);
            incoming.forEach(Edge::render);
        }
    }

    /** Identity matters: two keys between the same tables under the same name are still two edges. */
    private static final class Edge {
        final Node child;
        final Node parent;
        final String constraint;
        /** Rendered once per name change rather than on every walk. */
        String text;

        Edge(Node child, Node parent, String constraint) {
            this.child = child;
            this.parent = parent;
            this.constraint = constraint;
            render();
        }

        void render() {
            text = relationshipText(child.qualifiedName, parent.qualifiedName, constraint);
        }
    }
}
