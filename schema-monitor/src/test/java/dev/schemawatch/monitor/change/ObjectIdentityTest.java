package dev.schemawatch.monitor.change;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectIdentityTest {

    @Test
    void quotedNamesAreUnquotedWithTheirDoubledQuotes() {
        ObjectIdentity identity = ObjectIdentity.parse("\"My Schema\".\"x\"\"; drop table t; --\"");

        assertThat(identity.names()).containsExactly("My Schema", "x\"; drop table t; --");
        assertThat(identity.relationOrObjectName()).isEqualTo("x\"; drop table t; --");
    }

    @Test
    void aSubObjectNamesItsRelationAfterOn() {
        ObjectIdentity identity = ObjectIdentity.parse("\"check on x\" on public.\"Orders\"");

        assertThat(identity.names()).containsExactly("check on x");
        assertThat(identity.owner()).containsExactly("public", "Orders");
        assertThat(identity.relationOrObjectName()).isEqualTo("Orders");
    }

    @Test
    void argumentListsAndArrayMarkersAreNotPartOfTheName() {
        assertThat(ObjectIdentity.parse("public.total(integer, text)").names()).containsExactly("public", "total");
        assertThat(ObjectIdentity.parse("public.order_status[]").names()).containsExactly("public", "order_status");
        assertThat(ObjectIdentity.parse("public.orders.email").names()).containsExactly("public", "orders", "email");
    }

    @Test
    void noIdentityNoNames() {
        assertThat(ObjectIdentity.parse(null).relationOrObjectName()).isNull();
        assertThat(ObjectIdentity.parse(null).first()).isNull();
    }
}
