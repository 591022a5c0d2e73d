package dev.schemawatch.contracts.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.ContractSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class NotificationSchemasTest {

    @ParameterizedTest
    @CsvSource({
            "dev.schemawatch.contracts.notification.Notification, schemas/notification.v1.json, Notification (dev.schemawatch.notification.v1)",
            "dev.schemawatch.contracts.notification.NotificationOutcome, schemas/notification-outcome.v1.json,"
                    + " NotificationOutcome (dev.schemawatch.notification.outcome.v1)"})
    void theCommittedSchemaIsWhatTheRecordsDescribe(Class<?> payload, String resource, String title) throws IOException {
        JsonNode generated = ContractSchemas.generate(payload, resource, title);
        if (Boolean.getBoolean("schemawatch.writeSchemas")) {
            Files.writeString(Path.of("src/main/resources", resource),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        assertThat(ContractSchemas.committed(resource))
                .as("the records changed: a published field change is a new version (see docs/events.md);"
                        + " regenerate with -Dschemawatch.writeSchemas=true only for additive changes")
                .isEqualTo(generated);
    }

    @Test
    void aNotificationValidatesAndAnUnknownKindDoesNot() {
        String json = new String(EventJson.write(sampleNotification()));
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION, json.getBytes())).isEmpty();
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION,
                json.replace("\"TEST_RESULT\"", "\"GOSSIP\"").getBytes())).isNotEmpty();
    }

    @Test
    void anOutcomeValidatesAndAnUnknownOutcomeDoesNot() {
        String json = new String(EventJson.write(sampleOutcome()));
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION_OUTCOME, json.getBytes())).isEmpty();
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION_OUTCOME,
                json.replace("\"RETRIED\"", "\"LOST\"").getBytes())).isNotEmpty();
    }

    /** Two test runs of one migration: one answering a change whose impact was seen, one run on request. */
    public static Notification sampleNotification() {
        NotificationItem.ChangeSummary change = new NotificationItem.ChangeSummary("ALTER TABLE",
                List.of("column public.orders.email dropped"), "ALTER TABLE public.orders DROP COLUMN email", false,
                "app_migrator (flyway)", Instant.parse("2026-11-29T10:00:00Z"), 48_213, Instant.parse("2026-11-29T10:00:00.050Z"));
        NotificationItem.ImpactSummary impact = new NotificationItem.ImpactSummary("report-1", false, List.of("SW103 Column dropped"),
                1, List.of("public.order_lines"), 1, List.of("VIEW public.order_view"), 1, true, "http://change-analyzer:8082/api/v1/impacts/report-1");
        NotificationItem.TestSummary failing = new NotificationItem.TestSummary("run-1", "COMPLETED", 11, 1, 0, 1,
                List.of("orders.email rejects NULL: expected SQLSTATE 23502, but the statement succeeded"),
                "http://test-executor:8084/api/v1/runs/run-1/report.html");
        NotificationItem.TestSummary passing = new NotificationItem.TestSummary("run-2", "COMPLETED", 6, 0, 0, 0, List.of(),
                "http://test-executor:8084/api/v1/runs/run-2/report.html");
        NotificationItem afterChange = new NotificationItem("result-1", "change-1", NoticeKind.TEST_RESULT, Severity.BREAKING, "shop",
                "public.orders", change, impact, failing);
        NotificationItem onRequest = new NotificationItem("result-2", "suite-2", NoticeKind.TEST_RESULT, Severity.LOW, "shop",
                "public.customers", null, null, passing);
        return new Notification("notification-1", "ops-webhook", NoticeKind.TEST_RESULT, Severity.BREAKING, "shop:48213",
                "shop: 2 test runs, 1 case failed (BREAKING)", "public.orders: 11 passed, 1 failed, 1 skipped\npublic.customers: 6 passed",
                List.of(afterChange, onRequest), 0, Instant.parse("2026-11-29T10:00:01Z"));
    }

    /** A webhook answered 503: the delivery is retried. */
    public static NotificationOutcome sampleOutcome() {
        return new NotificationOutcome("outcome-1", "notification-1", "ops-webhook", ChannelType.WEBHOOK, NoticeKind.TEST_RESULT,
                NotificationOutcome.Outcome.RETRIED, 1, 503, "HTTP 503 Service Unavailable", Instant.parse("2026-11-29T10:00:03Z"),
                Severity.BREAKING, "shop:48213", List.of("result-1", "result-2"), 2, 1_950L, Instant.parse("2026-11-29T10:00:02Z"));
    }
}
