package dev.schemawatch.analyzer.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/rules.md describes exactly the catalogue: every rule with its title, category, severity, rationale and fix. */
class RulesDocumentationTest {

    /** Surefire runs in the module's directory; the docs are beside the modules. */
    private static final Path RULES_DOC = Path.of("../docs/rules.md");

    @Test
    void everyRuleIsInTheTableAndHasItsSection() throws IOException {
        String doc = Files.readString(RULES_DOC);

        assertThat(RuleCatalogue.all()).allSatisfy(rule -> {
            assertThat(doc).as("table row of %s", rule.code()).contains("| [" + rule.code() + "](#"
                    + rule.code().toLowerCase() + ") | " + rule.title() + " | " + rule.category() + " | "
                    + rule.defaultSeverity() + " |");
            assertThat(doc).as("section of %s", rule.code()).contains("### " + rule.code() + "\n\n**" + rule.title() + "** · "
                    + rule.category() + " · default " + rule.defaultSeverity());
            assertThat(doc).as("rationale of %s", rule.code()).contains("*Why it matters.* " + rule.rationale());
            assertThat(doc).as("fix of %s", rule.code()).contains("*Fix.* " + rule.fix());
        });
    }

    @Test
    void theDocumentationNamesNoRuleTheCatalogueLacks() throws IOException {
        Matcher codes = Pattern.compile("SW\\d{3}").matcher(Files.readString(RULES_DOC));
        Set<String> documented = new TreeSet<>();
        while (codes.find()) {
            documented.add(codes.group());
        }

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                RuleCatalogue.all().stream().map(RuleDefinition::code).collect(Collectors.toSet()));
    }
}
