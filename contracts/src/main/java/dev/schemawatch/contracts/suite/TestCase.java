package dev.schemawatch.contracts.suite;

import java.util.List;

/**
 * One self-contained, executable test: its steps run in order, in one transaction that the
 * executor always rolls back.
 *
 * @param caseId      deterministic: derived from the suite id, the category and the case's subject
 * @param category    what it checks
 * @param name        a short sentence a person can read, e.g. {@code orders.email rejects NULL}
 * @param targetTable {@code schema.table} the case is about
 * @param steps       ordered SQL steps, each with its expectation
 * @param skipReason  non-null when the case cannot run as generated (the executor reports it SKIPPED)
 */
public record TestCase(
        String caseId,
        CaseCategory category,
        String name,
        String targetTable,
        List<SqlStep> steps,
        String skipReason) {

    public TestCase {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
