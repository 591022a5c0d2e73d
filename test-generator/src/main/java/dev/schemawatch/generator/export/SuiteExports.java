package dev.schemawatch.generator.export;

import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.contracts.templates.Templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a suite as files a team can commit and run without schemawatch: a pgTAP script
 * ({@code templates/export/pgtap.vm}) and a JUnit 5 + JDBC class ({@code templates/export/junit.vm}).
 * Both keep the meaning of the contracts' {@code CaseRunner}: each case isolated and rolled back,
 * its steps in order, each seeing the earlier steps' effects, an expected failure not aborting the rest.
 */
public final class SuiteExports {

    /** Package of a JUnit export when the caller names none. */
    public static final String DEFAULT_PACKAGE = "schemawatch.generated";

    private static final String NO_TABLE = "(no table)";

    private final Templates templates;
    private final JavaTool java = new JavaTool();

    public SuiteExports(Templates templates) {
        this.templates = templates;
    }

    /** The suite in the given format, with the file name to offer it under. */
    public SuiteExport export(TestSuite suite, ExportFormat format) {
        return switch (format) {
            case PGTAP -> new SuiteExport(format, format.fileName("schemawatch-" + JavaNames.slug(suite.suiteId())), pgTap(suite));
            case JUNIT -> {
                String className = className(suite);
                yield new SuiteExport(format, format.fileName(className), junit(suite, DEFAULT_PACKAGE, className));
            }
        };
    }

    /** A pgTAP script: one transaction, rolled back at the end, with one TAP test per step. */
    public String pgTap(TestSuite suite) {
        List<PgTapCase> cases = suite.cases().stream().map(SuiteExports::pgTapCase).toList();
        int plan = cases.stream().mapToInt(PgTapCase::testCount).sum();
        return templates.render(ExportFormat.PGTAP.template(), Map.of("suite", suite, "cases", cases, "plan", plan));
    }

    /**
     * A JUnit 5 test class: a nested class per target table, a test per case.
     *
     * @param packageName a Java package name, or the empty string for none
     * @param className   a simple Java class name; the file must be saved as {@code className.java}
     * @throws IllegalArgumentException when a name is not valid Java
     */
    public String junit(TestSuite suite, String packageName, String className) {
        Map<String, Object> values = Map.of(
                "suite", suite,
                "packageName", JavaNames.requirePackageName(packageName),
                "className", JavaNames.requireClassName(className),
                "tables", junitTables(suite),
                "java", java);
        return templates.render(ExportFormat.JUNIT.template(), values);
    }

    /**
     * A class name made from the suite's database and first table, e.g. {@code ShopPublicOrdersRegressionTest};
     * only ASCII letters and digits survive, so any table name yields a valid identifier.
     */
    public static String className(TestSuite suite) {
        String subject = suite.database() + " " + (suite.tables().isEmpty() ? "" : suite.tables().get(0));
        String words = JavaNames.words(subject);
        // A class name cannot start with a digit, and "RegressionTest" alone says nothing about the suite.
        return (words.isEmpty() || Character.isDigit(words.charAt(0)) ? "Schemawatch" : "") + words + "RegressionTest";
    }

    private static PgTapCase pgTapCase(TestCase testCase) {
        String caseName = caseName(testCase);
        List<PgTapStep> steps = new ArrayList<>();
        for (int index = 0; index < testCase.steps().size(); index++) {
            SqlStep step = testCase.steps().get(index);
            String description = caseName + ", step " + (index + 1) + " of " + testCase.steps().size()
                    + (step.expect().because() == null ? "" : ": " + step.expect().because());
            steps.add(PgTapStep.of(step, description));
        }
        return new PgTapCase(caseName, testCase.skipReason(), steps);
    }

    private static List<JunitTable> junitTables(TestSuite suite) {
        Map<String, List<JunitCase>> casesByTable = new LinkedHashMap<>();
        List<TestCase> cases = suite.cases();
        for (int index = 0; index < cases.size(); index++) {
            TestCase testCase = cases.get(index);
            int order = index + 1;
            JunitCase junitCase = new JunitCase(order, JavaNames.identifier("case" + order, testCase.name()),
                    caseName(testCase), testCase.skipReason(), testCase.steps());
            String table = testCase.targetTable() == null ? NO_TABLE : testCase.targetTable();
            casesByTable.computeIfAbsent(table, key -> new ArrayList<>()).add(junitCase);
        }
        List<JunitTable> tables = new ArrayList<>();
        casesByTable.forEach((table, tableCases) ->
                tables.add(new JunitTable(JavaNames.identifier("Table" + (tables.size() + 1), table), table, tableCases)));
        return tables;
    }

    private static String caseName(TestCase testCase) {
        return testCase.name() == null || testCase.name().isBlank() ? testCase.caseId() : testCase.name();
    }
}
