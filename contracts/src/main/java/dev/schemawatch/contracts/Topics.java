package dev.schemawatch.contracts;

/** The Kafka topics of the pipeline, as DESIGN.md and the AsyncAPI document name them. */
public final class Topics {

    public static final String SCHEMA_CHANGES = "schemawatch.schema-changes";
    public static final String IMPACT_REPORTS = "schemawatch.impact-reports";
    public static final String IMPACT_DECISIONS = "schemawatch.impact-decisions";
    public static final String TEST_SUITES = "schemawatch.test-suites";
    public static final String TEST_RESULTS = "schemawatch.test-results";
    public static final String NOTIFICATIONS = "schemawatch.notifications";

    private Topics() {
    }
}
