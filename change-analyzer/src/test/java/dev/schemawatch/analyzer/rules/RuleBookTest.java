package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.rules.Scenarios.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {

    private final RuleBook rules = new RuleBook(Map.of(), Thresholds.DEFAULT);

    @Test
    void rulesListTheCatalogueWithOverriddenSeverities() {
        RuleBook configured = new RuleBook(Map.of("SW502", Severity.HIGH, "SW103", Severity.MEDIUM), Thresholds.DEFAULT);

        assertThat(configured.rules()).extracting(RuleDefinition::code)
                .containsExactlyElementsOf(RuleCatalogue.all().stream().map(RuleDefinition::code).toList());
        assertThat(configured.rules()).filteredOn(r -> r.code().equals("SW502")).singleElement()
                .satisfies(r -> assertThat(r.defaultSeverity()).isEqualTo(Severity.HIGH));
        assertThat(configured.rules()).filteredOn(r -> r.code().equals("SW101")).singleElement()
                .satisfies(r -> assertThat(r.defaultSeverity()).isEqualTo(Severity.BREAKING));
    }

    @Test
    void findingsCarryTheOverriddenSeverity() {
        RuleBook configured = new RuleBook(Map.of("SW103", Severity.LOW), Thresholds.DEFAULT);
        SchemaChangeEvent drop = Scenarios.dropColumn(orders(10).build(), "email", "ALTER TABLE orders DROP COLUMN email");

        assertThat(configured.judge(drop, new FakeContext()).findings()).filteredOn(f -> f.code().equals("SW103"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void anOverrideForAnUnknownCodeIsRejectedNamingTheCode() {
        assertThatThrownBy(() -> new RuleBook(Map.of("SW999", Severity.LOW), Thresholds.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SW999");
    }

    @Test
    void catalogueCodesAreUniqueAndNumberedByCategory() {
        assertThat(RuleCatalogue.all()).extracting(RuleDefinition::code).doesNotHaveDuplicates();
        assertThat(RuleCatalogue.all()).allSatisfy(rule -> {
            char family = switch (rule.category()) {
                case DESTRUCTIVE -> '1';
                case BACKWARD_INCOMPATIBLE -> '2';
                case DATA_DEPENDENT -> '3';
                case LOCKING -> '4';
                case HYGIENE -> '5';
                case COMPLETENESS -> '9';
            };
            assertThat(rule.code()).matches("SW\\d{3}").startsWith("SW" + family);
            assertThat(rule.rationale()).isNotBlank();
            assertThat(rule.fix()).isNotBlank();
        });
    }

    @Test
    void findingsAreRankedBySeverityThenByChange() {
        RelationDefinition before = orders(12_000).build();
        RelationDefinition after = Tables.from(before).withoutColumn("email")
                .column(column(3, "amount", "integer").notNull().defaultValue("0")).build();
        SchemaChangeEvent event = Events.event("ALTER TABLE",
                        "ALTER TABLE orders ALTER COLUMN amount SET DEFAULT 0, DROP COLUMN email, ALTER COLUMN amount SET NOT NULL")
                .before(before).after(after)
                .change(Events.columnRemoved(before, after, "email"),
                        Events.change(ChangeType.COLUMN_MODIFIED, "public", "orders", "amount",
                                null, List.of(ChangeAspect.NULLABILITY, ChangeAspect.DEFAULT),
                                Events.map(before.columns().get(2)), Events.map(after.columns().get(1)), "amount"))
                .build();

        List<Finding> findings = rules.judge(event, new FakeContext()).findings();

        assertThat(findings).extracting(Finding::severity).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(findings.get(0).code()).isEqualTo("SW103");
        assertThat(findings).extracting(Finding::changeIndex).contains(0, 1);
    }

    @Test
    void messagesNameTheObjectsAndTheirSizes() {
        SchemaChangeEvent retype = Scenarios.alterColumn(orders(1_234_567).bytes(5_368_709_120L).build(),
                column(3, "amount", "bigint").build(), "ALTER TABLE orders ALTER COLUMN amount TYPE bigint", ChangeAspect.TYPE);

        Finding rewrite = only(rules.judge(retype, new FakeContext()).findings(), "SW402");

        assertThat(rewrite.subject()).isEqualTo("public.orders.amount");
        assertThat(rewrite.message()).contains("public.orders.amount", "integer", "bigint", "~1,234,567 rows", "5.0 GB");
        assertThat(rewrite.fix()).contains("ALTER TABLE \"public\".\"orders\" ADD COLUMN \"amount_new\" bigint");
    }

    @Test
    void everyNameInAFixIsQuoted() {
        String hostile = "x\"; drop table t; --";
        RelationDefinition table = Tables.table("public", hostile).column(column(1, "id", "bigint").notNull())
                .column(column(2, hostile, "text")).rows(50).build();
        SchemaChangeEvent drop = Scenarios.dropColumn(table, hostile, "ALTER TABLE \"x\"\"; drop table t; --\" DROP COLUMN ...");

        Finding dropped = only(rules.judge(drop, new FakeContext()).findings(), "SW103");

        assertThat(dropped.fix()).contains("ALTER TABLE \"public\".\"x\"\"; drop table t; --\" DROP COLUMN \"x\"\"; drop table t; --\"");
    }

    @Test
    void theChangesMapsAloneJudgeLikeTheEventsDefinitions() {
        SchemaChangeEvent full = Scenarios.alterColumn(orders(12_000).build(),
                column(2, "email", "character varying(10)").build(),
                "ALTER TABLE orders ALTER COLUMN email TYPE varchar(10)", ChangeAspect.TYPE);

        List<String> withDefinitions = codes(rules.judge(full, new FakeContext()).findings());
        List<String> withMapsOnly = codes(rules.judge(Events.mapsOnly(full), new FakeContext().size("public.orders", 12_000, 1_200_000))
                .findings());

        assertThat(withDefinitions).contains("SW206", "SW402");
        assertThat(withMapsOnly).containsExactlyElementsOf(withDefinitions);
    }

    @Test
    void anEventWithoutDefinitionsIsJudgedOnWhatItsChangesSay() {
        SchemaChangeEvent drop = Events.truncated(Scenarios.dropColumn(orders(12_000).build(), "email",
                "ALTER TABLE orders DROP COLUMN email"));

        List<Finding> findings = rules.judge(drop, new FakeContext()).findings();

        assertThat(codes(findings)).containsExactly("SW103", "SW902");
    }

    @Test
    void theLiveDatabaseIsAskedOnlyWhatTheRulesNeed() {
        FakeContext context = new FakeContext();
        SchemaChangeEvent add = Scenarios.addColumn(orders(12_000).build(), column(5, "note", "text").build(),
                "ALTER TABLE orders ADD COLUMN note text");

        rules.judge(add, context);

        assertThat(context.blastRadiusCalls).isZero();
        assertThat(context.checkedConstraints).isEmpty();
        assertThat(context.sizeCalls).isEqualTo(1);
    }

    @Test
    void aConstraintCheckIsAskedAboutTheConstraintAdded() {
        FakeContext context = new FakeContext();
        SchemaChangeEvent setNotNull = Scenarios.alterColumn(orders(12_000).build(), column(2, "email", "character varying(40)")
                .notNull().build(), "ALTER TABLE orders ALTER COLUMN email SET NOT NULL", ChangeAspect.NULLABILITY);

        Finding check = only(rules.judge(setNotNull, context).findings(), "SW301");

        assertThat(context.checkedConstraints).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ConstraintType.NOT_NULL);
            assertThat(c.columns()).containsExactly("email");
        });
        assertThat(check.dataCheck()).isNotNull();
        assertThat(check.message()).contains("~12,000 rows", "satisfy");
    }

    @Test
    void rowsThatViolateANewConstraintAreCountedAndShownHowToFind() {
        SchemaChangeEvent fk = Scenarios.addConstraint(orders(12_000).build(), Tables.notValid(Tables.foreignKey("orders_customer_fk",
                        List.of("customer_id"), "public", "customers", List.of("id"))),
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID");

        List<Finding> findings = rules.judge(fk, new FakeContext().violated(1_500)).findings();

        Finding violated = only(findings, "SW305");
        assertThat(codes(findings)).doesNotContain("SW304", "SW404");
        assertThat(violated.severity()).isEqualTo(Severity.HIGH);
        assertThat(violated.message()).contains("1,500 of ~12,000 rows");
        assertThat(violated.fix()).contains("SELECT c.* FROM \"public\".\"orders\" c WHERE NOT EXISTS (SELECT 1 FROM "
                + "\"public\".\"customers\" p WHERE p.\"id\" = c.\"customer_id\") AND c.\"customer_id\" IS NOT NULL",
                "VALIDATE CONSTRAINT \"orders_customer_fk\"");
    }

    @Test
    void aSpecificLockingRuleKeepsTheGeneralOneQuiet() {
        SchemaChangeEvent retype = Scenarios.alterColumn(orders(Scenarios.LARGE).build(), column(3, "amount", "bigint").build(),
                "ALTER TABLE orders ALTER COLUMN amount TYPE bigint", ChangeAspect.TYPE);

        assertThat(codes(rules.judge(retype, new FakeContext()).findings())).contains("SW402").doesNotContain("SW401");
    }

    @Test
    void largeIsWhatTheContextsThresholdsSay() {
        RelationDefinition table = orders(12_000).build();
        RelationDefinition renamed = Tables.from(table).renamed("public", "purchases").build();
        SchemaChangeEvent rename = Events.event("ALTER TABLE", "ALTER TABLE orders RENAME TO purchases").before(table)
                .after(renamed).change(Events.renamed(table, renamed)).build();

        assertThat(codes(rules.judge(rename, new FakeContext()).findings())).doesNotContain("SW401");
        assertThat(codes(rules.judge(rename, new FakeContext().thresholds(new Thresholds(10_000, Long.MAX_VALUE))).findings()))
                .contains("SW401");
    }

    private static Finding only(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).reduce((a, b) -> {
            throw new AssertionError("more than one " + code + ": " + findings);
        }).orElseThrow(() -> new AssertionError("no " + code + " in " + findings));
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }
}
