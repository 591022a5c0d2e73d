package dev.schemawatch.monitor;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static dev.schemawatch.contracts.schema.ChangeType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** One DDL per change type, asserting the exact atomic changes that reach the topic. */
class ChangeTypesTest extends MonitorIntegrationTest {

    @Test
    void createTableWithForeignKeyIsATableAndItsRelationship() throws SQLException {
        sql("CREATE TABLE ct_parent (id bigint PRIMARY KEY)");
        SchemaChangeEvent event = eventOf("CREATE TABLE ct_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES ct_parent(id) ON DELETE CASCADE)");

        assertThat(event.commandTag()).isEqualTo("CREATE TABLE");
        assertThat(event.key()).isEqualTo("shop.public.ct_child");
        assertThat(types(event)).containsExactly(TABLE_ADDED, RELATIONSHIP_ADDED);
        AtomicChange relationship = event.changes().get(1);
        assertThat(relationship.after()).containsEntry("referencedTable", "ct_parent").containsEntry("onDelete", "CASCADE");
        assertThat(event.after()).singleElement().satisfies(table -> {
            assertThat(table.columns()).extracting(c -> c.name()).containsExactly("id", "parent_id");
            assertThat(table.indexes()).extracting(i -> i.name()).containsExactly("ct_child_pkey");
        });
        assertThat(event.before()).isEmpty();
        assertThat(event.actor().sessionUser()).isEqualTo("postgres");
        assertThat(event.transaction().commitTime()).isNotNull();
        assertThat(event.transaction().lsn()).isPositive();
    }

    @Test
    void columnAddedRemovedAndRenamed() throws SQLException {
        sql("CREATE TABLE ct_columns (id int)");

        SchemaChangeEvent added = eventOf("ALTER TABLE ct_columns ADD COLUMN email text");
        assertThat(types(added)).containsExactly(COLUMN_ADDED);
        assertThat(added.changes().get(0).name()).isEqualTo("email");

        SchemaChangeEvent renamed = eventOf("ALTER TABLE ct_columns RENAME COLUMN email TO contact");
        assertThat(types(renamed)).containsExactly(COLUMN_RENAMED);
        assertThat(renamed.changes().get(0).name()).isEqualTo("contact");
        assertThat(renamed.changes().get(0).previousName()).isEqualTo("email");

        SchemaChangeEvent removed = eventOf("ALTER TABLE ct_columns DROP COLUMN contact");
        assertThat(types(removed)).containsExactly(COLUMN_REMOVED);
        assertThat(removed.changes().get(0).name()).isEqualTo("contact");
    }

    @Test
    void everyAspectOfAColumnModification() throws SQLException {
        sql("CREATE TABLE ct_modify (id int, code varchar(10), amount int, label text)");

        assertThat(aspects(eventOf("ALTER TABLE ct_modify ALTER COLUMN code TYPE varchar(40)"))).containsExactly(ChangeAspect.TYPE);
        assertThat(aspects(eventOf("ALTER TABLE ct_modify ALTER COLUMN code SET NOT NULL"))).containsExactly(ChangeAspect.NULLABILITY);
        assertThat(aspects(eventOf("ALTER TABLE ct_modify ALTER COLUMN amount SET DEFAULT 42"))).containsExactly(ChangeAspect.DEFAULT);
        assertThat(aspects(eventOf("ALTER TABLE ct_modify ALTER COLUMN amount DROP DEFAULT"))).containsExactly(ChangeAspect.DEFAULT);
        assertThat(aspects(eventOf("ALTER TABLE ct_modify ALTER COLUMN label TYPE text COLLATE \"C\""))).containsExactly(ChangeAspect.COLLATION);
        sql("ALTER TABLE ct_modify ALTER COLUMN id SET NOT NULL");
        SchemaChangeEvent identity = eventOf("ALTER TABLE ct_modify ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY");
        assertThat(identity.changes()).anySatisfy(change -> {
            assertThat(change.type()).isEqualTo(COLUMN_MODIFIED);
            assertThat(change.aspects()).containsExactly(ChangeAspect.IDENTITY);
        });
    }

