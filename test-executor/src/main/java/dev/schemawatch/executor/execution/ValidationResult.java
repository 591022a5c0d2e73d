package dev.schemawatch.executor.execution;

import java.util.List;

/**
 * What a dry run found: for every case, whether each of its steps parses and analyses against the
 * database's current schema.
 */
public record ValidationResult(String suiteId, List<CaseValidation> cases) {

    public ValidationResult {
        cases = List.copyOf(cases);
    }

    public boolean valid() {
        return cases.stream().allMatch(CaseValidation::valid);
    }

    /**
     * @param invalidStep index of the first step the server refused, else -1
     * @param sqlState    its SQLSTATE, e.g. 42601 (syntax error) or 42P01 (undefined table)
     * @param message     the server's message
     */
    public record CaseValidation(String caseId, String name, int invalidStep, String sqlState, String message) {

        public static CaseValidation ok(String caseId, String name) {
            return new CaseValidation(caseId, name, -1, null, null);
        }

        public boolean valid() {
            return invalidStep < 0;
        }
    }
}
