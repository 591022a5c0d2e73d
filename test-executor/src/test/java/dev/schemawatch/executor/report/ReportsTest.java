package dev.schemawatch.executor.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.result.TestRunResult.RunStatus;
import dev.schemawatch.contracts.result.TestRunResult.Totals;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome.Status;
import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    private static final String HOSTILE_NAME = "<script>alert('x')</script> & \"quoted\" ]]> \u0001bell";
    private static final String HOSTILE_TABLE = "public.\"x\"\"; drop table t; --\"";
    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    private static final TestSuite SUITE = new TestSuite("suite-1", "report-1", "change-1", "shop", List.of(HOSTILE_TABLE), 7L, List.of(
            new TestCase("passed", CaseCategory.CRUD_ROUND_TRIP, "orders round trip", "public.orders",
                    List.of(new SqlStep("SELECT 1", Expectation.succeeds())), null),
            new TestCase("failed", CaseCategory.NOT_NULL_ENFORCEMENT, HOSTILE_NAME, HOSTILE_TABLE,
                    List.of(new SqlStep("INSERT INTO \"x\"\"; drop table t; --\" (a) VALUES ('<b>')", Expectation.fails("23502", "a is required"))), null),
            new TestCase("errored", CaseCategory.QUERY_REPLAY, "replayed query prepares", "public.orders",
                    List.of(new SqlStep("SELEC 1", Expectation.succeeds())), null),
            new TestCase("skipped", CaseCategory.BOUNDARY_VALUES, "boundary values", "public.orders", List.of(), "no boundary for type money")),
            null, null, STARTED);

    private static final TestRunResult RUN = new TestRunResult("run-1", "suite-1", "change-1", "shop", List.of(HOSTILE_TABLE),
            RunStatus.COMPLETED, null, "MONITORED", new Totals(1, 1, 1, 1, 1), List.of(
                    new CaseResult("failed", HOSTILE_NAME, CaseCategory.NOT_NULL_ENFORCEMENT, HOSTILE_TABLE, Status.FAILED, false, 1, 0, null,
                            "a is required (expected SQLSTATE 23502, but the statement succeeded)", 1500),
                    new CaseResult("errored", "replayed query prepares", CaseCategory.QUERY_REPLAY, "public.orders", Status.ERRORED, true, 2, 0, "42601",
                            "ERROR: syntax error at or near \"SELEC\"", 800),
                    new CaseResult("skipped", "boundary values", CaseCategory.BOUNDARY_VALUES, "public.orders", Status.SKIPPED, false, 1, -1, null,
                            "no boundary for type money", 0),
                    new CaseResult("passed", "orders round trip", CaseCategory.CRUD_ROUND_TRIP, "public.orders", Status.PASSED, false, 1, -1, null, null, 300)),
            STARTED, STARTED.plusMillis(1234));

    @Test
    void junitXmlParsesWithTheRightCountsAndHostileNamesIntact() throws Exception {
        Element suite = parse(JUnitXmlReport.render(RUN)).getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("1.234");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element failed = (Element) cases.item(0);
        // The control character cannot be written in XML 1.0; everything else survives escaping.
        assertThat(failed.getAttribute("name")).isEqualTo(HOSTILE_NAME.replace('\u0001', '\uFFFD'));
        assertThat(failed.getAttribute("classname")).isEqualTo(HOSTILE_TABLE);
        assertThat(((Element) failed.getElementsByTagName("failure").item(0)).getAttribute("message")).startsWith("a is required");
        Element error = (Element) ((Element) cases.item(1)).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("SQLSTATE 42601");
        assertThat(error.getTextContent()).contains("SQLSTATE 42601").contains("syntax error");
        assertThat(((Element) cases.item(1)).getElementsByTagName("system-out").item(0).getTextContent()).contains("flaky");
        assertThat(((Element) ((Element) cases.item(2)).getElementsByTagName("skipped").item(0)).getAttribute("message")).isEqualTo("no boundary for type money");
        assertThat(((Element) cases.item(3)).getChildNodes().getLength()).isZero();
    }

    @Test
    void aRunThatDidNotCompleteIsOneErroredTestcaseInJunitXml() throws Exception {
        TestRunResult rejected = new TestRunResult("run-2", "suite-1", null, "shop", List.of(), RunStatus.REJECTED,
                "the suite has 6000 cases, more than the limit of 5000 per suite; no case was run", "SHADOW",
                new Totals(0, 0, 0, 0, 0), List.of(), STARTED, STARTED);

        Element suite = parse(JUnitXmlReport.render(rejected)).getDocumentElement();

        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getElementsByTagName("error").item(0).getTextContent()).contains("limit of 5000");
    }

    @Test
    void htmlShowsFailuresBeforePassesWithTheirSqlAndEscapesEverything() {
        String html = HtmlReport.render(RUN, SUITE);

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("http");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(html).contains("VALUES (&#39;&lt;b&gt;&#39;)").contains("x&quot;&quot;; drop table t; --");
        assertThat(html).contains("SQLSTATE 42601").contains("syntax error at or near &quot;SELEC&quot;").contains("flaky (2 attempts)");
        assertThat(html).contains("1 passed, 1 failed, 1 errored, 1 skipped, 1 flaky").contains("MONITORED").contains("1.234 s");
        int failure = html.indexOf("a is required (expected");
        int error = html.indexOf("replayed query prepares");
        int skipped = html.indexOf("no boundary for type money");
        int passed = html.indexOf("orders round trip");
        assertThat(failure).isPositive().isLessThan(error);
        assertThat(error).isLessThan(skipped);
        assertThat(skipped).isLessThan(passed);
    }

    @Test
    void htmlWithoutTheSuiteStillReportsEveryCase() {
        String html = HtmlReport.render(RUN, null);

        assertThat(html).contains("orders round trip").contains("replayed query prepares").doesNotContain("<pre>");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
