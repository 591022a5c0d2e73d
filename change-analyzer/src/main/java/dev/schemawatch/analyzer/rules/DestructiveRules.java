package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.QueryReplay.BrokenQuery;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SW1xx: data or objects are gone. */
final class DestructiveRules implements RuleGroup {

    @Override
    public void judge(JudgedChange change, Findings findings) {
        switch (change.type()) {
            case SCHEMA_REMOVED -> schemaDropped(change, findings);
            case TABLE_REMOVED -> tableDropped(change, findings);
            case COLUMN_REMOVED -> columnDropped(change, findings);
            case VIEW_REMOVED -> viewDropped(change, findings);
            case TYPE_REMOVED -> typeDropped(change, findings);
            default -> {
                // not destructive
            }
        }
    }

    private static void schemaDropped(JudgedChange change, Findings findings) {
        String schema = change.change().schema();
        long relations = change.event().changes().stream()
                .filter(c -> c.type() == ChangeType.TABLE_REMOVED || c.type() == ChangeType.VIEW_REMOVED)
                .filter(c -> schema.equals(c.change().schema()))
                .count();
        String message = "schema " + schema + " dropped"
                + (relations == 0 ? "" : " with " + Quantities.count(relations) + " table(s) and view(s) in it")
                + Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), schema));
        findings.add(RuleCatalogue.SCHEMA_DROPPED, change, message,
                "Before dropping a schema, REVOKE USAGE ON SCHEMA " + SqlQuoting.identifier(schema)
                        + " FROM PUBLIC (and the application roles) for a release and watch for errors; then drop it without CASCADE.");
    }

    private static void tableDropped(JudgedChange change, Findings findings) {
        RelationDefinition table = change.table();
        TableSize size = change.size();
        BlastRadius reach = change.event().blastRadius();
        List<String> referencing = reach == null ? List.of() : reach.referencingTables();
        List<String> views = dependentViews(change, table);
        StringBuilder message = new StringBuilder(table.kind() == RelationKind.FOREIGN_TABLE ? "foreign table " : "table ")
                .append(change.relationName()).append(" dropped");
        if (table.kind() == RelationKind.FOREIGN_TABLE) {
            message.append(" (its remote data is untouched)");
        } else {
            message.append(" with ").append(Quantities.size(size));
        }
        if (!referencing.isEmpty()) {
            message.append("; foreign keys from ").append(Reach.names(referencing)).append(" referenced it");
        }
        if (!views.isEmpty()) {
            message.append("; views ").append(Reach.names(views)).append(" depended on it");
        }
        message.append(Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), change.change().relation())));
        findings.add(RuleCatalogue.TABLE_DROPPED, change, message.toString(),
                "Stop reading and writing " + change.relationName() + " in an earlier release; then ALTER TABLE "
                        + qualified(change) + " RENAME TO a parking name (or REVOKE ALL on it) for a while, and drop it once nothing failed.");
    }

    private static void columnDropped(JudgedChange change, Findings findings) {
        String column = change.change().name();
        Optional<ColumnDefinition> dropped = change.columnBefore();
        boolean onView = change.kind() != null && change.kind().isView();
        String message = (onView ? "view column " : "column ") + change.subject()
                + dropped.map(c -> " (" + c.type() + ")").orElse("") + " dropped"
                + (onView ? "" : " with its values in " + Quantities.rows(change.size().rowEstimate()))
                + Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), column));
        findings.add(RuleCatalogue.COLUMN_DROPPED, change, message,
                "Stop reading and writing " + SqlQuoting.identifier(column) + " in one release (mark it ignored in the ORM), "
                        + "and run ALTER TABLE " + qualified(change) + " DROP COLUMN " + SqlQuoting.identifier(column)
                        + " in the next; keep a copy of the values if they may be needed.");
    }

    private static void viewDropped(JudgedChange change, Findings findings) {
        RelationDefinition view = change.table();
        boolean materialized = view.kind() == RelationKind.MATERIALIZED_VIEW;
        String noun = materialized ? "materialized view " : "view ";
        List<String> dependents = dependentViews(change, view);
        List<BrokenQuery> queries = Reach.brokenQueriesMentioning(change.event(), change.change().relation());
        if (!dependents.isEmpty() || !queries.isEmpty()) {
            String message = noun + change.relationName() + " dropped while in use"
                    + (dependents.isEmpty() ? "" : ": " + Reach.names(dependents) + " depended on it")
                    + Reach.brokenQueries(queries);
            findings.add(RuleCatalogue.VIEW_IN_USE_DROPPED, change, message,
                    "Recreate " + qualified(change) + " from its previous definition (see the rollback), move "
                            + (dependents.isEmpty() ? "the queries" : Reach.names(dependents) + " and the queries")
                            + " off it, and only then drop it.");
            return;
        }
        if (materialized) {
            findings.add(RuleCatalogue.MATERIALIZED_VIEW_DROPPED, change,
                    noun + change.relationName() + " dropped with its stored result (" + Quantities.size(change.size()) + ")",
                    "Keep its definition and indexes to recreate it (CREATE MATERIALIZED VIEW " + qualified(change)
                            + " AS ... recomputes everything), and drop it only after its readers moved.");
            return;
        }
        findings.add(RuleCatalogue.VIEW_DROPPED, change,
                noun + change.relationName() + " dropped; no dependent view or recorded query was found to use it",
                "Make sure no application or report reads " + qualified(change) + " before dropping it.");
    }

    private static void typeDropped(JudgedChange change, Findings findings) {
        Optional<TypeDefinition> type = change.event().definitions().typeBefore(change.change());
        long columns = change.event().changes().stream().filter(c -> c.type() == ChangeType.COLUMN_REMOVED).count();
        String noun = type.map(t -> switch (t.kind()) {
            case ENUM -> "enum ";
            case DOMAIN -> "domain ";
            case COMPOSITE -> "composite type ";
            default -> "type ";
        }).orElse("type ");
        String values = type.filter(t -> !t.labels().isEmpty())
                .map(t -> " (values " + Reach.names(t.labels()) + ")").orElse("");
        String message = noun + change.relationName() + values + " dropped"
                + (columns == 0 ? "" : "; " + Quantities.count(columns) + " column(s) of that type were dropped with it")
                + Reach.brokenQueries(Reach.brokenQueriesMentioning(change.event(), change.change().relation()));
        findings.add(RuleCatalogue.TYPE_DROPPED, change, message,
                "Move columns and functions off " + qualified(change) + " first, then DROP TYPE " + qualified(change)
                        + " without CASCADE, so that PostgreSQL refuses while anything still uses it.");
    }

    /**
     * Views that depended on the relation: from its own definition, and from the blast radius
     * when the relation is the event's primary object (the radius is computed for that one).
     */
    private static List<String> dependentViews(JudgedChange change, RelationDefinition relation) {
        Set<String> views = new LinkedHashSet<>(relation.dependentViews());
        var event = change.event().event();
        boolean primary = change.change().relation() != null && change.change().relation().equals(event.objectName())
                && change.change().schema().equals(event.schema());
        BlastRadius reach = change.event().blastRadius();
        if (primary && reach != null) {
            reach.dependents().stream()
                    .filter(d -> !"FUNCTION".equals(d.kind()))
                    .map(BlastRadius.Dependent::name)
                    .filter(name -> !name.equals(change.relationName()))
                    .forEach(views::add);
        }
        return new ArrayList<>(views);
    }

    private static String qualified(JudgedChange change) {
        return SqlQuoting.qualified(change.change().schema(), change.change().relation());
    }
}
