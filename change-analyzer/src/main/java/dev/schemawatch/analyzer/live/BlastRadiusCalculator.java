package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.rules.QualifiedName;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.BlastRadius.Dependent;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one event's relations reach, on the in-memory graph and index as they were before the
 * event. The subjects are the relations the event describes (before or after, by OID); tables also
 * reach through foreign keys. A table the graph does not know (loaded after it was dropped, or
 * created since) reaches what its own definition names; the dependent views its definition lists
 * are always included, since they are known to have depended on it.
 */
final class BlastRadiusCalculator {

    private BlastRadiusCalculator() {
    }

    static BlastRadius calculate(SchemaChangeEvent event, ForeignKeyGraph graph, DependencyIndex dependencies,
                                 QueryReplay queries) {
        // The definition before the event comes first: it is what the graph knew.
        Map<Long, RelationDefinition> relations = new LinkedHashMap<>();
        event.before().forEach(relation -> relations.putIfAbsent(relation.oid(), relation));
        event.after().forEach(relation -> relations.putIfAbsent(relation.oid(), relation));

        List<Long> knownTables = new ArrayList<>();
        List<RelationDefinition> unknownTables = new ArrayList<>();
        List<Long> relationOids = new ArrayList<>(relations.keySet());
        for (RelationDefinition relation : relations.values()) {
            if (relation.kind() != null && relation.kind().isTable()) {
                if (graph.contains(relation.oid())) {
                    knownTables.add(relation.oid());
                }
                else {
                    unknownTables.add(relation);
                }
            }
        }
        if (relations.isEmpty() && event.schema() != null && event.objectName() != null) {
            // Definitions left out of an oversized event: the primary object by name.
            graph.oidOf(event.schema(), event.objectName()).ifPresent(oid -> {
                knownTables.add(oid);
                relationOids.add(oid);
            });
            dependencies.viewOid(new QualifiedName(event.schema(), event.objectName()).text())
                    .ifPresent(relationOids::add);
        }

        ForeignKeyGraph.Reach reach = graph.reach(knownTables, unknownTables);
        Set<Dependent> dependents = new HashSet<>(dependencies.dependentsOf(relationOids));
        for (RelationDefinition relation : relations.values()) {
            relation.dependentViews().forEach(view -> dependents.add(dependencies.viewNamed(view)));
        }
        return new BlastRadius(reach.referencingTables(), reach.referencedTables(), reach.relationships(),
                dependents.stream().sorted(DependencyIndex.BY_NAME_THEN_KIND).toList(), queries, reach.omittedRelationships());
    }
}
