package dev.schemawatch.contracts.impact;

/**
 * One rule that fired on one atomic change.
 *
 * @param code        stable rule code, e.g. {@code SW103}
 * @param title       the rule's title
 * @param category    the rule's family
 * @param severity    the severity after configuration overrides
 * @param changeIndex position of the atomic change in the schema-change event's {@code changes}
 * @param subject     the object judged, e.g. {@code public.orders.email}
 * @param message     what was found, in this case's words (sizes, names, counts)
 * @param fix         how to do it safely
 * @param dataCheck   for data-dependent rules: what the current rows say; otherwise null
 */
public record Finding(
        String code,
        String title,
        RuleCategory category,
        Severity severity,
        int changeIndex,
        String subject,
        String message,
        String fix,
        DataCheck dataCheck) {
}
