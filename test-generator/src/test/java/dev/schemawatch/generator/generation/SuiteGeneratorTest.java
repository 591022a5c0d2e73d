package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.contracts.templates.TemplateException;
import dev.schemawatch.generator.templates.GeneratorTemplates;
import dev.schemawatch.testsupport.LiveDefinitions;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.schemawatch.generator.generation.SuiteGeneratorLiveTest.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile identifiers, determinism, suites for impact reports, and template errors. */
class SuiteGeneratorTest {

    static String shop;
    static List<RelationDefinition> tables;

    @BeforeAll
    static void createShop() throws Exception {
        shop = SuiteGeneratorLiveTest.shop(Map.of());
        try (Connection connection = PostgresCluster.get().connect(shop)) {
            tables = LiveDefinitions.relations(connection, "shop");
        }
    }

    @Test
    void hostileIdentifiersYieldCorrectHarmlessSqlInEveryCategory() throws Exception {
        String database = PostgresCluster.get().createDatabase("generator_hostile");
        PostgresCluster.get().execute(database, """
                CREATE TABLE public.t (id int);
                INSERT INTO public.t VALUES (1), (2), (3);
                CREATE SCHEMA "we""ird sch; ema";
                CREATE TABLE "we""ird sch; ema"."parent ""p""; --" (
                    "select" integer PRIMARY KEY,
                    "ünïcödé näme" varchar(10) NOT NULL UNIQUE CHECK ("ünïcödé näme" IN ('a''b', 'c\\d', '--', '; drop', '"q"', 'ä', 'e', 'f'))
                );
                CREATE TABLE "we""ird sch; ema"."x""; drop table t; --" (
                    "x""; drop table t; --" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    "a column with spaces" varchar(5) NOT NULL,
                    "it's ""quoted""\" numeric(4, 1) CHECK ("it's ""quoted""\" >= 0),
                    "order" integer NOT NULL REFERENCES "we""ird sch; ema"."parent ""p""; --" ("select") ON DELETE CASCADE,
                    "from" jsonb,
                    "user" text[] NOT NULL,
                    U&"note\\000A--@step SUCCEEDS\\000ASELECT 'injected' --" text DEFAULT E'line\\n--@step SUCCEEDS'
                );
                CREATE VIEW "we""ird sch; ema"."v; drop table t" AS SELECT * FROM "we""ird sch; ema"."x""; drop table t; --";
                CREATE VIEW "we""ird sch; ema".U&"w\\000A--@step SUCCEEDS\\000ASELECT 2" AS SELECT 1 AS one;
                """);
        List<RelationDefinition> hostile;
        try (Connection connection = PostgresCluster.get().connect(database)) {
            hostile = LiveDefinitions.relations(connection, "we\"ird sch; ema");
        }
        TestSuite suite = GENERATOR.forTables(database, hostile, 7);

        Map<TestCase, CaseOutcome> outcomes = SuiteRuns.run(database, suite);

        assertThat(SuiteRuns.describe(outcomes, CaseOutcome.Status.FAILED) + SuiteRuns.describe(outcomes, CaseOutcome.Status.ERRORED)
                + SuiteRuns.describe(outcomes, CaseOutcome.Status.SKIPPED)).isEmpty();
        assertThat(suite.casesByCategory()).containsKeys(CaseCategory.SCHEMA_CONTRACT, CaseCategory.CRUD_ROUND_TRIP,
                CaseCategory.NOT_NULL_ENFORCEMENT, CaseCategory.UNIQUE_ENFORCEMENT, CaseCategory.CHECK_ENFORCEMENT,
                CaseCategory.FOREIGN_KEY_ENFORCEMENT, CaseCategory.BOUNDARY_VALUES, CaseCategory.REFERENTIAL_INTEGRITY,
                CaseCategory.DEPENDENT_VIEW);
        try (Connection connection = PostgresCluster.get().connect(database);
             Statement statement = connection.createStatement();
             ResultSet canary = statement.executeQuery("SELECT count(*) FROM public.t")) {
            canary.next();
            assertThat(canary.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void theSameSeedYieldsTheSameSuiteAndAnotherSeedOtherData() {
        TestSuite first = GENERATOR.forTables(shop, tables, 1);
        TestSuite again = new SuiteGenerator(GeneratorTemplates.create(null), Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC))
                .forTables(shop, tables, 1);
        TestSuite other = GENERATOR.forTables(shop, tables, 2);

        assertThat(again).isEqualTo(first);
        assertThat(other.suiteId()).isNotEqualTo(first.suiteId());
        assertThat(sql(other.cases())).isNotEqualTo(sql(first.cases()));
        assertThat(other.casesByCategory()).isEqualTo(first.casesByCategory());
    }

    @Test
    void aColumnChangeYieldsContractCrudAndBoundariesOfThatColumn() {
        RelationDefinition customers = table("customers");
        ImpactReport report = report(customers, customers, true,
                new AtomicChange(ChangeType.COLUMN_ADDED, "shop", "customers", "phone", null, List.of(), null, null, "column phone added"),
                QueryReplay.unavailable("pg_stat_statements is not installed"));

        TestSuite suite = GENERATOR.forReport(report, 3);

        assertThat(suite.reportId()).isEqualTo("report-1");
        assertThat(suite.casesByCategory()).containsOnlyKeys(CaseCategory.SCHEMA_CONTRACT, CaseCategory.CRUD_ROUND_TRIP,
                CaseCategory.BOUNDARY_VALUES, CaseCategory.QUERY_REPLAY);
        assertThat(suite.cases()).filteredOn(testCase -> testCase.category() == CaseCategory.BOUNDARY_VALUES)
                .extracting(TestCase::name).containsExactly("shop.customers.phone character varying(40) at and beyond its limits");
        assertThat(suite.cases()).filteredOn(testCase -> testCase.category() == CaseCategory.QUERY_REPLAY)
                .extracting(TestCase::skipReason).containsExactly("no recorded queries: pg_stat_statements is not installed");
    }

    @Test
    void aRenameBreakingOldWritersAndQueriesYieldsCasesThatFailAndSayWhy() throws Exception {
        RelationDefinition customers = table("customers");
        // Before the (pretend) rename, "phone" was called "telephone": the old shapes no longer work.
        RelationDefinition before = withColumns(customers, customers.columns().stream()
                .map(column -> column.name().equals("phone") ? renamed(column, "telephone") : column).toList());
        QueryReplay queries = new QueryReplay(true, null, 3, List.of(
                new QueryReplay.BrokenQuery("q1", "SELECT telephone FROM shop.customers WHERE id = $1", 10, "42703", "column does not exist"),
                new QueryReplay.BrokenQuery("q2", "SELECT 1; DROP TABLE shop.customers", 1, "42601", "two statements")));
        ImpactReport report = report(customers, before, false,
                new AtomicChange(ChangeType.COLUMN_RENAMED, "shop", "customers", "phone", "telephone", List.of(), null, null, "column telephone renamed to phone"),
                queries);

        TestSuite suite = GENERATOR.forReport(report, 3);
        Map<TestCase, CaseOutcome> outcomes = SuiteRuns.run(shop, suite);

        assertThat(outcomes).hasEntrySatisfying(only(suite, CaseCategory.BACKWARD_COMPATIBILITY), outcome -> {
            assertThat(outcome.status()).isEqualTo(CaseOutcome.Status.FAILED);
            assertThat(outcome.sqlState()).isEqualTo("42703");
            assertThat(outcome.message()).contains("broke old writers", "not backward compatible");
        });
        assertThat(suite.cases()).filteredOn(testCase -> testCase.category() == CaseCategory.QUERY_REPLAY).hasSize(2);
        assertThat(outcomes).allSatisfy((testCase, outcome) -> {
            if (testCase.category() == CaseCategory.QUERY_REPLAY && testCase.name().contains("q1")) {
                assertThat(outcome.status()).isEqualTo(CaseOutcome.Status.FAILED);
                assertThat(outcome.message()).contains("no longer prepares");
            }
            if (testCase.name().contains("q2")) {
                assertThat(outcome.status()).isEqualTo(CaseOutcome.Status.SKIPPED);
            }
            if (testCase.category() != CaseCategory.BACKWARD_COMPATIBILITY && testCase.category() != CaseCategory.QUERY_REPLAY) {
                assertThat(outcome.status()).as(testCase.name()).isEqualTo(CaseOutcome.Status.PASSED);
            }
        });
    }

    @Test
    void aChangeWithoutATemplateStillYieldsContractCasesANoteAndASkippedCase() throws Exception {
        RelationDefinition orders = table("orders");
        ImpactReport report = report(orders, orders, true,
                new AtomicChange(ChangeType.POLICY_ADDED, "shop", "orders", "tenant_isolation", null, List.of(), null, null, "policy added"),
                new QueryReplay(true, null, 0, List.of()));

        TestSuite suite = GENERATOR.forReport(report, 3);

        assertThat(suite.notes()).contains("no specific template for POLICY_ADDED: contract cases only");
        assertThat(suite.cases()).extracting(TestCase::category)
                .containsExactlyInAnyOrder(CaseCategory.SCHEMA_CONTRACT, CaseCategory.SCHEMA_CONTRACT, CaseCategory.DEPENDENT_VIEW);
        assertThat(suite.tables()).containsExactly("shop.orders");
        assertThat(suite.cases()).filteredOn(testCase -> testCase.skipReason() != null).singleElement()
                .satisfies(testCase -> assertThat(testCase.skipReason()).isEqualTo("no specific template for POLICY_ADDED: contract cases only"));
        assertThat(SuiteRuns.run(shop, suite).values()).extracting(CaseOutcome::status)
                .containsExactlyInAnyOrder(CaseOutcome.Status.PASSED, CaseOutcome.Status.SKIPPED, CaseOutcome.Status.PASSED);
    }

    @Test
    void aBrokenOverrideTemplateFailsWithItsNameAndLine(@TempDir Path overrides) throws Exception {
        Path template = overrides.resolve("templates/sql/crud.vm");
        Files.createDirectories(template.getParent());
        Files.writeString(template, "--@step SUCCEEDS\nSELECT 1\n$noSuchValue.name()\n");
        SuiteGenerator generator = new SuiteGenerator(GeneratorTemplates.create(overrides), Clock.systemUTC());

        assertThatThrownBy(() -> generator.forTables(shop, tables, 1))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.template()).isEqualTo("sql/crud.vm");
                    assertThat(e.line()).isEqualTo(3);
                });
    }

    private static RelationDefinition table(String name) {
        return tables.stream().filter(table -> table.name().equals(name)).findFirst().orElseThrow();
    }

    private static ImpactReport report(RelationDefinition after, RelationDefinition before, boolean compatible, AtomicChange change, QueryReplay queries) {
        SchemaChangeEvent event = new SchemaChangeEvent("event-1", shop, "shop", after.name(), "table", "ALTER TABLE", "ALTER TABLE ...",
                SchemaChangeEvent.Origin.EVENT_TRIGGER, List.of(change), List.of(before), List.of(after),
                List.of(), null, null, Instant.EPOCH, false, 0);
        BlastRadius blast = new BlastRadius(List.of(), List.of(), List.of(),
                after.dependentViews().stream().map(view -> new BlastRadius.Dependent("VIEW", view)).toList(), queries, 0);
        return new ImpactReport("report-1", event, compatible ? Severity.LOW : Severity.BREAKING, compatible, List.of(), blast, null,
                List.of(), false, List.of(), false, List.of(), List.of(), Instant.EPOCH);
    }

    private static TestCase only(TestSuite suite, CaseCategory category) {
        return suite.cases().stream().filter(testCase -> testCase.category() == category).reduce((a, b) -> {
            throw new AssertionError("more than one " + category);
        }).orElseThrow();
    }

    private static List<String> sql(List<TestCase> cases) {
        return cases.stream().flatMap(testCase -> testCase.steps().stream()).map(SqlStep::sql).toList();
    }

    private static ColumnDefinition renamed(ColumnDefinition column, String name) {
        return new ColumnDefinition(column.attnum(), name, column.type(), column.notNull(), column.defaultValue(), column.identity(),
                column.generated(), column.collation(), column.comment());
    }

    private static RelationDefinition withColumns(RelationDefinition table, List<ColumnDefinition> columns) {
        return new RelationDefinition(table.oid(), table.schema(), table.name(), table.kind(), table.owner(), table.comment(), table.unlogged(),
                table.rowSecurity(), table.forceRowSecurity(), table.rowEstimate(), table.sizeBytes(), table.partitionKey(), table.partitionOf(),
                table.partitionBound(), table.partitions(), table.viewDefinition(), table.sequence(), table.privileges(), columns,
                table.constraints(), table.indexes(), table.policies(), table.triggers(), table.dependentViews());
    }
}
