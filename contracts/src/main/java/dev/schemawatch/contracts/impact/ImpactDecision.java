package dev.schemawatch.contracts.impact;

import java.time.Instant;

/**
 * Payload of {@code dev.schemawatch.impact.decision.v1} on {@code schemawatch.impact-decisions}: a
 * person approved or rejected a change whose report required approval.
 *
 * @param decisionId    equals the CloudEvents {@code ce_id}
 * @param reportId      the impact report decided on
 * @param changeEventId the schema-change event the report judged (the correlation id)
 * @param key           the report's key, {@code db.schema.table}
 * @param decision      APPROVED or REJECTED
 * @param decidedBy     who decided, as the caller identified themselves
 * @param comment       why, in their words; may be null
 * @param decidedAt     when
 */
public record ImpactDecision(
        String decisionId,
        String reportId,
        String changeEventId,
        String key,
        Decision decision,
        String decidedBy,
        String comment,
        Instant decidedAt) {

    public static final String TYPE = "dev.schemawatch.impact.decision.v1";

    public enum Decision {
        APPROVED,
        REJECTED
    }
}
