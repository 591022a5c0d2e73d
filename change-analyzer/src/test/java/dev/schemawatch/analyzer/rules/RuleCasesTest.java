package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule table: for every rule, events it must fire on and closely related events it must not
 * fire on. The coverage test keeps the table complete as the catalogue grows.
 */
class RuleCasesTest {

    private final RuleBook rules = new RuleBook(Map.of(), Thresholds.DEFAULT);

    static Stream<RuleCase> cases() {
        return Stream.of(DestructiveCases.cases(), CompatibilityCases.cases(), DataCases.cases(), LockingCases.cases(),
                HygieneCases.cases(), CompletenessCases.cases()).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFiresExactlyWhenItShould(RuleCase ruleCase) {
        List<Finding> findings = rules.judge(ruleCase.event(), ruleCase.context()).findings();

        List<String> codes = findings.stream().map(Finding::code).toList();
        if (ruleCase.fires()) {
            assertThat(codes).as("findings %s", findings).contains(ruleCase.code());
            assertThat(findings).filteredOn(f -> f.code().equals(ruleCase.code())).allSatisfy(finding -> {
                assertThat(finding.message()).isNotBlank();
                assertThat(finding.fix()).isNotBlank();
                assertThat(finding.subject()).isNotBlank();
            });
        } else {
            assertThat(codes).as("findings %s", findings).doesNotContain(ruleCase.code());
        }
    }

    @Test
    void everyRuleOfTheCatalogueHasATriggeringAndANonTriggeringCase() {
        Set<String> catalogue = RuleCatalogue.all().stream().map(RuleDefinition::code).collect(Collectors.toCollection(TreeSet::new));
        Set<String> firing = cases().filter(RuleCase::fires).map(RuleCase::code).collect(Collectors.toSet());
        Set<String> silent = cases().filter(c -> !c.fires()).map(RuleCase::code).collect(Collectors.toSet());

        assertThat(catalogue).as("rules without a case where they fire").allMatch(firing::contains);
        assertThat(catalogue).as("rules without a case where they stay silent").allMatch(silent::contains);
        assertThat(firing).as("cases for codes the catalogue lacks").allMatch(catalogue::contains);
        assertThat(silent).as("cases for codes the catalogue lacks").allMatch(catalogue::contains);
    }
}
