package dev.schemawatch.notifier.messages;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationItem;
import dev.schemawatch.notifier.delivery.Delivery;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.schemawatch.notifier.messages.MessageFixtures.delivery;
import static dev.schemawatch.notifier.messages.MessageFixtures.impact;
import static dev.schemawatch.notifier.messages.MessageFixtures.manyImpacts;
import static dev.schemawatch.notifier.messages.MessageFixtures.testRunAfterChange;
import static dev.schemawatch.notifier.messages.MessageFixtures.testRunOnRequest;
import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTest {

    private static final String DELIVERIES_URL = "http://notifier:8085/api/v1/deliveries/delivery-1";
    private static final String CUT = "… (truncated)";

    private final SlackMessage slack = new SlackMessage(MessageFixtures.templates());

    private JsonNode render(Delivery delivery) {
        return EventJson.mapper().readTree(slack.render(delivery, DELIVERIES_URL));
    }

    private static List<JsonNode> blocks(JsonNode message) {
        JsonNode blocks = message.get("blocks");
        return IntStream.range(0, blocks.size()).mapToObj(blocks::get).toList();
    }

    private static List<JsonNode> ofType(JsonNode message, String type) {
        return blocks(message).stream().filter(block -> type.equals(block.get("type").asString())).toList();
    }

    /** The sections listing items: those with a text, not the facts section with its fields. */
    private static List<String> itemTexts(JsonNode message) {
        return ofType(message, "section").stream().filter(block -> block.has("text"))
                .map(block -> {
                    assertThat(block.get("text").get("type").asString()).isEqualTo("mrkdwn");
                    return block.get("text").get("text").asString();
                }).toList();
    }

    private static List<String> fieldTexts(JsonNode message) {
        JsonNode fields = ofType(message, "section").get(0).get("fields");
        return IntStream.range(0, fields.size()).mapToObj(i -> {
            assertThat(fields.get(i).get("type").asString()).isEqualTo("mrkdwn");
            return fields.get(i).get("text").asString();
        }).toList();
    }

    @Test
    void aGroupOfTestRunsIsAHeaderTheFactsADividerAndASectionPerItem() {
        JsonNode message = render(delivery(ChannelType.SLACK, List.of(testRunAfterChange(), testRunOnRequest())));

        String title = "[BREAKING] 2 test runs in shop, transaction 48213";
        assertThat(message.get("text").asString()).isEqualTo(title);
        assertThat(blocks(message)).extracting(block -> block.get("type").asString())
                .containsExactly("header", "section", "divider", "section", "section");
        JsonNode header = blocks(message).get(0).get("text");
        assertThat(header.get("type").asString()).isEqualTo("plain_text");
        assertThat(header.get("text").asString()).isEqualTo(title).hasSizeLessThanOrEqualTo(SlackMessage.MAX_HEADER);
        assertThat(fieldTexts(message)).containsExactly("*Severity*\nBREAKING", "*Kind*\ntest results", "*Group*\nshop:48213", "*Events*\n2");
    }

    @Test
    void anItemSectionTellsTheChangeTheBlastRadiusAndTheTestsWithLinks() {
        JsonNode message = render(delivery(ChannelType.SLACK, List.of(testRunAfterChange(), testRunOnRequest())));
        List<String> items = itemTexts(message);

        assertThat(items).hasSize(2);
        assertThat(items.get(0))
                .startsWith("*shop.public.orders* — BREAKING, not backward compatible")
                .contains("ALTER TABLE by app_migrator (flyway) at 2026-11-29T10:00:00Z")
                .contains("• column public.orders.email dropped")
                .contains("```ALTER TABLE public.orders DROP COLUMN email```")
                .doesNotContain("(DDL truncated)")
                .contains("Blast radius: 1 referencing tables, 1 referenced tables, 1 dependents, 1 broken queries")
                .contains("Dependents: VIEW public.order_view")
                .contains("> SW103 Column dropped")
                .contains("*Requires approval.* <http://change-analyzer:8082/api/v1/impacts/report-1|Impact report>")
                .contains("Tests (COMPLETED): 11 passed, 1 failed, 0 errored, 1 skipped")
                .contains("✗ orders.email rejects NULL: expected SQLSTATE 23502, but the statement succeeded")
                .endsWith("<http://test-executor:8084/api/v1/runs/run-1/report.html|Test report>");
        assertThat(items.get(1))
                .startsWith("*shop.public.customers* — LOW")
                .contains("Tests (COMPLETED): 6 passed, 0 failed, 0 errored, 0 skipped")
                .doesNotContain("✗", "Blast radius", "```")
                .endsWith("<http://test-executor:8084/api/v1/runs/run-2/report.html|Test report>");
    }

    @Test
    void aSingleImpactIsTitledByItsTableAndCommand() {
        JsonNode message = render(delivery(ChannelType.SLACK, List.of(impact("report-1", "public.orders"))));

        assertThat(message.get("text").asString()).isEqualTo("[BREAKING] shop.public.orders: ALTER TABLE");
        assertThat(fieldTexts(message)).containsExactly("*Severity*\nBREAKING", "*Kind*\nimpact", "*Group*\nshop:48213", "*Events*\n1");
        assertThat(itemTexts(message)).singleElement().asString().doesNotContain("Tests (");
    }

    @Test
    void aSingleTestRunIsTitledByItsFigures() {
        JsonNode message = render(delivery(ChannelType.SLACK, List.of(testRunAfterChange())));

        assertThat(message.get("text").asString()).isEqualTo("[BREAKING] Tests of shop.public.orders: 11 passed, 1 failed, 0 errored");
    }

    @Test
    void theSeverityIsTheHighestOfTheGroup() {
        NotificationItem low = testRunOnRequest();
        NotificationItem high = new NotificationItem("result-3", null, NoticeKind.TEST_RESULT, Severity.HIGH, "shop", "public.lines", null,
                null, low.tests());
        JsonNode message = render(delivery(ChannelType.SLACK, List.of(low, high, low)));

        assertThat(fieldTexts(message)).contains("*Severity*\nHIGH", "*Events*\n3");
        assertThat(message.get("text").asString()).startsWith("[HIGH] 3 test runs in shop");
    }

    @Test
    void aHundredAndTwentyItemsFitInFiftyBlocksAndSayHowManyAreNotShown() {
        JsonNode message = render(manyImpacts(ChannelType.SLACK, 120));

        List<JsonNode> blocks = blocks(message);
        assertThat(blocks).hasSize(SlackMessage.MAX_BLOCKS);
        assertThat(itemTexts(message)).hasSize(46);
        JsonNode last = blocks.get(blocks.size() - 1);
        assertThat(last.get("type").asString()).isEqualTo("context");
        String note = last.get("elements").get(0).get("text").asString();
        assertThat(last.get("elements").get(0).get("type").asString()).isEqualTo("mrkdwn");
        assertThat(note).contains("74 more not shown").contains("<" + DELIVERIES_URL + "|delivery delivery-many>");
        assertThat(fieldTexts(message)).contains("*Events*\n120");
        assertThat(message.get("text").asString()).isEqualTo("[BREAKING] 120 changes in shop, transaction 48213");
    }

    @Test
    void atTheEdgeOfTheLimitTheClosingNoteComesOnlyWhenNeeded() {
        JsonNode fits = render(manyImpacts(ChannelType.SLACK, 46));
        assertThat(blocks(fits)).hasSize(49);
        assertThat(ofType(fits, "context")).isEmpty();

        JsonNode oneTooMany = render(manyImpacts(ChannelType.SLACK, 47));
        assertThat(blocks(oneTooMany)).hasSize(SlackMessage.MAX_BLOCKS);
        assertThat(ofType(oneTooMany, "context")).singleElement()
                .satisfies(context -> assertThat(context.get("elements").get(0).get("text").asString()).contains("1 more not shown"));
    }

    @Test
    void aSectionOverThreeThousandCharactersIsCutVisibly() {
        NotificationItem sample = testRunAfterChange();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < NotificationItem.TestSummary.MAX_FAILED_CASES; i++) {
            failed.add("case " + i + " [FAILED]: " + "x".repeat(300));
        }
        NotificationItem.TestSummary manyFailures = new NotificationItem.TestSummary("run-9", "COMPLETED", 0, 20, 0, 0, failed,
                "http://test-executor:8084/api/v1/runs/run-9/report.html");
        List<String> summaries = IntStream.range(0, 20).mapToObj(i -> "column public.orders.c" + i + " & more " + "y".repeat(150)).toList();
        NotificationItem.ChangeSummary longChange = new NotificationItem.ChangeSummary("ALTER TABLE", summaries, "ALTER TABLE x", false, "app",
                sample.change().occurredAt(), 1, null);
        NotificationItem longSummaries = new NotificationItem("result-8", null, NoticeKind.TEST_RESULT, Severity.HIGH, "shop", "public.orders",
                longChange, null, null);
        JsonNode message = render(delivery(ChannelType.SLACK,
                List.of(MessageFixtures.withTests(sample, manyFailures), longSummaries, testRunOnRequest())));

        List<String> items = itemTexts(message);
        assertThat(items).hasSize(3).allSatisfy(text -> assertThat(text).hasSizeLessThanOrEqualTo(SlackMessage.MAX_SECTION));
        assertThat(items.get(0)).hasSize(SlackMessage.MAX_SECTION).endsWith(CUT).startsWith("*shop.public.orders*").contains("✗ case 0 [FAILED]");
        assertThat(items.get(1)).hasSize(SlackMessage.MAX_SECTION).endsWith(CUT).contains("&amp; more");
        assertThat(items.get(2)).doesNotEndWith(CUT);
    }

    @Test
    void aTitleLongerThanTheHeaderLimitIsCutVisibly() {
        String table = "public." + "very_long_table_name_".repeat(10);
        JsonNode message = render(delivery(ChannelType.SLACK, List.of(impact("report-1", table))));

        String header = blocks(message).get(0).get("text").get("text").asString();
        assertThat(header).hasSize(SlackMessage.MAX_HEADER).endsWith(CUT).startsWith("[BREAKING] shop.public.very_long_table_name_");
        assertThat(message.get("text").asString()).isEqualTo("[BREAKING] shop." + table + ": ALTER TABLE");
    }

    @Test
    void slackControlCharactersAreEscapedInMrkdwn() {
        NotificationItem item = impact("report-1", "public.a<b>&c");
        JsonNode message = render(delivery(ChannelType.SLACK, List.of(item)));

        assertThat(itemTexts(message)).singleElement().asString().startsWith("*shop.public.a&lt;b&gt;&amp;c*").doesNotContain("a<b>");
        assertThat(message.get("text").asString()).contains("a&lt;b&gt;&amp;c").doesNotContain("a<b>");
        assertThat(fieldTexts(message)).allSatisfy(field -> assertThat(field).doesNotContain("<", ">"));
    }

    @Test
    void backticksInTheDdlCannotCloseItsCodeBlock() {
        NotificationItem sample = impact("report-1", "public.orders");
        NotificationItem.ChangeSummary change = sample.change();
        NotificationItem.ChangeSummary fenced = new NotificationItem.ChangeSummary(change.commandTag(), change.summaries(),
                "COMMENT ON TABLE orders IS '```<b>'", change.ddlTruncated(), change.actor(), change.occurredAt(), change.txid(),
                change.commitTime());
        NotificationItem item = new NotificationItem("report-1", null, NoticeKind.IMPACT, Severity.HIGH, "shop", "public.orders", fenced,
                sample.impact(), null);

        String text = itemTexts(render(delivery(ChannelType.SLACK, List.of(item)))).get(0);
        assertThat(text).contains("```COMMENT ON TABLE orders IS 'ˋˋˋ&lt;b&gt;'```");
    }

    @Test
    void aTruncatedDdlSaysSo() {
        NotificationItem sample = impact("report-1", "public.orders");
        NotificationItem.ChangeSummary change = sample.change();
        NotificationItem.ChangeSummary cut = new NotificationItem.ChangeSummary(change.commandTag(), change.summaries(),
                "ALTER TABLE orders " + "z".repeat(NotificationItem.ChangeSummary.MAX_DDL - 19), true, change.actor(), change.occurredAt(),
                change.txid(), change.commitTime());
        NotificationItem item = new NotificationItem("report-1", null, NoticeKind.IMPACT, Severity.HIGH, "shop", "public.orders", cut,
                sample.impact(), null);

        assertThat(itemTexts(render(delivery(ChannelType.SLACK, List.of(item)))).get(0)).contains("zzz``` (DDL truncated)");
    }

    @Test
    void anOnRequestRunWithoutTablesStillRenders() {
        NotificationItem onRequest = testRunOnRequest();
        NotificationItem noTable = new NotificationItem("result-9", null, NoticeKind.TEST_RESULT, Severity.HIGH, "shop", null, null, null,
                onRequest.tests());

        JsonNode message = render(delivery(ChannelType.SLACK, List.of(noTable)));

        assertThat(message.get("text").asString()).startsWith("[HIGH] Tests of shop").doesNotContain("null");
        assertThat(itemTexts(message)).singleElement().asString().startsWith("*shop*").doesNotContain("null");
    }
}
