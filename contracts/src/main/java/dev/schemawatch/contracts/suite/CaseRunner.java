package dev.schemawatch.contracts.suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Objects;

/**
 * The one meaning of a test case's expectations: runs its steps in order on a connection inside a
 * transaction the caller opened (and will roll back), each step behind a savepoint so that an
 * expected failure does not abort the rest. The generator's tests and the executor both judge cases
 * with it.
 */
public final class CaseRunner {

    private CaseRunner() {
    }

    /**
     * @param connection a connection with auto-commit off; the caller rolls the transaction back
     */
    public static CaseOutcome run(Connection connection, TestCase testCase) throws SQLException {
        if (testCase.skipReason() != null) {
            return new CaseOutcome(CaseOutcome.Status.SKIPPED, -1, null, testCase.skipReason());
        }
        if (connection.getAutoCommit()) {
            throw new IllegalArgumentException("run test cases inside a transaction (auto-commit off) so they can be rolled back");
        }
        long[] rowsTouched = {0};
        for (int index = 0; index < testCase.steps().size(); index++) {
            SqlStep step = testCase.steps().get(index);
            CaseOutcome outcome = runStep(connection, step, index, rowsTouched);
            if (outcome != null) {
                return new CaseOutcome(outcome.status(), outcome.failedStep(), outcome.sqlState(), outcome.message(), rowsTouched[0]);
            }
        }
        return CaseOutcome.passed(rowsTouched[0]);
    }

    /**
     * @param rowsTouched running count of rows the case's data-changing steps affected
     * @return null when the step met its expectation
     */
    private static CaseOutcome runStep(Connection connection, SqlStep step, int index, long[] rowsTouched) throws SQLException {
        Expectation expect = step.expect();
        Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            boolean returnsRows = statement.execute(step.sql());
            long rows = 0;
            String firstValue = null;
            if (returnsRows) {
                try (ResultSet resultSet = statement.getResultSet()) {
                    while (resultSet.next()) {
                        if (rows == 0) {
                            firstValue = resultSet.getString(1);
                        }
                        rows++;
                    }
                }
            } else {
                rows = Math.max(statement.getUpdateCount(), 0);
                rowsTouched[0] += rows;
            }
            connection.releaseSavepoint(savepoint);
            return switch (expect.outcome()) {
                case SUCCEEDS -> null;
                case ROW_COUNT -> rows == expect.rowCount() ? null
                        : failed(index, null, "expected " + expect.rowCount() + " row(s), got " + rows, expect);
                case RESULT -> Objects.equals(firstValue, expect.result()) ? null
                        : failed(index, null, "expected " + show(expect.result()) + ", got " + show(firstValue), expect);
                case FAILS -> failed(index, null, "expected SQLSTATE " + expect.sqlState() + ", but the statement succeeded", expect);
            };
        } catch (SQLException e) {
            connection.rollback(savepoint);
            String state = e.getSQLState();
            if (expect.outcome() == Expectation.Outcome.FAILS && expect.sqlState().equals(state)) {
                return null;
            }
            String what = expect.outcome() == Expectation.Outcome.FAILS
                    ? "expected SQLSTATE " + expect.sqlState() + ", got " + state + ": " + e.getMessage()
                    : e.getMessage();
            // A privilege, a timeout or a lost connection says nothing about the schema, whatever the step expected.
            return judgesTheSchema(state) ? failed(index, state, what, expect)
                    : new CaseOutcome(CaseOutcome.Status.ERRORED, index, state, what);
        }
    }

    /**
     * Errors that say the schema does not behave as the case claims (a constraint, a value, a
     * missing column or table), as opposed to errors of the case itself or of its environment
     * (syntax, permissions, timeouts, connections), which make it ERRORED.
     */
    private static boolean judgesTheSchema(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("22") || sqlState.startsWith("23")
                || sqlState.equals("42703") || sqlState.equals("42P01") || sqlState.equals("42804") || sqlState.equals("42883");
    }

    private static CaseOutcome failed(int index, String sqlState, String what, Expectation expect) {
        String message = expect.because() == null ? what : expect.because() + " (" + what + ")";
        return new CaseOutcome(CaseOutcome.Status.FAILED, index, sqlState, message);
    }

    private static String show(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
