package dev.schemawatch.generator.export;

import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.templates.GeneratorTemplates;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The JUnit export compiles on its own (JUnit and JDBC only) and, run by the JUnit Platform against
 * the database, passes where the suite holds and fails where it does not.
 */
class JunitExportTest {

    private static final String PACKAGE = "schemawatch.generated.test";
    private static final SuiteExports EXPORTS = new SuiteExports(GeneratorTemplates.create(null));

    private static String database;

    @TempDir
    Path workDirectory;

    @BeforeAll
    static void createDatabase() {
        database = ExportFixtures.createDatabase("junit_export");
    }

    @Test
    void theExportOfAPassingSuiteCompilesAndPasses() throws Exception {
        TestSuite suite = ExportFixtures.passingSuite();
        String qualifiedName = PACKAGE + "." + SuiteExports.className(suite);
        String source = EXPORTS.junit(suite, PACKAGE, SuiteExports.className(suite));
        assertThat(source.lines().filter(line -> line.startsWith("import ")))
                .as("self-contained: JDBC and JUnit only").allMatch(line -> line.matches("import (static )?(java\\.sql|org\\.junit)\\..*"));

        TestExecutionSummary summary = run(compile(source, qualifiedName), qualifiedName);

        long skipped = ExportFixtures.skippedCases(suite);
        assertThat(summary.getTestsFailedCount()).as(failures(summary)).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(suite.cases().size() - skipped);
        assertThat(summary.getTestsSkippedCount()).isEqualTo(skipped);
        ExportFixtures.assertNothingChanged(database);
    }

    @Test
    void aWrongExpectationFailsItsTest() throws Exception {
        TestSuite suite = ExportFixtures.suiteWithOneWrongExpectation();

        // In the unnamed package, which the template also supports.
        TestExecutionSummary summary = run(compile(EXPORTS.junit(suite, "", "WrongExpectationTest"), "WrongExpectationTest"), "WrongExpectationTest");

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getException()).hasMessageContaining("the duplicate was wrongly expected to stay"));
        assertThat(summary.getTestsSucceededCount()).isEqualTo(suite.cases().size() - ExportFixtures.skippedCases(suite) - 1);
        ExportFixtures.assertNothingChanged(database);
    }

    /** Compiles the source against the test classpath, every lint warning an error, into a directory of its own. */
    private Path compile(String source, String qualifiedName) throws IOException {
        Path sourceFile = workDirectory.resolve("src").resolve(qualifiedName.replace('.', '/') + ".java");
        Path classes = Files.createDirectories(workDirectory.resolve("classes"));
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source, StandardCharsets.UTF_8);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                    "-proc:none", "-encoding", "UTF-8", "-Xlint:all", "-Werror");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(sourceFile)).call();
            assertThat(compiled).as(() -> diagnostics.getDiagnostics() + "\n" + source).isTrue();
        }
        return classes;
    }

    /** Runs the class with the JUnit Platform, pointed at the test database through the documented system properties. */
    private static TestExecutionSummary run(Path classes, String qualifiedName) throws IOException, ClassNotFoundException {
        PostgresCluster cluster = PostgresCluster.get();
        Map<String, String> settings = Map.of(
                "schemawatch.test.url", cluster.jdbcUrl(database),
                "schemawatch.test.user", cluster.superuser(),
                "schemawatch.test.password", cluster.password());
        settings.forEach(System::setProperty);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, JunitExportTest.class.getClassLoader())) {
            Class<?> testClass = loader.loadClass(qualifiedName);
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request().selectors(selectClass(testClass)).build(), listener);
            return listener.getSummary();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    private static String failures(TestExecutionSummary summary) {
        StringWriter out = new StringWriter();
        summary.printFailuresTo(new PrintWriter(out), 20);
        return out.toString();
    }
}
