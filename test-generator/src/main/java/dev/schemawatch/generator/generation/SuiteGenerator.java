package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.contracts.templates.TemplateException;
import dev.schemawatch.contracts.templates.Templates;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an impact report, or the definitions of existing tables, into an executable
 * {@link TestSuite}: cases chosen by what changed, SQL rendered from the templates under
 * {@code templates/sql/}, data from a seeded {@link TestData}. Thread-safe: each call builds its own
 * state; the same input and seed yield an equal suite (given the same clock).
 * <p>
 * What a change type yields:
 * <ul>
 *   <li>TABLE_ADDED: every category that applies to the table ({@link #forTables} for one table);</li>
 *   <li>COLUMN_ADDED, COLUMN_MODIFIED: contract, CRUD, the column's boundaries, and NOT NULL when
 *       the column is NOT NULL and was added or changed nullability;</li>
 *   <li>COLUMN_RENAMED, COLUMN_REMOVED, TABLE_RENAMED: contract, CRUD and backward compatibility
 *       (the pre-change INSERT and SELECT shapes);</li>
 *   <li>CONSTRAINT_ADDED, CONSTRAINT_MODIFIED, RELATIONSHIP_ADDED, RELATIONSHIP_MODIFIED: contract
 *       and the constraint's enforcement (and referential integrity for a foreign key);</li>
 *   <li>any other type: contract cases, a note and a skipped case saying no template covers it;</li>
 *   <li>always: each dependent view selects; each recorded query that broke is re-prepared (one
 *       skipped case when the report had no query statistics).</li>
 * </ul>
 */
public final class SuiteGenerator {

    private final StepTemplates templates;
    private final Clock clock;

    public SuiteGenerator(Templates templates, Clock clock) {
        this.templates = new StepTemplates(templates);
        this.clock = clock;
    }

    /**
     * @throws TemplateException when a template is missing, malformed or fails (with its name and line)
     */
    public TestSuite forReport(ImpactReport report, long seed) {
        String suiteId = EventEnvelope.derivedId(report.reportId(), TestSuite.TYPE);
        SchemaChangeEvent change = report.change();
        List<RelationDefinition> tables = change.after().stream().filter(relation -> relation.kind().isTable()).toList();
        TableModel model = new TableModel(change.after(), change.types());
        CaseWriter writer = new CaseWriter(suiteId, seed, model, templates);
        Map<String, TestCase> cases = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Set<ChangeType> uncovered = new LinkedHashSet<>();

        for (RelationDefinition table : tables) {
            add(cases, writer.contract(table));
        }
        for (AtomicChange atomic : change.changes()) {
            Optional<RelationDefinition> table = tables.stream()
                    .filter(relation -> relation.schema().equals(atomic.schema()) && relation.name().equals(atomic.relation()))
                    .findFirst();
            if (table.isEmpty() || !casesFor(atomic, table.get(), change, report, writer, cases)) {
                uncovered.add(atomic.type());
            }
        }
        for (ChangeType type : uncovered) {
            String reason = "no specific template for " + type + ": contract cases only";
            notes.add(reason);
            add(cases, writer.skipped(CaseCategory.SCHEMA_CONTRACT, change.key(), "uncovered " + type, type + " has no specific test template", reason));
        }
        String target = tables.isEmpty() ? change.key() : tables.get(0).qualifiedName();
        BlastRadius blast = report.blastRadius();
        if (blast != null) {
            RelationDefinition viewOwner = tables.isEmpty() ? null : tables.get(0);
            for (BlastRadius.Dependent dependent : blast.dependents()) {
                if (viewOwner != null && !"FUNCTION".equals(dependent.kind())) {
                    String[] name = splitQualified(dependent.name());
                    add(cases, writer.dependentView(viewOwner, name[0], name[1]));
                }
            }
            queryReplay(blast.queries(), target, writer, cases, notes);
        }
        return suite(suiteId, report.reportId(), change.eventId(), change.database(), tables, seed, cases, notes);
    }

    /** The full suite for existing tables, with no enum labels known (enum columns get no test data). */
    public TestSuite forTables(String database, List<RelationDefinition> tables, long seed) {
        return forTables(database, tables, List.of(), seed);
    }

    /**
     * The full suite for existing tables: every category that applies to each table.
     *
     * @param types user-defined types the tables use: enum labels give enum columns their test data
     * @throws TemplateException when a template is missing, malformed or fails (with its name and line)
     */
    public TestSuite forTables(String database, List<RelationDefinition> tables, List<TypeDefinition> types, long seed) {
        List<RelationDefinition> testable = tables.stream().filter(relation -> relation.kind().isTable()).toList();
        // The definitions themselves, not only the names, make the id: the same schema and seed give the same
        // suite (and id), a changed schema a new one.
        String request = database + "\u0000" + seed + "\u0000"
                + new String(EventJson.write(List.of(tables, types)), StandardCharsets.UTF_8);
        String suiteId = EventEnvelope.derivedId(request, TestSuite.TYPE);
        CaseWriter writer = new CaseWriter(suiteId, seed, new TableModel(tables, types), templates);
        Map<String, TestCase> cases = new LinkedHashMap<>();
        for (RelationDefinition table : testable) {
            fullSet(table, writer, cases);
        }
        return suite(suiteId, null, null, database, testable, seed, cases, List.of());
    }

    private void fullSet(RelationDefinition table, CaseWriter writer, Map<String, TestCase> cases) {
        add(cases, writer.contract(table));
        add(cases, writer.crud(table));
        for (ColumnDefinition column : table.columns()) {
            if (column.notNull() && column.generated() == null && column.identity() == null) {
                add(cases, writer.notNull(table, column));
            }
        }
        for (ConstraintDefinition constraint : table.constraints()) {
            constraintCases(table, constraint, writer, cases);
        }
        for (ColumnDefinition column : table.columns()) {
            add(cases, writer.boundaries(table, column));
        }
        for (String view : table.dependentViews()) {
            String[] name = splitQualified(view);
            add(cases, writer.dependentView(table, name[0], name[1]));
        }
    }

    private void constraintCases(RelationDefinition table, ConstraintDefinition constraint, CaseWriter writer, Map<String, TestCase> cases) {
        switch (constraint.type()) {
            case PRIMARY_KEY, UNIQUE -> add(cases, writer.unique(table, constraint));
            case CHECK -> add(cases, writer.check(table, constraint));
            case FOREIGN_KEY -> {
                add(cases, writer.foreignKey(table, constraint));
                add(cases, writer.referential(table, constraint));
            }
            case NOT_NULL -> constraint.columns().forEach(name ->
                    TableModel.column(table, name).ifPresent(column -> add(cases, writer.notNull(table, column))));
            default -> {
            }
        }
    }

    /** @return false when no template covers the change type */
    private boolean casesFor(AtomicChange atomic, RelationDefinition table, SchemaChangeEvent change, ImpactReport report,
                             CaseWriter writer, Map<String, TestCase> cases) {
        Optional<ColumnDefinition> column = atomic.name() == null ? Optional.empty() : TableModel.column(table, atomic.name());
        Optional<ConstraintDefinition> constraint = table.constraints().stream()
                .filter(candidate -> candidate.name().equals(atomic.name())).findFirst();
        switch (atomic.type()) {
            case TABLE_ADDED -> fullSet(table, writer, cases);
            case COLUMN_ADDED, COLUMN_MODIFIED -> {
                add(cases, writer.crud(table));
                column.ifPresent(changed -> {
                    add(cases, writer.boundaries(table, changed));
                    boolean nullability = atomic.type() == ChangeType.COLUMN_ADDED || atomic.aspects().contains(ChangeAspect.NULLABILITY);
                    if (nullability && changed.notNull() && changed.generated() == null && changed.identity() == null) {
                        add(cases, writer.notNull(table, changed));
                    }
                });
            }
            case COLUMN_RENAMED, COLUMN_REMOVED, TABLE_RENAMED -> {
                add(cases, writer.crud(table));
                change.before().stream().filter(before -> before.oid() == table.oid()).findFirst().ifPresent(before ->
                        add(cases, writer.backwardCompatibility(table, before,
                                atomic.summary() == null ? atomic.type().name() : atomic.summary(), report.backwardCompatible())));
            }
            case CONSTRAINT_ADDED, CONSTRAINT_MODIFIED, RELATIONSHIP_ADDED, RELATIONSHIP_MODIFIED -> {
                if (constraint.isEmpty()) {
                    return false;
                }
                constraintCases(table, constraint.get(), writer, cases);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void queryReplay(QueryReplay queries, String target, CaseWriter writer, Map<String, TestCase> cases, List<String> notes) {
        if (queries == null) {
            return;
        }
        if (!queries.available()) {
            add(cases, writer.skipped(CaseCategory.QUERY_REPLAY, target, "recorded queries", "the application's recorded queries still prepare",
                    "no recorded queries: " + (queries.unavailableReason() == null ? "pg_stat_statements unavailable" : queries.unavailableReason())));
            return;
        }
        for (QueryReplay.BrokenQuery broken : queries.broken()) {
            add(cases, writer.queryReplay(target, broken.queryId(), broken.query(), broken.sqlState()));
        }
        if (queries.broken().isEmpty()) {
            notes.add("all " + queries.checked() + " recorded queries prepared at analysis; none to re-validate");
        }
    }

    private TestSuite suite(String suiteId, String reportId, String changeEventId, String database, List<RelationDefinition> tables,
                            long seed, Map<String, TestCase> cases, List<String> notes) {
        Map<CaseCategory, Integer> byCategory = new EnumMap<>(CaseCategory.class);
        cases.values().forEach(testCase -> byCategory.merge(testCase.category(), 1, Integer::sum));
        return new TestSuite(suiteId, reportId, changeEventId, database, tables.stream().map(RelationDefinition::qualifiedName).toList(),
                seed, List.copyOf(cases.values()), byCategory, notes, clock.instant());
    }

    /** Adds a case once: a change of several atomic parts asks for some cases more than once. */
    private static void add(Map<String, TestCase> cases, TestCase testCase) {
        if (testCase != null) {
            cases.putIfAbsent(testCase.caseId(), testCase);
        }
    }

    /**
     * {@code schema.name} as the catalog functions join them; split at the first dot (a schema name
     * with a dot in it is read wrongly here, and its view case fails rather than passes silently).
     */
    private static String[] splitQualified(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? new String[] {"public", qualified} : new String[] {qualified.substring(0, dot), qualified.substring(dot + 1)};
    }
}
