package dev.schemawatch.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.ImpactDecision;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.LockRisk;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.notification.Notification;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.notification.NotificationOutcome;
import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.suite.Expectation;
import dev.schemawatch.contracts.suite.SqlStep;
import dev.schemawatch.contracts.suite.TestCase;
import dev.schemawatch.contracts.suite.TestSuite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The JSON Schemas of the event payloads: generated from the records, committed under
 * {@code contracts/src/main/resources/schemas}, and used by every service's tests to validate what
 * they really publish.
 */
public final class ContractSchemas {

    public static final String SCHEMA_CHANGE_EVENT = "schemas/schema-change-event.v1.json";
    public static final String IMPACT_REPORT = "schemas/impact-report.v1.json";
    public static final String IMPACT_DECISION = "schemas/impact-decision.v1.json";
    public static final String TEST_SUITE = "schemas/test-suite.v1.json";
    public static final String TEST_RESULT = "schemas/test-result.v1.json";
    public static final String NOTIFICATION = "schemas/notification.v1.json";
    public static final String NOTIFICATION_OUTCOME = "schemas/notification-outcome.v1.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Object-valued components that are never absent; primitives and lists are always written. */
    private static final Map<Class<?>, Set<String>> ALWAYS_PRESENT = Map.ofEntries(
            Map.entry(SchemaChangeEvent.class, Set.of("eventId", "database", "commandTag", "origin", "actor", "transaction", "occurredAt")),
            Map.entry(AtomicChange.class, Set.of("type", "summary")),
            Map.entry(RelationDefinition.class, Set.of("schema", "name", "kind")),
            Map.entry(ColumnDefinition.class, Set.of("name", "type")),
            Map.entry(TypeDefinition.class, Set.of("schema", "name", "kind")),
            Map.entry(ImpactReport.class, Set.of("reportId", "change", "severity", "blastRadius", "analyzedAt")),
            Map.entry(Finding.class, Set.of("code", "title", "category", "severity", "subject", "message", "fix")),
            Map.entry(BlastRadius.class, Set.of("queries")),
            Map.entry(DataCheck.class, Set.of("outcome", "detail")),
            Map.entry(LockRisk.class, Set.of("lockMode", "note")),
            Map.entry(BlastRadius.Dependent.class, Set.of("kind", "name")),
            Map.entry(QueryReplay.BrokenQuery.class, Set.of("query", "message")),
            Map.entry(ImpactDecision.class, Set.of("decisionId", "reportId", "changeEventId", "key", "decision", "decidedBy", "decidedAt")),
            Map.entry(TestSuite.class, Set.of("suiteId", "database", "casesByCategory", "generatedAt")),
            Map.entry(TestCase.class, Set.of("caseId", "category", "name", "targetTable")),
            Map.entry(SqlStep.class, Set.of("sql", "expect")),
            Map.entry(Expectation.class, Set.of("outcome")),
            Map.entry(TestRunResult.class, Set.of("runId", "suiteId", "database", "status", "target", "totals", "startedAt", "finishedAt")),
            Map.entry(CaseResult.class, Set.of("caseId", "name", "category", "targetTable", "status")),
            Map.entry(Notification.class, Set.of("notificationId", "channelId", "kind", "severity", "groupKey", "title", "text", "createdAt")),
            Map.entry(NotificationItem.class, Set.of("inputEventId", "kind", "severity", "database")),
            Map.entry(NotificationItem.ChangeSummary.class, Set.of("commandTag", "occurredAt")),
            Map.entry(NotificationItem.ImpactSummary.class, Set.of("reportId")),
            Map.entry(NotificationItem.TestSummary.class, Set.of("runId", "status")),
            Map.entry(NotificationOutcome.class, Set.of("outcomeId", "deliveryId", "channelId", "channelType", "kind", "outcome", "severity",
                    "groupKey", "occurredAt")));

    private ContractSchemas() {
    }

    /** The schema the records describe today, to compare with the committed one. */
    public static ObjectNode generate(Class<?> payload, String id, String title) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS);
        Predicate<FieldScope> alwaysPresent = field -> field.getType().isPrimitive()
                || field.getType().isInstanceOf(List.class)
                || ALWAYS_PRESENT.getOrDefault(field.getDeclaringType().getErasedType(), Set.of()).contains(field.getName());
        config.forFields().withRequiredCheck(alwaysPresent);
        config.forFields().withNullableCheck(field -> !alwaysPresent.test(field));
        config.forFields().withArrayMinItemsResolver(field -> "changes".equals(field.getName()) && !field.isFakeContainerItemScope() ? 1 : null);
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(payload);
        ObjectNode ordered = JSON.createObjectNode();
        ordered.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        ordered.put("$id", "https://schemawatch.dev/" + id);
        ordered.put("title", title);
        schema.remove("$schema");
        ordered.setAll(schema);
        return ordered;
    }

    public static JsonNode committed(String resource) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the validation errors of {@code json} against the committed schema; empty when valid */
    public static Set<ValidationMessage> validate(String resource, byte[] json) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(committed(resource));
        try {
            return schema.validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
