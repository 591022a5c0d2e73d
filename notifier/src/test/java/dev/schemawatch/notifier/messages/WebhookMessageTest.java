package dev.schemawatch.notifier.messages;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.Notification;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.notifier.delivery.Delivery;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static dev.schemawatch.notifier.messages.MessageFixtures.COMMIT;
import static dev.schemawatch.notifier.messages.MessageFixtures.NOW;
import static dev.schemawatch.notifier.messages.MessageFixtures.delivery;
import static dev.schemawatch.notifier.messages.MessageFixtures.impact;
import static dev.schemawatch.notifier.messages.MessageFixtures.manyImpacts;
import static dev.schemawatch.notifier.messages.MessageFixtures.testRunAfterChange;
import static dev.schemawatch.notifier.messages.MessageFixtures.testRunOnRequest;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookMessageTest {

    private final WebhookMessage webhook = new WebhookMessage(MessageFixtures.templates());

    private JsonNode render(Delivery delivery) {
        return EventJson.mapper().readTree(webhook.render(delivery));
    }

    private static byte[] data(JsonNode event) {
        return EventJson.mapper().writeValueAsBytes(event.get("data"));
    }

    @Test
    void theBodyIsACloudEventWhoseIdIsTheDeliverysAndWhoseDataIsTheNotification() {
        Delivery delivery = delivery(ChannelType.WEBHOOK, List.of(testRunAfterChange(), testRunOnRequest()));
        JsonNode event = render(delivery);

        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("id").asString()).isEqualTo("delivery-1");
        assertThat(event.get("type").asString()).isEqualTo(Notification.TYPE).isEqualTo("dev.schemawatch.notification.v1");
        assertThat(event.get("source").asString()).isEqualTo("/schemawatch/notifier");
        assertThat(event.get("subject").asString()).isEqualTo("shop:48213");
        assertThat(event.get("time").asString()).isEqualTo(NOW.toString());
        assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(event.get("correlationid").asString()).isEqualTo("change-1");
        assertThat(event.get("ddlcommittime").asString()).isEqualTo(COMMIT.toString());

        Notification notification = EventJson.read(data(event), Notification.class);
        assertThat(notification.notificationId()).isEqualTo(delivery.id());
        assertThat(notification.channelId()).isEqualTo("ops-webhook");
        assertThat(notification.kind()).isEqualTo(delivery.kind());
        assertThat(notification.severity()).isEqualTo(delivery.severity());
        assertThat(notification.groupKey()).isEqualTo("shop:48213");
        assertThat(notification.title()).isEqualTo("[BREAKING] 2 test runs in shop, transaction 48213");
        assertThat(notification.items()).isEqualTo(delivery.items());
        assertThat(notification.omittedItems()).isZero();
        assertThat(notification.createdAt()).isEqualTo(NOW);
    }

    @Test
    void theDataValidatesAgainstTheContractSchema() {
        JsonNode event = render(delivery(ChannelType.WEBHOOK, List.of(testRunAfterChange(), testRunOnRequest(), impact("r-2", "public.x"))));

        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION, data(event))).isEmpty();
    }

    @Test
    void theTextUsesPlainLinksAndNoSlackSyntax() {
        NotificationItem odd = impact("report-2", "public.a<b>&c");
        JsonNode event = render(delivery(ChannelType.WEBHOOK, List.of(testRunAfterChange(), odd)));
        String text = event.get("data").get("text").asString();

        assertThat(text)
                .startsWith("[BREAKING] 2 test runs in shop, transaction 48213\n\n*shop.public.orders*")
                .contains("Test report: http://test-executor:8084/api/v1/runs/run-1/report.html")
                .contains("Impact report: http://change-analyzer:8082/api/v1/impacts/report-1")
                .contains("*shop.public.a<b>&c*")
                .doesNotContain("<http", "|Test report>", "|Impact report>", "&lt;", "&amp;");
    }

    @Test
    void itemsBeyondTheHundredAreCountedNotListed() {
        JsonNode event = render(manyImpacts(ChannelType.WEBHOOK, 120));
        Notification notification = EventJson.read(data(event), Notification.class);

        assertThat(notification.items()).hasSize(Notification.MAX_ITEMS);
        assertThat(notification.omittedItems()).isEqualTo(20);
        assertThat(notification.text()).endsWith("…and 20 more not listed");
        assertThat(notification.title()).isEqualTo("[BREAKING] 120 changes in shop, transaction 48213");
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION, data(event))).isEmpty();
    }

    @Test
    void withoutACorrelationOrCommitTimeTheExtensionsAreLeftOut() {
        NotificationItem onRequest = testRunOnRequest();
        NotificationItem uncorrelated = new NotificationItem(onRequest.inputEventId(), null, onRequest.kind(), onRequest.severity(),
                onRequest.database(), onRequest.table(), null, null, onRequest.tests());
        Delivery delivery = Delivery.open("delivery-2", "ops-webhook", ChannelType.WEBHOOK, "shop:run:suite-2", uncorrelated, null,
                NOW.plusSeconds(2), NOW);
        JsonNode event = render(delivery);

        assertThat(event.has("correlationid")).isFalse();
        assertThat(event.has("ddlcommittime")).isFalse();
        assertThat(ContractSchemas.validate(ContractSchemas.NOTIFICATION, data(event))).isEmpty();
    }
}
