package dev.schemawatch.generator.export;

import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;

/**
 * How {@code pgtap.vm} asserts one step, with the same meaning as the contracts' {@code CaseRunner}.
 *
 * @param form        which pgTAP assertion to write
 * @param sql         the step's statement, for {@code lives_ok} and {@code throws_ok}
 * @param body        the statement without trailing semicolons and comments, to place inside parentheses
 * @param description names the case and the step, and says what a failure means
 * @param note        for {@link Form#CANNOT_CHECK}: why
 */
public record PgTapStep(Form form, String sql, String body, String description, Expectation expect, String note) {

    public enum Form {
        /** The step must succeed; also a RESULT of NULL from a statement that returns no rows. */
        LIVES_OK,
        /** The step must fail with a SQLSTATE. */
        THROWS_OK,
        /** Rows returned by a query, counted as a subquery. */
        COUNT_QUERY,
        /** Rows changed by INSERT/UPDATE/DELETE, counted through a top-level WITH with {@code RETURNING 1} added. */
        COUNT_MODIFYING,
        /** Rows returned by INSERT/UPDATE/DELETE ... RETURNING, counted through a top-level WITH. */
        COUNT_RETURNING,
        /** The first column of the first row of a query, as its output function writes it (as JDBC reads it). */
        RESULT_QUERY,
        /** The same for INSERT/UPDATE/DELETE ... RETURNING. */
        RESULT_RETURNING,
        /** The expectation cannot be checked by a pgTAP assertion: written as a failing test that says why. */
        CANNOT_CHECK
    }

    /**
     * The statement as {@code lives_ok} and {@code throws_ok} take it. pgTAP runs a text that starts
     * with a double quote or holds no whitespace as the name of a prepared statement, so such a
     * statement gets a leading newline, which changes nothing else.
     */
    public String executable() {
        return sql.startsWith("\"") || sql.chars().noneMatch(Character::isWhitespace) ? "\n" + sql : sql;
    }

    static PgTapStep of(SqlStep step, String description) {
        Expectation expect = step.expect();
        StatementShape shape = StatementShape.of(step.sql());
        Form form = switch (expect.outcome()) {
            case SUCCEEDS -> Form.LIVES_OK;
            case FAILS -> Form.THROWS_OK;
            case ROW_COUNT -> switch (shape.kind()) {
                case QUERY -> Form.COUNT_QUERY;
                case MODIFYING -> Form.COUNT_MODIFYING;
                case MODIFYING_RETURNING -> Form.COUNT_RETURNING;
                case OTHER -> Form.CANNOT_CHECK;
            };
            case RESULT -> switch (shape.kind()) {
                case QUERY -> Form.RESULT_QUERY;
                case MODIFYING_RETURNING -> Form.RESULT_RETURNING;
                // No rows means a NULL first value, as CaseRunner reads it: only NULL can hold, and holds when the step succeeds.
                case MODIFYING -> expect.result() == null ? Form.LIVES_OK : Form.CANNOT_CHECK;
                case OTHER -> Form.CANNOT_CHECK;
            };
        };
        String note = form != Form.CANNOT_CHECK ? null : shape.kind() == StatementShape.Kind.MODIFYING
                ? "the statement returns no rows, so its result is NULL, not " + expect.result()
                : "the pgTAP export checks row counts and results of SELECT, VALUES, TABLE, INSERT, UPDATE and DELETE only;"
                        + " run this suite with schemawatch to check this step";
        return new PgTapStep(form, step.sql(), shape.body(), description, expect, note);
    }
}
