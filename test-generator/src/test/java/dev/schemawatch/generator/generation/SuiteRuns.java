package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.CaseRunner;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.testsupport.PostgresCluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs every case of a suite as the executor would: each in its own transaction, always rolled back. */
final class SuiteRuns {

    private SuiteRuns() {
    }

    static Map<TestCase, CaseOutcome> run(String database, TestSuite suite) throws SQLException {
        Map<TestCase, CaseOutcome> outcomes = new LinkedHashMap<>();
        try (Connection connection = PostgresCluster.get().connect(database)) {
            connection.setAutoCommit(false);
            for (TestCase testCase : suite.cases()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL statement_timeout = '10s'");
                    outcomes.put(testCase, CaseRunner.run(connection, testCase));
                } finally {
                    connection.rollback();
                }
            }
        }
        return outcomes;
    }

    static String describe(Map<TestCase, CaseOutcome> outcomes, CaseOutcome.Status status) {
        StringBuilder text = new StringBuilder();
        outcomes.forEach((testCase, outcome) -> {
            if (outcome.status() == status) {
                text.append(testCase.category()).append(' ').append(testCase.name()).append(": ").append(outcome.message());
                if (outcome.failedStep() >= 0) {
                    text.append("\n    ").append(testCase.steps().get(outcome.failedStep()).sql().replace("\n", "\n    "));
                }
                text.append('\n');
            }
        });
        return text.toString();
    }
}
