package dev.schemawatch.executor.execution;

import java.time.Instant;
import java.util.List;

import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;

/** Hand-built suites, shaped like the generator's. */
final class Suites {

    private Suites() {
    }

    static SqlStep step(String sql, Expectation expect) {
        return new SqlStep(sql, expect);
    }

    static TestCase testCase(String caseId, String table, String name, SqlStep... steps) {
        return new TestCase(caseId, CaseCategory.CRUD_ROUND_TRIP, name, table, List.of(steps), null);
    }

    static TestSuite suite(String database, List<TestCase> cases) {
        return new TestSuite("suite-" + cases.size(), "report-1", "change-1", database, List.of("public.accounts"), 42L, cases,
                null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
