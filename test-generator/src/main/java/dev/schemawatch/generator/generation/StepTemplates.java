package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.templates.TemplateException;
import dev.schemawatch.contracts.templates.Templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a category template into the steps of one case. A template writes its steps one after
 * another, each opened by marker lines that carry its expectation:
 * <pre>
 * --@step FAILS 23502          (or SUCCEEDS, ROW_COUNT n, RESULT)
 * --@because orders.email accepts NULL
 * --@result integer NOT NULL   (RESULT only; without it the expected result is NULL)
 * INSERT INTO ...
 * </pre>
 * Everything up to the next {@code --@step} is the statement. A malformed marker is reported with
 * its line in the rendered text (the template's own line is lost by then). The markers keep the expectation next
 * to the SQL it judges, in the template a team may override.
 */
final class StepTemplates {

    private static final String STEP = "--@step ";
    private static final String BECAUSE = "--@because ";
    private static final String RESULT = "--@result ";

    private final Templates templates;

    StepTemplates(Templates templates) {
        this.templates = templates;
    }

    /**
     * @param template a name under {@code templates/}, e.g. {@code sql/crud.vm}
     * @throws TemplateException when the template fails, or renders a malformed marker or an empty step
     */
    List<SqlStep> render(String template, Map<String, ?> values) {
        String text = templates.render(template, values);
        List<SqlStep> steps = new ArrayList<>();
        Draft draft = null;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.startsWith(STEP)) {
                if (draft != null) {
                    steps.add(draft.finish(template));
                }
                draft = new Draft(template, lineNumber, line.substring(STEP.length()).strip());
            } else if (draft == null) {
                if (!line.isBlank() && !line.startsWith("--")) {
                    throw new TemplateException(template, 0, "rendered line " + lineNumber + ": SQL before the first --@step marker: " + line, null);
                }
            } else if (line.startsWith(BECAUSE)) {
                draft.because = line.substring(BECAUSE.length()).strip();
            } else if (line.startsWith(RESULT)) {
                draft.result = line.substring(RESULT.length());
            } else {
                draft.sql.append(line).append('\n');
            }
        }
        if (draft != null) {
            steps.add(draft.finish(template));
        }
        return steps;
    }

    private static final class Draft {
        private final int line;
        private final String[] outcome;
        private final StringBuilder sql = new StringBuilder();
        private String because;
        private String result;

        Draft(String template, int line, String marker) {
            this.line = line;
            this.outcome = marker.split("\\s+");
            if (outcome.length == 0 || outcome[0].isEmpty()) {
                throw new TemplateException(template, 0, "rendered line " + line + ": --@step without an outcome", null);
            }
        }

        SqlStep finish(String template) {
            String statement = sql.toString().strip();
            if (statement.isEmpty()) {
                throw new TemplateException(template, 0, "rendered line " + line + ": --@step " + String.join(" ", outcome) + " has no SQL", null);
            }
            Expectation expectation = switch (outcome[0]) {
                case "SUCCEEDS" -> new Expectation(Expectation.Outcome.SUCCEEDS, null, null, null, because);
                case "ROW_COUNT" -> Expectation.rowCount(Long.parseLong(argument(template)), because);
                case "RESULT" -> Expectation.result(result, because);
                case "FAILS" -> Expectation.fails(argument(template), because);
                default -> throw new TemplateException(template, 0, "rendered line " + line + ": unknown outcome " + outcome[0], null);
            };
            return new SqlStep(statement, expectation);
        }

        private String argument(String template) {
            if (outcome.length < 2) {
                throw new TemplateException(template, 0, "rendered line " + line + ": " + outcome[0] + " needs an argument", null);
            }
            return outcome[1];
        }
    }
}