    @Test
    void constraintsAddedAndRemoved() throws SQLException {
        sql("CREATE TABLE ct_constraints (id int, qty int)");

        SchemaChangeEvent check = eventOf("ALTER TABLE ct_constraints ADD CONSTRAINT qty_positive CHECK (qty > 0)");
        assertThat(types(check)).containsExactly(CONSTRAINT_ADDED);
        assertThat(check.changes().get(0).name()).isEqualTo("qty_positive");

        SchemaChangeEvent unique = eventOf("ALTER TABLE ct_constraints ADD CONSTRAINT id_unique UNIQUE (id)");
        assertThat(types(unique)).contains(CONSTRAINT_ADDED);

        SchemaChangeEvent dropped = eventOf("ALTER TABLE ct_constraints DROP CONSTRAINT qty_positive");
        assertThat(types(dropped)).containsExactly(CONSTRAINT_REMOVED);
    }

    @Test
    void relationshipsAddedModifiedAndRemoved() throws SQLException {
        sql("CREATE TABLE ct_owner (id int PRIMARY KEY)", "CREATE TABLE ct_pet (id int, owner_id int)");

        SchemaChangeEvent added = eventOf("ALTER TABLE ct_pet ADD CONSTRAINT pet_owner FOREIGN KEY (owner_id) REFERENCES ct_owner(id) NOT VALID");
        assertThat(types(added)).containsExactly(RELATIONSHIP_ADDED);
        assertThat(added.changes().get(0).after()).containsEntry("validated", false);

        SchemaChangeEvent validated = eventOf("ALTER TABLE ct_pet VALIDATE CONSTRAINT pet_owner");
        assertThat(types(validated)).containsExactly(RELATIONSHIP_MODIFIED);
        assertThat(validated.changes().get(0).aspects()).containsExactly(ChangeAspect.VALIDATION);

        SchemaChangeEvent removed = eventOf("ALTER TABLE ct_pet DROP CONSTRAINT pet_owner");
        assertThat(types(removed)).containsExactly(RELATIONSHIP_REMOVED);
    }

    @Test
    void indexesAddedAndRemoved() throws SQLException {
        sql("CREATE TABLE ct_indexed (id int, name text)");

        SchemaChangeEvent created = eventOf("CREATE INDEX ct_indexed_name ON ct_indexed (name)");
        assertThat(created.objectName()).isEqualTo("ct_indexed");
        assertThat(types(created)).containsExactly(INDEX_ADDED);

        SchemaChangeEvent dropped = eventOf("DROP INDEX ct_indexed_name");
        assertThat(dropped.objectName()).isEqualTo("ct_indexed");
        assertThat(types(dropped)).containsExactly(INDEX_REMOVED);
        assertThat(dropped.changes().get(0).name()).isEqualTo("ct_indexed_name");
    }

    @Test
    void tableRenamedAndRemoved() throws SQLException {
        sql("CREATE TABLE ct_old_name (id int)");

        SchemaChangeEvent renamed = eventOf("ALTER TABLE ct_old_name RENAME TO ct_new_name");
        assertThat(types(renamed)).containsExactly(TABLE_RENAMED);
        assertThat(renamed.changes().get(0).previousName()).isEqualTo("public.ct_old_name");
        assertThat(renamed.objectName()).isEqualTo("ct_new_name");

        SchemaChangeEvent removed = eventOf("DROP TABLE ct_new_name");
        assertThat(types(removed)).containsExactly(TABLE_REMOVED);
        assertThat(removed.before()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("ct_new_name"));
    }

    @Test
    void viewsAddedModifiedAndRemoved() throws SQLException {
        sql("CREATE TABLE ct_base (id int, total numeric)");

        assertThat(types(eventOf("CREATE VIEW ct_totals AS SELECT id, total FROM ct_base"))).containsExactly(VIEW_ADDED);
        assertThat(types(eventOf("CREATE OR REPLACE VIEW ct_totals AS SELECT id, total, total * 2 AS doubled FROM ct_base")))
                .containsExactly(VIEW_MODIFIED, COLUMN_ADDED);
        assertThat(types(eventOf("DROP VIEW ct_totals"))).containsExactly(VIEW_REMOVED);
        assertThat(types(eventOf("CREATE MATERIALIZED VIEW ct_snapshot AS SELECT id FROM ct_base"))).containsExactly(VIEW_ADDED);
    }

