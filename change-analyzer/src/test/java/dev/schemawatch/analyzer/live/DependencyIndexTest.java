package dev.schemawatch.analyzer.live;

import dev.schemawatch.analyzer.live.DependencyIndex.Dependency;
import dev.schemawatch.contracts.impact.BlastRadius.Dependent;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.RelationKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.schemawatch.analyzer.live.DependencyIndex.FUNCTION;
import static dev.schemawatch.analyzer.live.DependencyIndex.MATERIALIZED_VIEW;
import static dev.schemawatch.analyzer.live.DependencyIndex.VIEW;
import static dev.schemawatch.analyzer.live.TestEvents.change;
import static dev.schemawatch.analyzer.live.TestEvents.event;
import static dev.schemawatch.analyzer.live.TestEvents.table;
import static dev.schemawatch.analyzer.live.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

class DependencyIndexTest {

    private static final long ORDERS = 1;
    private static final long ITEMS = 2;
    private static final long OPEN_ORDERS = 10;
    private static final long BIG_OPEN_ORDERS = 11;
    private static final long ORDER_TOTALS = 12;

    /** open_orders on orders, big_open_orders on open_orders, order_totals (materialized) on items, two functions on orders. */
    private static DependencyIndex index() {
        return DependencyIndex.of(List.of(
                new Dependency(ORDERS, OPEN_ORDERS, VIEW, "shop.open_orders"),
                new Dependency(OPEN_ORDERS, BIG_OPEN_ORDERS, VIEW, "shop.big_open_orders"),
                new Dependency(ITEMS, ORDER_TOTALS, MATERIALIZED_VIEW, "shop.order_totals"),
                new Dependency(ORDERS, 100, FUNCTION, "shop.order_count(integer)"),
                new Dependency(ORDERS, 101, FUNCTION, "shop.last_order()")));
    }

    @Test
    void followsViewsOfViewsAndListsFunctionsSortedByName() {
        assertThat(index().dependentsOf(List.of(ORDERS))).containsExactly(
                new Dependent(VIEW, "shop.big_open_orders"),
                new Dependent(FUNCTION, "shop.last_order()"),
                new Dependent(VIEW, "shop.open_orders"),
                new Dependent(FUNCTION, "shop.order_count(integer)"));
        assertThat(index().dependentsOf(List.of(OPEN_ORDERS))).containsExactly(new Dependent(VIEW, "shop.big_open_orders"));
        assertThat(index().dependentsOf(List.of(ITEMS, 99L)))
                .containsExactly(new Dependent(MATERIALIZED_VIEW, "shop.order_totals"));
    }

    @Test
    void knowsTheKindOfViewsNamedByEvents() {
        assertThat(index().viewNamed("shop.order_totals")).isEqualTo(new Dependent(MATERIALIZED_VIEW, "shop.order_totals"));
        assertThat(index().viewNamed("shop.unknown")).isEqualTo(new Dependent(VIEW, "shop.unknown"));
    }

    @Test
    void aDroppedViewLeavesEveryList() {
        DependencyIndex index = index();

        assertThat(index.apply(event("shop", "open_orders", change(ChangeType.VIEW_REMOVED, "shop", "open_orders"))
                .before(view(OPEN_ORDERS, "shop", "open_orders")).build())).isTrue();

        assertThat(index.dependentsOf(List.of(ORDERS))).extracting(Dependent::name)
                .containsExactly("shop.last_order()", "shop.order_count(integer)");
        assertThat(index.viewOid("shop.open_orders")).isEmpty();
    }

    @Test
    void aRenamedViewIsListedUnderItsNewName() {
        DependencyIndex index = index();

        assertThat(index.apply(event("shop", "pending_orders",
                change(ChangeType.VIEW_RENAMED, "shop", "pending_orders", null, "shop.open_orders"))
                .before(view(OPEN_ORDERS, "shop", "open_orders").dependentViews("shop.big_open_orders"))
                .after(view(OPEN_ORDERS, "shop", "pending_orders").dependentViews("shop.big_open_orders"))
                .build())).isTrue();

        assertThat(index.dependentsOf(List.of(ORDERS))).extracting(Dependent::name)
                .contains("shop.pending_orders").doesNotContain("shop.open_orders");
    }

    @Test
    void aTableTakesTheDependentViewsItsNewDefinitionLists() {
        DependencyIndex index = index();

        assertThat(index.apply(event("shop", "items", change(ChangeType.COLUMN_ADDED, "shop", "items"))
                .after(table(ITEMS, "shop", "items").dependentViews("shop.order_totals", "shop.open_orders"))
                .build())).isTrue();

        assertThat(index.dependentsOf(List.of(ITEMS))).containsExactly(
                new Dependent(VIEW, "shop.big_open_orders"),
                new Dependent(VIEW, "shop.open_orders"),
                new Dependent(MATERIALIZED_VIEW, "shop.order_totals"));
    }

    @Test
    void aDroppedTableTakesItsFunctionsAlong() {
        DependencyIndex index = index();

        index.apply(event("shop", "orders", change(ChangeType.TABLE_REMOVED, "shop", "orders"))
                .before(table(ORDERS, "shop", "orders")).build());

        assertThat(index.dependentsOf(List.of(ORDERS))).isEmpty();
    }

    @Test
    void eventsWhoseDependenciesOnlyTheCatalogKnowsAskForAReload() {
        DependencyIndex index = index();

        assertThat(index.apply(event("shop", "v", change(ChangeType.VIEW_ADDED, "shop", "v"))
                .after(view(20, "shop", "v")).build())).as("a new view's body is not in the event").isFalse();
        assertThat(index.apply(event("shop", "f", change(ChangeType.OTHER, "shop", "f")).build()))
                .as("e.g. CREATE FUNCTION").isFalse();
        assertThat(index.apply(event("shop", "orders", change(ChangeType.COLUMN_ADDED, "shop", "orders"))
                .after(table(ORDERS, "shop", "orders").dependentViews("shop.not_known")).build()))
                .as("a dependent view the index does not know").isFalse();
        assertThat(index.apply(event("shop", "orders", change(ChangeType.COLUMN_ADDED, "shop", "orders"))
                .after(table(ORDERS, "shop", "orders")).truncated().build())).isFalse();
        assertThat(index.apply(event("shop", "mv", change(ChangeType.COMMENT_CHANGED, "shop", "mv"))
                .after(view(ORDER_TOTALS, "shop", "order_totals").kind(RelationKind.MATERIALIZED_VIEW)).build()))
                .isTrue();
    }
}
