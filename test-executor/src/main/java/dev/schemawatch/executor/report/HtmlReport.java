package dev.schemawatch.executor.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.suite.CaseOutcome.Status;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;

/**
 * A run as one self-contained HTML page for a person: a summary, then the failed and errored cases
 * with their SQL steps (the failing one marked) and messages, then the skipped and passed ones in a
 * compact table. Inline CSS, no script and no external asset, so the page can be saved or mailed as
 * is. Every value from the suite or the database is escaped: names may be hostile.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1d1d1f}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #eee;vertical-align:top}
            .summary td:first-child{width:12em;color:#555}
            .badge{display:inline-block;padding:0 .5em;border-radius:.3em;font-weight:600;font-size:.85em;color:#fff}
            .PASSED{background:#2e7d32}.FAILED{background:#c62828}.ERRORED{background:#ef6c00}.SKIPPED{background:#757575}
            .COMPLETED{background:#2e7d32}.REJECTED{background:#757575}
            .case{border:1px solid #ddd;border-radius:.4em;padding:.6em 1em;margin:1em 0}
            .case h3{font-size:1em;margin:.2em 0}.meta{color:#555;font-size:.9em}
            .message{background:#fff4f4;border-left:3px solid #c62828;padding:.4em .8em;white-space:pre-wrap}
            ol.steps li{margin:.3em 0}pre{margin:0;white-space:pre-wrap;font:12px/1.4 ui-monospace,monospace;background:#f6f8fa;padding:.3em .5em}
            li.failing pre{background:#ffecec;outline:1px solid #c62828}
            """;

    private HtmlReport() {
    }

    /**
     * @param suite the suite that was run, for the SQL of each case; null when it is no longer at hand
     *              (the page then shows results without SQL)
     */
    public static String render(TestRunResult run, TestSuite suite) {
        Map<String, TestCase> casesById = suite == null ? Map.of()
                : suite.cases().stream().collect(Collectors.toMap(TestCase::caseId, Function.identity(), (first, second) -> first));
        StringBuilder html = new StringBuilder(4096 + run.cases().size() * 256);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>schemawatch run ").append(escape(run.runId())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        summary(html, run);

        List<CaseResult> problems = run.cases().stream().filter(c -> c.status() == Status.FAILED || c.status() == Status.ERRORED).toList();
        List<CaseResult> others = run.cases().stream().filter(c -> c.status() == Status.SKIPPED || c.status() == Status.PASSED)
                .sorted((a, b) -> Integer.compare(a.status() == Status.SKIPPED ? 0 : 1, b.status() == Status.SKIPPED ? 0 : 1))
                .toList();
        if (!problems.isEmpty()) {
            html.append("<h2>Failures and errors (").append(problems.size()).append(")</h2>\n");
            for (CaseResult result : problems) {
                problem(html, result, casesById.get(result.caseId()));
            }
        }
        if (!others.isEmpty()) {
            html.append("<h2>Skipped and passed (").append(others.size()).append(")</h2>\n<table><thead><tr>")
                    .append("<th>Status</th><th>Case</th><th>Table</th><th>Category</th><th>Duration</th><th>Note</th></tr></thead><tbody>\n");
            for (CaseResult result : others) {
                html.append("<tr><td>").append(badge(result.status().name())).append("</td><td>").append(escape(result.name()))
                        .append("</td><td>").append(escape(result.targetTable())).append("</td><td>").append(escape(category(result)))
                        .append("</td><td>").append(millis(result.durationMicros())).append("</td><td>")
                        .append(escape(note(result))).append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder html, TestRunResult run) {
        TestRunResult.Totals totals = run.totals();
        html.append("<h1>Test run ").append(badge(run.status().name())).append("</h1>\n<table class=\"summary\">");
        row(html, "Database", escape(run.database()) + " (" + escape(run.target()) + ")");
        row(html, "Tables", escape(String.join(", ", run.tables())));
        if (run.statusReason() != null) {
            row(html, "Reason", escape(run.statusReason()));
        }
        row(html, "Cases", totals.total() + " — " + totals.passed() + " passed, " + totals.failed() + " failed, "
                + totals.errored() + " errored, " + totals.skipped() + " skipped, " + totals.flaky() + " flaky");
        if (run.startedAt() != null && run.finishedAt() != null) {
            row(html, "Duration", String.format(Locale.ROOT, "%.3f s", Duration.between(run.startedAt(), run.finishedAt()).toNanos() / 1e9)
                    + " (started " + escape(run.startedAt().toString()) + ")");
        }
        row(html, "Run", escape(run.runId()));
        row(html, "Suite", escape(run.suiteId()));
        if (run.changeEventId() != null) {
            row(html, "Change event", escape(run.changeEventId()));
        }
        html.append("</table>\n");
    }

    private static void problem(StringBuilder html, CaseResult result, TestCase testCase) {
        html.append("<div class=\"case\"><h3>").append(badge(result.status().name())).append(' ').append(escape(result.name())).append("</h3>")
                .append("<div class=\"meta\">").append(escape(result.targetTable())).append(" · ").append(escape(category(result)))
                .append(" · ").append(millis(result.durationMicros()));
        if (result.sqlState() != null) {
            html.append(" · SQLSTATE ").append(escape(result.sqlState()));
        }
        if (result.flaky()) {
            html.append(" · flaky (").append(result.attempts()).append(" attempts)");
        }
        html.append("</div>");
        if (result.message() != null) {
            html.append("<p class=\"message\">").append(escape(result.message())).append("</p>");
        }
        if (testCase != null && !testCase.steps().isEmpty()) {
            html.append("<ol class=\"steps\">");
            for (int index = 0; index < testCase.steps().size(); index++) {
                SqlStep step = testCase.steps().get(index);
                html.append(index == result.failedStep() ? "<li class=\"failing\">" : "<li>")
                        .append("<pre>").append(escape(step.sql())).append("</pre>")
                        .append("<span class=\"meta\">expects ").append(escape(expectation(step))).append("</span></li>");
            }
            html.append("</ol>");
        }
        html.append("</div>\n");
    }

    private static String expectation(SqlStep step) {
        var expect = step.expect();
        String what = switch (expect.outcome()) {
            case SUCCEEDS -> "success";
            case ROW_COUNT -> expect.rowCount() + " row(s)";
            case RESULT -> "result " + (expect.result() == null ? "NULL" : "'" + expect.result() + "'");
            case FAILS -> "failure with SQLSTATE " + expect.sqlState();
        };
        return expect.because() == null ? what : what + " — " + expect.because();
    }

    private static String note(CaseResult result) {
        if (result.status() == Status.SKIPPED) {
            return result.message();
        }
        return result.flaky() ? "flaky: passed on attempt " + result.attempts() : "";
    }

    private static String category(CaseResult result) {
        return result.category() == null ? "" : result.category().name();
    }

    private static void row(StringBuilder html, String label, String escapedValue) {
        html.append("<tr><td>").append(label).append("</td><td>").append(escapedValue).append("</td></tr>");
    }

    private static String badge(String status) {
        return "<span class=\"badge " + escape(status) + "\">" + escape(status) + "</span>";
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
    }

    /** Escapes text for element content and double- or single-quoted attributes alike. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '\0' -> escaped.append('\uFFFD');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