    @Test
    void enumTypesAndTheirValues() throws SQLException {
        assertThat(types(eventOf("CREATE TYPE ct_mood AS ENUM ('sad', 'ok')"))).containsExactly(TYPE_ADDED);

        SchemaChangeEvent added = eventOf("ALTER TYPE ct_mood ADD VALUE 'happy'");
        assertThat(types(added)).containsExactly(ENUM_VALUE_ADDED);
        assertThat(added.changes().get(0).name()).isEqualTo("happy");

        SchemaChangeEvent renamed = eventOf("ALTER TYPE ct_mood RENAME VALUE 'ok' TO 'fine'");
        assertThat(types(renamed)).containsExactly(ENUM_VALUE_RENAMED);
        assertThat(renamed.changes().get(0).previousName()).isEqualTo("ok");

        assertThat(types(eventOf("DROP TYPE ct_mood"))).containsExactly(TYPE_REMOVED);
    }

    @Test
    void schemasAddedRenamedAndRemoved() throws SQLException {
        assertThat(types(eventOf("CREATE SCHEMA ct_sales"))).containsExactly(SCHEMA_ADDED);
        SchemaChangeEvent renamed = eventOf("ALTER SCHEMA ct_sales RENAME TO ct_revenue");
        assertThat(types(renamed)).containsExactly(SCHEMA_RENAMED);
        assertThat(renamed.changes().get(0).previousName()).isEqualTo("ct_sales");
        assertThat(types(eventOf("DROP SCHEMA ct_revenue"))).containsExactly(SCHEMA_REMOVED);
    }

    @Test
    void partitionsAttachedAndDetached() throws SQLException {
        sql("CREATE TABLE ct_events (id int, at date) PARTITION BY RANGE (at)");

        SchemaChangeEvent created = eventOf("CREATE TABLE ct_events_2026 PARTITION OF ct_events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        assertThat(types(created)).contains(TABLE_ADDED, PARTITION_ATTACHED);

        SchemaChangeEvent detached = eventOf("ALTER TABLE ct_events DETACH PARTITION ct_events_2026");
        assertThat(types(detached)).contains(PARTITION_DETACHED);
        assertThat(detached.changes()).filteredOn(c -> c.type() == PARTITION_DETACHED)
                .extracting(AtomicChange::name).contains("public.ct_events_2026");
    }

    @Test
    void rowLevelSecurityAndPolicies() throws SQLException {
        sql("CREATE TABLE ct_secured (id int, owner name)");

        assertThat(types(eventOf("ALTER TABLE ct_secured ENABLE ROW LEVEL SECURITY"))).containsExactly(ROW_SECURITY_ENABLED);
        SchemaChangeEvent policy = eventOf("CREATE POLICY own_rows ON ct_secured USING (owner = current_user)");
        assertThat(policy.objectName()).isEqualTo("ct_secured");
        assertThat(types(policy)).containsExactly(POLICY_ADDED);
        assertThat(types(eventOf("DROP POLICY own_rows ON ct_secured"))).containsExactly(POLICY_REMOVED);
    }

    @Test
    void commentsOnTablesAndColumns() throws SQLException {
        sql("CREATE TABLE ct_commented (id int)");

        assertThat(types(eventOf("COMMENT ON TABLE ct_commented IS 'orders of the shop'"))).containsExactly(COMMENT_CHANGED);
        SchemaChangeEvent column = eventOf("COMMENT ON COLUMN ct_commented.id IS 'the key'");
        assertThat(types(column)).containsExactly(COMMENT_CHANGED);
        assertThat(column.changes().get(0).name()).isEqualTo("id");
    }

    @Test
    void unknownDdlIsStillAnEvent() throws SQLException {
        SchemaChangeEvent function = eventOf("CREATE FUNCTION ct_answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
        assertThat(types(function)).containsExactly(OTHER);
        assertThat(function.changes().get(0).summary()).contains("CREATE FUNCTION");
    }

    @Test
    void oneAlterWithSeveralActions() throws SQLException {
        sql("CREATE TABLE ct_multi (id int, amount int)");

        SchemaChangeEvent event = eventOf("ALTER TABLE ct_multi ADD COLUMN note text, ALTER COLUMN amount TYPE bigint,"
                + " ADD CONSTRAINT amount_positive CHECK (amount > 0)");

        assertThat(types(event)).containsExactlyInAnyOrder(COLUMN_ADDED, COLUMN_MODIFIED, CONSTRAINT_ADDED);
        assertThat(event.changes()).filteredOn(c -> c.type() == COLUMN_MODIFIED).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("amount"));
    }

    private static java.util.List<ChangeAspect> aspects(SchemaChangeEvent event) {
        assertThat(types(event)).containsExactly(COLUMN_MODIFIED);
        return event.changes().get(0).aspects();
    }
}
