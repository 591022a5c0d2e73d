package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.TypeDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.schemawatch.monitor.change.TypeBuilder.composite;
import static dev.schemawatch.monitor.change.TypeBuilder.domain;
import static dev.schemawatch.monitor.change.TypeBuilder.enumType;
import static dev.schemawatch.monitor.change.TypeBuilder.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TypeDiffTest {

    static final TypeDefinition STATUS = enumType(600, "public", "order_status", "new", "paid", "shipped").build();

    @Test
    void aRenamedTypeCarriesItsOldQualifiedName() {
        TypeDefinition after = from(STATUS).named("sales", "status").build();

        assertThat(TypeDiff.between(STATUS, after)).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.TYPE_RENAMED);
            assertThat(change.schema()).isEqualTo("sales");
            assertThat(change.relation()).isEqualTo("status");
            assertThat(change.previousName()).isEqualTo("public.order_status");
            assertThat(change.summary()).isEqualTo("enum \"public.order_status\" renamed to \"sales.status\"");
        });
    }

    @Test
    void anAddedEnumValueIsNamedByItsLabelAndPlace() {
        TypeDefinition appended = from(STATUS).labels("new", "paid", "shipped", "returned").build();
        TypeDefinition prepended = from(STATUS).labels("draft", "new", "paid", "shipped").build();

        assertThat(TypeDiff.between(STATUS, appended)).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.ENUM_VALUE_ADDED);
            assertThat(change.name()).isEqualTo("returned");
            assertThat(change.after()).isEqualTo(Map.of("label", "returned", "position", 3));
            assertThat(change.summary()).isEqualTo("enum \"public.order_status\" value \"returned\" added after \"shipped\"");
        });
        assertThat(TypeDiff.between(STATUS, prepended)).extracting(AtomicChange::summary)
                .containsExactly("enum \"public.order_status\" value \"draft\" added before \"new\"");
    }

    @Test
    void oneLabelReplacedAtTheSamePositionIsARename() {
        TypeDefinition after = from(STATUS).labels("new", "settled", "shipped").build();

        assertThat(TypeDiff.between(STATUS, after)).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.ENUM_VALUE_RENAMED);
            assertThat(change.name()).isEqualTo("settled");
            assertThat(change.previousName()).isEqualTo("paid");
            assertThat(change.summary()).isEqualTo("enum \"public.order_status\" value \"paid\" renamed to \"settled\"");
        });
    }

    @Test
    void labelsGoneAndNewAtOtherPositionsAreRemovalsAndAdditions() {
        TypeDefinition after = from(STATUS).labels("paid", "shipped", "returned").build();

        assertThat(TypeDiff.between(STATUS, after)).extracting(AtomicChange::type, AtomicChange::name).containsExactly(
                tuple(ChangeType.ENUM_VALUE_REMOVED, "new"),
                tuple(ChangeType.ENUM_VALUE_ADDED, "returned"));
    }

    @Test
    void aDomainsBaseTypeAndConstraints() {
        TypeDefinition email = domain(610, "public", "email", "character varying(100)", "CHECK ((VALUE ~~ '%@%'::text))").build();
        TypeDefinition after = from(email).baseType("text").constraints("CHECK ((VALUE ~~ '%@%.%'::text))").build();

        assertThat(TypeDiff.between(email, after)).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.TYPE_MODIFIED);
            assertThat(change.aspects()).containsExactly(ChangeAspect.TYPE, ChangeAspect.DEFINITION);
            assertThat(change.summary()).isEqualTo("domain \"public.email\" base type character varying(100) -> text,"
                    + " constraints (CHECK ((VALUE ~~ '%@%'::text))) -> (CHECK ((VALUE ~~ '%@%.%'::text)))");
            assertThat(change.after()).containsEntry("baseType", "text").containsEntry("kind", "DOMAIN");
        });
    }

    @Test
    void aCompositeTypesAttributes() {
        TypeDefinition address = composite(620, "public", "address", "street text", "city text").build();
        TypeDefinition after = from(address).attributes("street text", "city text", "zip text").build();

        assertThat(TypeDiff.between(address, after)).extracting(AtomicChange::type, AtomicChange::aspects, AtomicChange::summary)
                .containsExactly(tuple(ChangeType.TYPE_MODIFIED, List.of(ChangeAspect.DEFINITION),
                        "composite type \"public.address\" attributes (street text, city text) -> (street text, city text, zip text)"));
    }

    @Test
    void commentAndOwner() {
        TypeDefinition after = from(STATUS).comment("Lifecycle of an order").owner("sales_admin").build();

        assertThat(TypeDiff.between(STATUS, after)).extracting(AtomicChange::type, AtomicChange::summary).containsExactly(
                tuple(ChangeType.COMMENT_CHANGED, "comment on enum \"public.order_status\": none -> \"Lifecycle of an order\""),
                tuple(ChangeType.OWNER_CHANGED, "owner of enum \"public.order_status\" app -> sales_admin"));
    }

    @Test
    void theSameDefinitionIsNoChange() {
        assertThat(TypeDiff.between(STATUS, from(STATUS).build())).isEmpty();
    }

    @Test
    void createdRemovedAndFirstSeen() {
        assertThat(TypeDiff.created(STATUS).summary())
                .isEqualTo("enum \"public.order_status\" created with values (new, paid, shipped)");
        assertThat(TypeDiff.created(STATUS).after()).containsEntry("labels", List.of("new", "paid", "shipped"));
        assertThat(TypeDiff.removed(STATUS)).extracting(AtomicChange::type, AtomicChange::after)
                .containsExactly(ChangeType.TYPE_REMOVED, null);
        assertThat(TypeDiff.firstSeen(STATUS).summary())
                .isEqualTo("enum \"public.order_status\" first seen; no earlier definition was known");
    }

    @Test
    void definitionsOfTwoTypesCannotBeDiffed() {
        TypeDefinition other = enumType(601, "public", "order_status").build();

        assertThatThrownBy(() -> TypeDiff.between(STATUS, other)).isInstanceOf(IllegalArgumentException.class);
    }
}
