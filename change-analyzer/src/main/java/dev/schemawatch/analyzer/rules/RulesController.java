package dev.schemawatch.analyzer.rules;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The rule catalogue with the severities in force (defaults after configuration overrides). */
@RestController
public class RulesController {

    private final RuleBook rules;

    public RulesController(RuleBook rules) {
        this.rules = rules;
    }

    @GetMapping("/api/v1/rules")
    @Operation(summary = "Every rule: code, title, category, severity in force, rationale and fix")
    public List<RuleDefinition> rules() {
        return rules.rules();
    }
}
