package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.impact.QueryReplay.BrokenQuery;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A live database in a few words: sizes default to what the event's definitions say, every data
 * check answers as configured, and the calls are counted so tests can see what was asked.
 */
final class FakeContext implements RuleContext {

    private final Map<String, TableSize> sizes = new HashMap<>();
    private DataCheck.Outcome outcome = DataCheck.Outcome.SATISFIED;
    private Long violatingRows;
    private List<BlastRadius.Dependent> dependents = List.of();
    private List<String> referencingTables = List.of();
    private List<BrokenQuery> brokenQueries = List.of();
    private Thresholds thresholds = Thresholds.DEFAULT;
    final List<ConstraintDefinition> checkedConstraints = new ArrayList<>();
    int sizeCalls;
    int blastRadiusCalls;

    FakeContext size(String qualifiedName, long rows, long bytes) {
        sizes.put(qualifiedName, new TableSize(rows, bytes));
        return this;
    }

    FakeContext violated(long rows) {
        outcome = DataCheck.Outcome.VIOLATED;
        violatingRows = rows;
        return this;
    }

    FakeContext uncheckable() {
        outcome = DataCheck.Outcome.UNKNOWN;
        return this;
    }

    FakeContext dependents(BlastRadius.Dependent... dependents) {
        this.dependents = List.of(dependents);
        return this;
    }

    FakeContext referencingTables(String... tables) {
        this.referencingTables = List.of(tables);
        return this;
    }

    FakeContext brokenQuery(String query, long calls, String sqlState, String message) {
        List<BrokenQuery> queries = new ArrayList<>(brokenQueries);
        queries.add(new BrokenQuery(String.valueOf(queries.size() + 1), query, calls, sqlState, message));
        brokenQueries = List.copyOf(queries);
        return this;
    }

    FakeContext thresholds(Thresholds thresholds) {
        this.thresholds = thresholds;
        return this;
    }

    @Override
    public TableSize size(RelationDefinition table) {
        sizeCalls++;
        return sizeOf(table);
    }

    @Override
    public DataCheck dataCheck(RelationDefinition table, ConstraintDefinition constraint) {
        checkedConstraints.add(constraint);
        long rows = sizeOf(table).rowEstimate();
        return switch (outcome) {
            case SATISFIED -> new DataCheck(outcome, 0L, rows, "validated by PostgreSQL when the constraint was added");
            case VIOLATED -> new DataCheck(outcome, violatingRows, rows, "counted with a read-only query");
            case UNKNOWN -> new DataCheck(outcome, null, rows, "statement timeout after 5 s");
        };
    }

    @Override
    public BlastRadius blastRadius() {
        blastRadiusCalls++;
        QueryReplay replay = new QueryReplay(true, null, 10 + brokenQueries.size(), brokenQueries);
        return new BlastRadius(referencingTables, List.of(), List.of(), dependents, replay, 0);
    }

    @Override
    public Thresholds thresholds() {
        return thresholds;
    }

    private TableSize sizeOf(RelationDefinition table) {
        return sizes.getOrDefault(table.schema() + "." + table.name(),
                new TableSize(Math.max(0, table.rowEstimate()), table.sizeBytes()));
    }
}
