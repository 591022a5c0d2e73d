package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static org.assertj.core.api.Assertions.assertThat;

class EventDefinitionsTest {

    private final RelationDefinition before = Scenarios.orders(100).build();
    private final RelationDefinition after = Tables.from(before).renamed("public", "purchases")
            .column(column(before.columns().get(1)).name("contact").type("text")).build();
    private final SchemaChangeEvent event = Events.event("ALTER TABLE", "...").before(before).after(after)
            .change(Events.columnModified(before, Tables.from(before).column(column(before.columns().get(1)).type("text")).build(),
                    "email"))
            .build();

    @Test
    void theRelationBeforeIsFoundByOidThroughARename() {
        AtomicChange renamed = Events.renamed(before, after);
        EventDefinitions definitions = new EventDefinitions(event);

        assertThat(definitions.relationAfter(renamed)).contains(after);
        assertThat(definitions.relationBefore(renamed)).contains(before);
    }

    @Test
    void theColumnBeforeIsFoundByAttnumThroughARename() {
        AtomicChange modified = Events.change(ChangeType.COLUMN_MODIFIED, "public", "purchases", "contact", null, List.of(),
                null, null, "contact");
        EventDefinitions definitions = new EventDefinitions(event);

        assertThat(definitions.columnBefore(modified)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("email"));
        assertThat(definitions.columnAfter(modified)).hasValueSatisfying(c -> assertThat(c.type()).isEqualTo("text"));
    }

    @Test
    void withoutDefinitionsTheChangesMapsAreRead() {
        SchemaChangeEvent mapsOnly = Events.mapsOnly(Scenarios.dropConstraint(before, "orders_pkey",
                "ALTER TABLE orders DROP CONSTRAINT orders_pkey"));
        EventDefinitions definitions = new EventDefinitions(mapsOnly);

        assertThat(definitions.constraintBefore(mapsOnly.changes().get(0))).hasValue(before.constraints().get(0));
        assertThat(definitions.indexBefore(mapsOnly.changes().get(1))).hasValue(before.indexes().get(0));
    }

    @Test
    void mapsThatWentThroughJsonAreReadBack() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("oid", 16_500);
        json.put("name", "orders_pkey");
        json.put("type", "PRIMARY_KEY");
        json.put("definition", "PRIMARY KEY (id)");
        json.put("columns", List.of("id"));
        json.put("validated", true);
        json.put("deferrable", false);
        json.put("initiallyDeferred", false);
        AtomicChange removed = Events.change(ChangeType.CONSTRAINT_REMOVED, "public", "orders", "orders_pkey", null, List.of(),
                json, null, "removed");

        assertThat(new EventDefinitions(Events.event("ALTER TABLE", "...").change(removed).build()).constraintBefore(removed))
                .hasValueSatisfying(c -> {
                    assertThat(c.oid()).isEqualTo(16_500);
                    assertThat(c.type()).isEqualTo(ConstraintType.PRIMARY_KEY);
                    assertThat(c.columns()).containsExactly("id");
                    assertThat(c.validated()).isTrue();
                });
    }

    @Test
    void aMapOfAnotherKindOfObjectIsNeverMisread() {
        AtomicChange added = Events.tableAdded(before);
        EventDefinitions definitions = new EventDefinitions(Events.mapsOnly(Events.event("CREATE TABLE", "...").change(added).build()));

        assertThat(definitions.columnAfter(added)).isEmpty();
        assertThat(definitions.constraintAfter(added)).isEmpty();
        assertThat(definitions.relationAfter(added)).hasValueSatisfying(r -> assertThat(r.columns()).hasSize(4));
    }

    @Test
    void withNeitherThereIsNothing() {
        SchemaChangeEvent truncated = Events.truncated(Scenarios.dropColumn(before, "email", "ALTER TABLE orders DROP COLUMN email"));
        EventDefinitions definitions = new EventDefinitions(truncated);

        assertThat(definitions.columnBefore(truncated.changes().get(0))).isEmpty();
        assertThat(definitions.relationBefore(truncated.changes().get(0))).isEmpty();
    }
}
