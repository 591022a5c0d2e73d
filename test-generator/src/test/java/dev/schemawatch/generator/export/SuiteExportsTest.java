package dev.schemawatch.generator.export;

import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.templates.GeneratorTemplates;
import org.junit.jupiter.api.Test;

import javax.lang.model.SourceVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names, formats and statement shapes, without a database. */
class SuiteExportsTest {

    private static final SuiteExports EXPORTS = new SuiteExports(GeneratorTemplates.create(null));

    @Test
    void aHostileDatabaseAndTableStillMakeAValidClassName() {
        TestSuite hostile = suite("1st \"db\"", List.of(ExportFixtures.HOSTILE + "." + ExportFixtures.HOSTILE));
        TestSuite nothingUsable = suite("ä€", List.of());

        assertThat(SuiteExports.className(hostile)).isEqualTo("Schemawatch1stDbXDropTableTXDropTableTRegressionTest");
        assertThat(SuiteExports.className(nothingUsable)).isEqualTo("SchemawatchRegressionTest");
        assertThat(SuiteExports.className(ExportFixtures.passingSuite())).matches(SourceVersion::isName);
    }

    @Test
    void namesTheCallerGivesMustBeValidJava() {
        TestSuite suite = ExportFixtures.passingSuite();

        assertThatThrownBy(() -> EXPORTS.junit(suite, "com.example", "class")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EXPORTS.junit(suite, "com.example", "a.B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EXPORTS.junit(suite, "com.example;", "OrdersTest")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachFormatHasItsFileNameAndContentType() {
        TestSuite suite = ExportFixtures.passingSuite();

        SuiteExport pgTap = EXPORTS.export(suite, ExportFormat.fromParameter("pgtap"));
        SuiteExport junit = EXPORTS.export(suite, ExportFormat.fromParameter("JUnit"));

        assertThat(pgTap.fileName()).isEqualTo("schemawatch-suite-export-1.sql");
        assertThat(pgTap.contentType()).isEqualTo("application/sql");
        assertThat(pgTap.content()).startsWith("-- pgTAP").contains("SELECT plan(");
        assertThat(junit.fileName()).isEqualTo(SuiteExports.className(suite) + ".java");
        assertThat(junit.contentType()).isEqualTo("text/x-java-source");
        assertThat(junit.content()).contains("package " + SuiteExports.DEFAULT_PACKAGE + ";", "class " + SuiteExports.className(suite) + " {");
        assertThatThrownBy(() -> ExportFormat.fromParameter("xml")).hasMessageContaining("pgtap, junit");
    }

    @Test
    void javaStringLiteralsEscapeWhatWouldEndThemEarly() {
        JavaTool java = new JavaTool();

        assertThat(java.string("a\"b\\c\nd\re\u2028f\u0000")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\u2028f\\u0000\"");
        // A backslash before "u" is doubled, so javac does not read a unicode escape into the literal.
        assertThat(java.string("\\u000a")).isEqualTo("\"\\\\u000a\"");
        assertThat(java.string(null)).isEqualTo("null");
    }

    @Test
    void statementShapesLookPastLiteralsCommentsAndSubqueries() {
        assertThat(StatementShape.of("SELECT 1").kind()).isEqualTo(StatementShape.Kind.QUERY);
        assertThat(StatementShape.of("  -- why\n/* a /* nested */ comment */ values (1)").kind()).isEqualTo(StatementShape.Kind.QUERY);
        assertThat(StatementShape.of("WITH x AS (DELETE FROM t RETURNING 1) SELECT * FROM x").kind()).isEqualTo(StatementShape.Kind.QUERY);
        assertThat(StatementShape.of("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").kind()).isEqualTo(StatementShape.Kind.MODIFYING);
        assertThat(StatementShape.of("INSERT INTO t VALUES ('returning', E'\\' returning', $q$ returning $q$, \"returning\")").kind())
                .isEqualTo(StatementShape.Kind.MODIFYING);
        assertThat(StatementShape.of("UPDATE t SET a = (SELECT 1 FROM u RETURNING x) WHERE b = $1").kind()).isEqualTo(StatementShape.Kind.MODIFYING);
        assertThat(StatementShape.of("delete from t returning *").kind()).isEqualTo(StatementShape.Kind.MODIFYING_RETURNING);
        assertThat(StatementShape.of("MERGE INTO t USING u ON true WHEN MATCHED THEN DELETE").kind()).isEqualTo(StatementShape.Kind.OTHER);
        assertThat(StatementShape.of("SELECT 1 ; -- done\n ;").body()).isEqualTo("SELECT 1");
    }

    private static TestSuite suite(String database, List<String> tables) {
        return new TestSuite("s", null, null, database, tables, 1, List.of(), Map.of(), List.of(), Instant.EPOCH);
    }
}
