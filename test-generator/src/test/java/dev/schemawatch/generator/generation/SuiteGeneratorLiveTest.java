package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.CaseOutcome;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.templates.GeneratorTemplates;
import dev.schemawatch.testsupport.LiveDefinitions;
import dev.schemawatch.testsupport.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated suite on real PostgreSQL: every case passes on the schema it was generated from,
 * and the matching cases fail on a schema with a seeded defect.
 */
class SuiteGeneratorLiveTest {

    static final SuiteGenerator GENERATOR = new SuiteGenerator(GeneratorTemplates.create(null), Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    static final long SEED = 42;

    static String correctDatabase;
    static List<RelationDefinition> tables;
    static List<TypeDefinition> types;

    @BeforeAll
    static void createShop() throws Exception {
        correctDatabase = shop(Map.of());
        try (Connection connection = PostgresCluster.get().connect(correctDatabase)) {
            tables = LiveDefinitions.relations(connection, "shop");
            types = LiveDefinitions.types(connection, "shop");
        }
    }

    /** Creates the shop schema in a new database, with the given placeholders replaced (defaults: correct). */
    static String shop(Map<String, String> defects) throws IOException {
        Map<String, String> replacements = new java.util.HashMap<>(Map.of(
                "@EMAIL_UNIQUE@", "UNIQUE",
                "@FIRST_NAME_NOT_NULL@", "NOT NULL",
                "@LAST_NAME_LENGTH@", "40",
                "@PRODUCT_STATUS_DEFAULT@", "new",
                "@CHANNEL_CHECK@", "CHECK (channel IN ('web', 'store', 'phone'))"));
        replacements.putAll(defects);
        String sql;
        try (InputStream in = SuiteGeneratorLiveTest.class.getResourceAsStream("/generation/shop.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            sql = sql.replace(replacement.getKey(), replacement.getValue());
        }
        String database = PostgresCluster.get().createDatabase("generator_shop");
        PostgresCluster.get().execute(database, sql);
        return database;
    }

    @Test
    void everyCaseOfTheFullSuitePassesOnTheSchemaItWasGeneratedFrom() throws Exception {
        TestSuite suite = GENERATOR.forTables(correctDatabase, tables, types, SEED);

        Map<TestCase, CaseOutcome> outcomes = SuiteRuns.run(correctDatabase, suite);

        assertThat(suite.casesByCategory().keySet()).containsAll(Set.of(CaseCategory.SCHEMA_CONTRACT, CaseCategory.CRUD_ROUND_TRIP,
                CaseCategory.NOT_NULL_ENFORCEMENT, CaseCategory.UNIQUE_ENFORCEMENT, CaseCategory.CHECK_ENFORCEMENT,
                CaseCategory.FOREIGN_KEY_ENFORCEMENT, CaseCategory.BOUNDARY_VALUES, CaseCategory.REFERENTIAL_INTEGRITY,
                CaseCategory.DEPENDENT_VIEW));
        assertThat(suite.tables()).containsExactly("shop.customers", "shop.departments", "shop.employees", "shop.order_items",
                "shop.orders", "shop.products");
        assertThat(SuiteRuns.describe(outcomes, CaseOutcome.Status.FAILED) + SuiteRuns.describe(outcomes, CaseOutcome.Status.ERRORED)
                + SuiteRuns.describe(outcomes, CaseOutcome.Status.SKIPPED)).isEmpty();
        assertThat(outcomes.values()).allMatch(outcome -> outcome.status() == CaseOutcome.Status.PASSED);
        // The cycle departments <-> employees is entered through the nullable link, which an UPDATE then closes.
        assertThat(suite.cases()).filteredOn(testCase -> testCase.category() == CaseCategory.REFERENTIAL_INTEGRITY && testCase.name().startsWith("shop.departments.departments_manager_fk"))
                .singleElement().satisfies(testCase -> assertThat(testCase.steps()).anySatisfy(step ->
                        assertThat(step.sql()).startsWith("UPDATE \"shop\".\"departments\"\nSET \"manager_id\" = ")));
        System.out.printf("full suite: %d cases %s, all passed%n", suite.cases().size(), suite.casesByCategory());
    }

    @Test
    void theSuiteOfTheCorrectSchemaFailsExactlyWhereASeededDefectIs() throws Exception {
        String defective = shop(Map.of(
                "@EMAIL_UNIQUE@", "",
                "@FIRST_NAME_NOT_NULL@", "",
                "@LAST_NAME_LENGTH@", "20",
                "@PRODUCT_STATUS_DEFAULT@", "paid",
                "@CHANNEL_CHECK@", ""));
        TestSuite suite = GENERATOR.forTables(correctDatabase, tables, types, SEED);

        Map<TestCase, CaseOutcome> outcomes = SuiteRuns.run(defective, suite);

        Set<String> failed = new TreeSet<>();
        outcomes.forEach((testCase, outcome) -> {
            if (outcome.status() != CaseOutcome.Status.PASSED) {
                failed.add(outcome.status() + " " + testCase.category() + " " + testCase.name());
            }
        });
        assertThat(failed).containsExactlyInAnyOrder(
                // NOT NULL missing on customers.first_name
                "FAILED SCHEMA_CONTRACT shop.customers keeps its columns, types and key",
                "FAILED NOT_NULL_ENFORCEMENT shop.customers.first_name rejects NULL",
                // UNIQUE missing on customers.email
                "FAILED UNIQUE_ENFORCEMENT shop.customers.customers_email_key rejects a duplicate email",
                // varchar(20) instead of varchar(40)
                "FAILED SCHEMA_CONTRACT shop.employees keeps its columns, types and key",
                "FAILED BOUNDARY_VALUES shop.employees.last_name character varying(40) at and beyond its limits",
                // wrong default
                "FAILED SCHEMA_CONTRACT shop.products keeps its columns, types and key",
                // CHECK missing
                "FAILED CHECK_ENFORCEMENT shop.orders.orders_channel_check rejects a value it forbids");
    }
}
