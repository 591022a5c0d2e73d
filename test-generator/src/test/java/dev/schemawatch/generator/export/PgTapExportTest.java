package dev.schemawatch.generator.export;

import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.generation.SuiteGenerator;
import dev.schemawatch.generator.templates.GeneratorTemplates;
import dev.schemawatch.testsupport.LiveDefinitions;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The pgTAP export runs under pgTAP: it passes where the suite holds, says {@code not ok} where it does not, and changes nothing. */
class PgTapExportTest {

    private static final SuiteExports EXPORTS = new SuiteExports(GeneratorTemplates.create(null));

    private static String database;

    @BeforeAll
    static void createDatabase() {
        database = ExportFixtures.createDatabase("pgtap_export");
    }

    @Test
    void everyStepOfAPassingSuiteIsOkAndThePlanMatches() throws SQLException {
        TestSuite suite = ExportFixtures.passingSuite();
        assertThat(ExportFixtures.runWithCaseRunner(database, suite)).extracting(CaseOutcome::status)
                .as("the reference semantics agree that the suite holds")
                .containsOnly(CaseOutcome.Status.PASSED, CaseOutcome.Status.SKIPPED);
        String script = EXPORTS.pgTap(suite);

        List<String> tap = runScript(script);

        int planned = plannedTests(suite);
        assertThat(tap).as(script).first().isEqualTo("1.." + planned);
        List<String> results = testLines(tap);
        assertThat(results).as(String.join("\n", tap)).hasSize(planned).allMatch(line -> line.startsWith("ok "));
        // Numbered 1..n in order, although each case's savepoint was rolled back: pgTAP's tally was carried across.
        assertThat(results).extracting(line -> line.split(" ")[1]).containsExactlyElementsOf(
                IntStream.rangeClosed(1, planned).mapToObj(Integer::toString).toList());
        assertThat(tap).filteredOn(line -> line.contains("# SKIP")).hasSize((int) ExportFixtures.skippedCases(suite));
        assertThat(tap).noneMatch(line -> line.startsWith("# Looks like"));
        ExportFixtures.assertNothingChanged(database);
    }

    @Test
    void aWrongExpectationIsReportedNotOkAndTheOtherStepsStillRun() throws SQLException {
        TestSuite suite = ExportFixtures.suiteWithOneWrongExpectation();

        List<String> tap = runScript(EXPORTS.pgTap(suite));

        int planned = plannedTests(suite);
        List<String> results = testLines(tap);
        assertThat(results).as(String.join("\n", tap)).hasSize(planned);
        assertThat(results).filteredOn(line -> line.startsWith("not ok ")).singleElement().asString()
                .contains("orders.email rejects duplicates, step 3 of 3");
        assertThat(tap).contains("# Looks like you failed 1 test of " + planned);
        ExportFixtures.assertNothingChanged(database);
    }

    @Test
    void aSuiteGeneratedFromALiveTableRunsUnderPgTapOnASessionWithItsSchemaOnThePath() throws SQLException {
        PostgresCluster.get().execute(database, """
                CREATE TYPE generated_mood AS ENUM ('calm', 'busy');
                CREATE TABLE generated_tickets (
                    id bigserial PRIMARY KEY,
                    title varchar(80) NOT NULL,
                    mood generated_mood NOT NULL DEFAULT 'calm',
                    opened date DEFAULT current_date)
                """);
        TestSuite suite;
        try (Connection connection = PostgresCluster.get().connect(database)) {
            suite = new SuiteGenerator(GeneratorTemplates.create(null), Clock.systemUTC()).forTables("shop",
                    List.of(LiveDefinitions.relation(connection, "public", "generated_tickets")),
                    LiveDefinitions.types(connection, "public"), 7);
        }

        List<String> tap = runScript(EXPORTS.pgTap(suite));

        assertThat(testLines(tap)).as(String.join("\n", tap)).hasSize(plannedTests(suite))
                .allMatch(line -> line.startsWith("ok "));
    }

    /** One TAP test per step, and one per skipped case. */
    private static int plannedTests(TestSuite suite) {
        return suite.cases().stream().mapToInt(testCase -> testCase.skipReason() != null ? 1 : testCase.steps().size()).sum();
    }

    private static List<String> testLines(List<String> tap) {
        return tap.stream().filter(line -> line.startsWith("ok ") || line.startsWith("not ok ")).toList();
    }

    /** Runs the script as psql would, statement after statement, and collects the TAP lines it prints. */
    private static List<String> runScript(String script) throws SQLException {
        List<String> tap = new ArrayList<>();
        try (Connection connection = PostgresCluster.get().connect(database); Statement statement = connection.createStatement()) {
            boolean isResultSet = statement.execute(script);
            while (isResultSet || statement.getUpdateCount() != -1) {
                if (isResultSet) {
                    try (ResultSet resultSet = statement.getResultSet()) {
                        // setval() and _set() are selected with no columns: they print nothing.
                        while (resultSet.getMetaData().getColumnCount() > 0 && resultSet.next()) {
                            tap.addAll(resultSet.getString(1).lines().toList());
                        }
                    }
                }
                isResultSet = statement.getMoreResults();
            }
        }
        return tap;
    }
}
