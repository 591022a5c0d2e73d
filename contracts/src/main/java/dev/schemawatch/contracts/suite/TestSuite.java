package dev.schemawatch.contracts.suite;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Payload of {@code dev.schemawatch.test.suite.v1} on {@code schemawatch.test-suites}: everything
 * needed to test a change, self-contained, so that the executor never reads the generator's
 * database.
 *
 * @param suiteId       equals the CloudEvents {@code ce_id}; derived from the impact report's id
 *                      (or, on demand, from the request)
 * @param reportId      the impact report it answers; null for an on-demand suite
 * @param changeEventId the originating schema change (the correlation id); null on demand
 * @param database      the monitored database's name
 * @param tables        the tables the suite tests, {@code schema.table}
 * @param seed          the test-data seed: the same seed yields the same suite
 * @param cases         the test cases, in the order to run them
 * @param casesByCategory how many cases of each category
 * @param notes         what the suite does not cover and why, e.g. a change type with no specific template
 * @param generatedAt   when it was generated
 */
public record TestSuite(
        String suiteId,
        String reportId,
        String changeEventId,
        String database,
        List<String> tables,
        long seed,
        List<TestCase> cases,
        Map<CaseCategory, Integer> casesByCategory,
        List<String> notes,
        Instant generatedAt) {

    public static final String TYPE = "dev.schemawatch.test.suite.v1";

    public TestSuite {
        tables = tables == null ? List.of() : List.copyOf(tables);
        cases = cases == null ? List.of() : List.copyOf(cases);
        casesByCategory = casesByCategory == null ? Map.of() : Map.copyOf(casesByCategory);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** {@code database.schema.table} of the first table tested: the key, as on the earlier topics. */
    public String key() {
        return tables.isEmpty() ? database : database + "." + tables.get(0);
    }
}
