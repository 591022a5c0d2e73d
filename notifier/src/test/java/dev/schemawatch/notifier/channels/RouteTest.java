package dev.schemawatch.notifier.channels;

import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.notification.ChannelType;
import dev.schemawatch.contracts.notification.NoticeKind;
import dev.schemawatch.contracts.notification.NotificationItem;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTest {

    private static Channel channel(Severity minSeverity, List<String> schemas, List<String> tables, Set<NoticeKind> kinds) {
        return new Channel("ops", ChannelType.SLACK, URI.create("https://hooks.slack.com/services/T0/B0/xyz"), List.of(), minSeverity, schemas,
                tables, kinds, true, null, Channel.Source.API);
    }

    private static NotificationItem item(NoticeKind kind, Severity severity, String database, String table) {
        return new NotificationItem("event-1", "change-1", kind, severity, database, table, null, null, null);
    }

    private static NotificationItem impact(Severity severity, String database, String table) {
        return item(NoticeKind.IMPACT, severity, database, table);
    }

    @Test
    void anUnrestrictedChannelTakesEverything() {
        Route route = new Route(channel(null, null, null, null));

        assertThat(route.channel().minSeverity()).isEqualTo(Severity.LOW);
        assertThat(route.channel().kinds()).containsExactlyInAnyOrder(NoticeKind.values());
        for (Severity severity : Severity.values()) {
            assertThat(route.accepts(impact(severity, "shop", "public.orders"))).isTrue();
            assertThat(route.accepts(item(NoticeKind.TEST_RESULT, severity, "crm", "sales.leads"))).isTrue();
        }
    }

    @Test
    void onlyTheKindsAskedForPass() {
        Route impacts = new Route(channel(null, List.of(), List.of(), Set.of(NoticeKind.IMPACT)));
        Route results = new Route(channel(null, List.of(), List.of(), Set.of(NoticeKind.TEST_RESULT)));
        Route both = new Route(channel(null, List.of(), List.of(), Set.of(NoticeKind.IMPACT, NoticeKind.TEST_RESULT)));
        NotificationItem impact = impact(Severity.HIGH, "shop", "public.orders");
        NotificationItem result = item(NoticeKind.TEST_RESULT, Severity.HIGH, "shop", "public.orders");

        assertThat(impacts.accepts(impact)).isTrue();
        assertThat(impacts.accepts(result)).isFalse();
        assertThat(results.accepts(impact)).isFalse();
        assertThat(results.accepts(result)).isTrue();
        assertThat(both.accepts(impact)).isTrue();
        assertThat(both.accepts(result)).isTrue();
    }

    @Test
    void aSeverityBelowTheMinimumDoesNotPass() {
        Route route = new Route(channel(Severity.HIGH, List.of(), List.of(), Set.of()));

        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.orders"))).isFalse();
        assertThat(route.accepts(impact(Severity.MEDIUM, "shop", "public.orders"))).isFalse();
        assertThat(route.accepts(impact(Severity.HIGH, "shop", "public.orders"))).isTrue();
        assertThat(route.accepts(impact(Severity.BREAKING, "shop", "public.orders"))).isTrue();
        assertThat(new Route(channel(Severity.BREAKING, null, null, null)).accepts(impact(Severity.HIGH, "shop", "public.orders"))).isFalse();
    }

    @Test
    void schemaGlobsMatchDatabaseDotSchema() {
        Route route = new Route(channel(null, List.of("shop.public", "crm.sales_*"), List.of(), Set.of()));

        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.orders"))).isTrue();
        assertThat(route.accepts(impact(Severity.LOW, "crm", "sales_eu.leads"))).isTrue();
        assertThat(route.accepts(impact(Severity.LOW, "shop", "audit.orders"))).isFalse();
        assertThat(route.accepts(impact(Severity.LOW, "crm", "public.leads"))).isFalse();
        assertThat(route.accepts(impact(Severity.LOW, "shop2", "public.orders"))).isFalse();
        // a glob on database.schema is not one on the table
        assertThat(new Route(channel(null, List.of("shop.public.orders"), List.of(), Set.of())).accepts(impact(Severity.LOW, "shop", "public.orders")))
                .isFalse();
        assertThat(new Route(channel(null, List.of("*"), List.of(), Set.of())).accepts(impact(Severity.LOW, "any", "thing.at_all"))).isTrue();
    }

    @Test
    void tableGlobsMatchDatabaseDotSchemaDotTable() {
        Route route = new Route(channel(null, List.of(), List.of("shop.public.order*", "*.billing.invoice?"), Set.of()));

        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.orders"))).isTrue();
        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.order_lines"))).isTrue();
        assertThat(route.accepts(impact(Severity.LOW, "erp", "billing.invoices"))).isTrue();
        assertThat(route.accepts(impact(Severity.LOW, "erp", "billing.invoice"))).isFalse();
        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.customers"))).isFalse();
        assertThat(route.accepts(impact(Severity.LOW, "crm", "public.orders"))).isFalse();
        // a table glob without the database does not match
        assertThat(new Route(channel(null, List.of(), List.of("public.orders"), Set.of())).accepts(impact(Severity.LOW, "shop", "public.orders")))
                .isFalse();
    }

    @Test
    void schemaTableSeverityAndKindMustAllPass() {
        Route route = new Route(channel(Severity.MEDIUM, List.of("shop.public"), List.of("shop.public.orders"), Set.of(NoticeKind.IMPACT)));

        assertThat(route.accepts(impact(Severity.MEDIUM, "shop", "public.orders"))).isTrue();
        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.orders"))).isFalse();
        assertThat(route.accepts(impact(Severity.MEDIUM, "shop", "public.customers"))).isFalse();
        assertThat(route.accepts(item(NoticeKind.TEST_RESULT, Severity.MEDIUM, "shop", "public.orders"))).isFalse();
    }

    @Test
    void aDotInsideTheTableNameStaysInTheTable() {
        Route route = new Route(channel(null, List.of("shop.public"), List.of("shop.public.odd.name"), Set.of()));

        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.odd.name"))).isTrue();
    }

    @Test
    void anItemWithoutATableGoesOnlyToChannelsWithoutPatterns() {
        NotificationItem noTable = item(NoticeKind.TEST_RESULT, Severity.HIGH, "shop", null);

        assertThat(new Route(channel(null, List.of(), List.of(), Set.of())).accepts(noTable)).isTrue();
        assertThat(new Route(channel(null, List.of("shop.public"), List.of(), Set.of())).accepts(noTable)).isFalse();
        assertThat(new Route(channel(null, List.of("shop*"), List.of(), Set.of())).accepts(noTable)).isFalse();
        assertThat(new Route(channel(null, List.of(), List.of("shop.*"), Set.of())).accepts(noTable)).isFalse();
    }

    @Test
    void aDisabledChannelStillMatchesSoWhatItMissesIsKept() {
        Route route = new Route(channel(null, null, null, null).disabled("410 Gone"));

        assertThat(route.channel().enabled()).isFalse();
        assertThat(route.accepts(impact(Severity.LOW, "shop", "public.orders"))).isTrue();
    }
}
