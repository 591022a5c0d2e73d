package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SequenceDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.monitor.capture.CapturedDdl;
import dev.schemawatch.monitor.capture.CapturedDdl.DroppedObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.schemawatch.monitor.change.ColumnBuilder.column;
import static dev.schemawatch.monitor.change.DdlBuilder.ddl;
import static dev.schemawatch.monitor.change.InMemoryKnownDefinitions.knowing;
import static dev.schemawatch.monitor.change.InMemoryKnownDefinitions.nothingKnown;
import static dev.schemawatch.monitor.change.RelationBuilder.from;
import static dev.schemawatch.monitor.change.RelationBuilder.table;
import static dev.schemawatch.monitor.change.RelationDiffTest.ORDERS;
import static dev.schemawatch.monitor.change.SubObjects.check;
import static dev.schemawatch.monitor.change.SubObjects.foreignKey;
import static dev.schemawatch.monitor.change.SubObjects.index;
import static dev.schemawatch.monitor.change.TypeDiffTest.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ChangeDetectorTest {

    private static final SequenceDefinition SERIAL = new SequenceDefinition("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false,
            "public.orders.id");
    private static final RelationDefinition ORDERS_ID_SEQ = RelationBuilder.sequence(121, "public", "orders_id_seq", SERIAL).build();
    private static final RelationDefinition OPEN_ORDERS = RelationBuilder.view(110, "public", "open_orders",
            " SELECT id\n   FROM orders;").column(1, "id", "bigint").build();
    private static final RelationDefinition ORDER_LINES = table(140, "public", "order_lines")
            .column(1, "order_id", "bigint")
            .constraint(foreignKey(241, "lines_order_fk", List.of("order_id"), "public", "orders", List.of("id"), "CASCADE"))
            .build();

    private final ChangeDetector detector = new ChangeDetector();

    private static void assertPrimaryObject(Detection detection, String schema, String objectName, String objectType) {
        assertThat(detection.schema()).isEqualTo(schema);
        assertThat(detection.objectName()).isEqualTo(objectName);
        assertThat(detection.objectType()).isEqualTo(objectType);
    }

    @Nested
    class CreatingRelations {

        @Test
        void aNewTableWithAForeignKey() {
            CapturedDdl ddl = ddl("CREATE TABLE", "CREATE TABLE orders (...)")
                    .command("CREATE TABLE", "table", "public", "public.orders", 100)
                    .command("CREATE INDEX", "index", "public", "public.orders_pkey", 301)
                    .relation(ORDERS).build();

            Detection detection = detector.detect(ddl, nothingKnown());

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::relation, AtomicChange::name)
                    .containsExactly(
                            tuple(ChangeType.TABLE_ADDED, "orders", null),
                            tuple(ChangeType.RELATIONSHIP_ADDED, "orders", "orders_customer_fk"));
            assertThat(detection.changes().get(0).summary()).isEqualTo("table \"public.orders\" created with 3 column(s)");
            assertThat(detection.before()).isEmpty();
            assertThat(detection.after()).containsExactly(ORDERS);
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void aSerialColumnsSequenceIsAddedButTheTableIsThePrimaryObject() {
            CapturedDdl ddl = ddl("CREATE TABLE", "CREATE TABLE orders (id bigserial ...)")
                    .command("CREATE SEQUENCE", "sequence", "public", "public.orders_id_seq", 121)
                    .command("CREATE TABLE", "table", "public", "public.orders", 100)
                    .command("ALTER SEQUENCE", "sequence", "public", "public.orders_id_seq", 121)
                    .relation(ORDERS_ID_SEQ).relation(ORDERS).build();

            Detection detection = detector.detect(ddl, nothingKnown());

            assertThat(detection.changes()).extracting(AtomicChange::type).containsExactly(
                    ChangeType.SEQUENCE_ADDED, ChangeType.TABLE_ADDED, ChangeType.RELATIONSHIP_ADDED);
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void aPartitionCreatedUnderAKnownParentIsAttachedOnceOnTheParent() {
            RelationDefinition parent = table(130, "public", "measurements").partitionKey("RANGE (logged_at)")
                    .column(1, "logged_at", "timestamp with time zone").build();
            RelationDefinition child = table(131, "public", "measurements_2025").column(1, "logged_at", "timestamp with time zone")
                    .partitionOf("public.measurements", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')").build();
            CapturedDdl ddl = ddl("CREATE TABLE", "CREATE TABLE measurements_2025 PARTITION OF measurements ...")
                    .command("CREATE TABLE", "table", "public", "public.measurements_2025", 131)
                    .relation(child).relation(from(parent).partitions("public.measurements_2025").build()).build();

            Detection detection = detector.detect(ddl, knowing(parent));

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::relation, AtomicChange::name)
                    .containsExactly(
                            tuple(ChangeType.TABLE_ADDED, "measurements_2025", null),
                            tuple(ChangeType.PARTITION_ATTACHED, "measurements", "public.measurements_2025"));
            assertThat(detection.before()).containsExactly(parent);
        }

        @Test
        void viewsMaterializedViewsAndTablesFromQueries() {
            RelationDefinition materialized = from(OPEN_ORDERS).kind(RelationKind.MATERIALIZED_VIEW).build();

            assertThat(detector.detect(ddl("CREATE VIEW", "CREATE VIEW open_orders AS ...")
                    .command("CREATE VIEW", "view", "public", "public.open_orders", 110).relation(OPEN_ORDERS).build(),
                    nothingKnown()).changes())
                    .extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.VIEW_ADDED, "view \"public.open_orders\" created"));
            assertThat(detector.detect(ddl("CREATE MATERIALIZED VIEW", "CREATE MATERIALIZED VIEW open_orders AS ...")
                    .command("CREATE MATERIALIZED VIEW", "materialized view", "public", "public.open_orders", 110)
                    .relation(materialized).build(), nothingKnown()).changes())
                    .extracting(AtomicChange::type).containsExactly(ChangeType.VIEW_ADDED);
            assertThat(detector.detect(ddl("CREATE TABLE AS", "CREATE TABLE order_copy AS SELECT ...")
                    .command("CREATE TABLE AS", "table", "public", "public.orders", 100)
                    .relation(from(ORDERS).withoutConstraint(202).build()).build(), nothingKnown()).changes())
                    .extracting(AtomicChange::type).containsExactly(ChangeType.TABLE_ADDED);
        }

        @Test
        void anUnknownRelationThatWasNotCreatedIsFirstSeen() {
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE orders ADD COLUMN note text")
                    .command("ALTER TABLE", "table", "public", "public.orders", 100)
                    .relation(ORDERS).build();

            assertThat(detector.detect(ddl, nothingKnown()).changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.TABLE_ADDED);
                assertThat(change.summary()).isEqualTo("table \"public.orders\" first seen; no earlier definition was known");
            });
        }
    }

    @Nested
    class AlteringRelations {

        @Test
        void oneAlterTableWithSeveralActionsYieldsEachOfThem() {
            RelationDefinition after = from(ORDERS)
                    .column(4, "note", "text")
                    .column(column(2, "email", "text"))
                    .constraint(check(205, "orders_note_check", "CHECK ((length(note) < 500))", "note"))
                    .build();
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE orders ADD COLUMN note text, ALTER COLUMN email TYPE text,"
                    + " ADD CONSTRAINT orders_note_check CHECK (length(note) < 500)")
                    .command("ALTER TABLE", "table", "public", "public.orders", 100)
                    .relation(after).build();

            Detection detection = detector.detect(ddl, knowing(ORDERS));

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::name, AtomicChange::aspects)
                    .containsExactly(
                            tuple(ChangeType.COLUMN_MODIFIED, "email", List.of(ChangeAspect.TYPE)),
                            tuple(ChangeType.COLUMN_ADDED, "note", List.of()),
                            tuple(ChangeType.CONSTRAINT_ADDED, "orders_note_check", List.of()));
            assertThat(detection.before()).containsExactly(ORDERS);
            assertThat(detection.after()).containsExactly(after);
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void aTableRenameIsARename() {
            RelationDefinition after = from(ORDERS).named("public", "purchase_orders").build();
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE orders RENAME TO purchase_orders")
                    .command("ALTER TABLE", "table", "public", "public.purchase_orders", 100)
                    .relation(after).build();

            Detection detection = detector.detect(ddl, knowing(ORDERS));

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::previousName)
                    .containsExactly(tuple(ChangeType.TABLE_RENAMED, "public.orders"));
            assertPrimaryObject(detection, "public", "purchase_orders", "table");
        }

        @Test
        void renamingAPartitionDoesNotDetachIt() {
            RelationDefinition parent = table(130, "public", "measurements").partitionKey("RANGE (logged_at)")
                    .partitions("public.measurements_2025").build();
            RelationDefinition child = table(131, "public", "measurements_2025")
                    .partitionOf("public.measurements", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')").build();
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE measurements_2025 RENAME TO measurements_y2025")
                    .command("ALTER TABLE", "table", "public", "public.measurements_y2025", 131)
                    .relation(from(child).named("public", "measurements_y2025").build())
                    .relation(from(parent).partitions("public.measurements_y2025").build()).build();

            assertThat(detector.detect(ddl, knowing(parent, child)).changes()).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.TABLE_RENAMED);
        }

        @Test
        void aCreatedIndexHasItsTableAsPrimaryObject() {
            RelationDefinition after = from(ORDERS).index(index(303, "orders_email_idx", "public.orders", "email")).build();
            CapturedDdl ddl = ddl("CREATE INDEX", "CREATE INDEX orders_email_idx ON orders (email)")
                    .command("CREATE INDEX", "index", "public", "public.orders_email_idx", 303)
                    .relation(after).build();

            Detection detection = detector.detect(ddl, knowing(ORDERS));

            assertThat(detection.changes()).extracting(AtomicChange::type).containsExactly(ChangeType.INDEX_ADDED);
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void aColumnCommentNamesTheColumnAndTheTableIsThePrimaryObject() {
            RelationDefinition after = from(ORDERS).column(column(2, "email", "character varying(40)").comment("receipts")).build();
            CapturedDdl ddl = ddl("COMMENT", "COMMENT ON COLUMN orders.email IS 'receipts'")
                    .command("COMMENT", "table column", "public", "public.orders.email", 100)
                    .relation(after).build();

            Detection detection = detector.detect(ddl, knowing(ORDERS));

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::name)
                    .containsExactly(tuple(ChangeType.COMMENT_CHANGED, "email"));
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void aGrantOnADescribedRelationChangesItsPrivileges() {
            RelationDefinition after = from(ORDERS).privileges("reporting=r/app").build();
            CapturedDdl ddl = ddl("GRANT", "GRANT SELECT ON orders TO reporting")
                    .command("GRANT", "TABLE", null, null, 0)
                    .relation(after).build();

            Detection detection = detector.detect(ddl, knowing(ORDERS));

            assertThat(detection.changes()).extracting(AtomicChange::type).containsExactly(ChangeType.PRIVILEGES_CHANGED);
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void aDroppedForeignKeyOfADescribedTableIsReportedOnce() {
            RelationDefinition after = from(ORDERS).withoutConstraint(202).build();
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk")
                    .command("ALTER TABLE", "table", "public", "public.orders", 100)
                    .dropped("table constraint", "public", null, "orders_customer_fk on public.orders", 202,
                            "public", "orders", "orders_customer_fk")
                    .relation(after).build();

            assertThat(detector.detect(ddl, knowing(ORDERS)).changes()).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.RELATIONSHIP_REMOVED);
        }
    }

    @Nested
    class Dropping {

        @Test
        void dropIndexFindsItsTableThroughTheKnownDefinitions() {
            RelationDefinition withIndex = from(ORDERS).index(index(303, "orders_email_idx", "public.orders", "email")).build();
            CapturedDdl ddl = ddl("DROP INDEX", "DROP INDEX orders_email_idx")
                    .dropped("index", "public", "orders_email_idx", "public.orders_email_idx", 303, "public", "orders_email_idx")
                    .build();

            Detection detection = detector.detect(ddl, knowing(withIndex));

            assertThat(detection.changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.INDEX_REMOVED);
                assertThat(change.schema()).isEqualTo("public");
                assertThat(change.relation()).isEqualTo("orders");
                assertThat(change.name()).isEqualTo("orders_email_idx");
                assertThat(change.before()).containsEntry("definition",
                        "CREATE INDEX orders_email_idx ON public.orders USING btree (email)");
            });
            assertThat(detection.before()).containsExactly(withIndex);
            assertThat(detection.after()).containsExactly(ORDERS);
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void aDroppedIndexOfADescribedTableIsReportedOnlyByTheDiff() {
            RelationDefinition withIndex = from(ORDERS).index(index(303, "orders_email_idx", "public.orders", "email")).build();
            CapturedDdl ddl = ddl("DROP INDEX", "DROP INDEX orders_email_idx")
                    .dropped("index", "public", "orders_email_idx", "public.orders_email_idx", 303)
                    .relation(ORDERS).build();

            assertThat(detector.detect(ddl, knowing(withIndex)).changes()).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.INDEX_REMOVED);
        }

        @Test
        void anUnknownDroppedConstraintIsNamedFromItsAddress() {
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE orders DROP CONSTRAINT orders_total_check")
                    .dropped("table constraint", "public", null, "orders_total_check on public.orders", 205,
                            "public", "orders", "orders_total_check")
                    .build();

            assertThat(detector.detect(ddl, nothingKnown()).changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.CONSTRAINT_REMOVED);
                assertThat(change.relation()).isEqualTo("orders");
                assertThat(change.name()).isEqualTo("orders_total_check");
                assertThat(change.summary()).isEqualTo("constraint \"orders_total_check\" removed from \"public.orders\"");
            });
        }

        @Test
        void dropTableCascadeTakesTheViewAndTheReferencingForeignKeyWithIt() {
            CapturedDdl ddl = ddl("DROP TABLE", "DROP TABLE orders CASCADE")
                    .dropped("table", "public", "orders", "public.orders", 100, "public", "orders")
                    .droppedWithOwner("type", "public", "orders", "public.orders", 7001)
                    .droppedWithOwner("type", "public", "_orders", "public.orders[]", 7002)
                    .droppedWithOwner("index", "public", "orders_pkey", "public.orders_pkey", 301)
                    .droppedWithOwner("table constraint", "public", null, "orders_pkey on public.orders", 201,
                            "public", "orders", "orders_pkey")
                    .droppedWithOwner("table constraint", "public", null, "orders_customer_fk on public.orders", 202,
                            "public", "orders", "orders_customer_fk")
                    .droppedWithOwner("sequence", "public", "orders_id_seq", "public.orders_id_seq", 121)
                    .droppedByCascade("view", "public", "open_orders", "public.open_orders", 110)
                    .droppedWithOwner("rule", "public", null, "\"_RETURN\" on public.open_orders", 8001,
                            "public", "open_orders", "_RETURN")
                    .droppedWithOwner("type", "public", "open_orders", "public.open_orders", 7003)
                    .droppedWithOwner("type", "public", "_open_orders", "public.open_orders[]", 7004)
                    .droppedByCascade("table constraint", "public", null, "lines_order_fk on public.order_lines", 241,
                            "public", "order_lines", "lines_order_fk")
                    .build();

            Detection detection = detector.detect(ddl, knowing(ORDERS, ORDERS_ID_SEQ, OPEN_ORDERS, ORDER_LINES));

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::relation, AtomicChange::summary)
                    .containsExactly(
                            tuple(ChangeType.TABLE_REMOVED, "orders", "table \"public.orders\" removed"),
                            tuple(ChangeType.SEQUENCE_REMOVED, "orders_id_seq",
                                    "sequence \"public.orders_id_seq\" removed (dropped with the object it belongs to)"),
                            tuple(ChangeType.VIEW_REMOVED, "open_orders",
                                    "view \"public.open_orders\" removed (dropped by CASCADE)"),
                            tuple(ChangeType.RELATIONSHIP_REMOVED, "order_lines", "foreign key \"lines_order_fk\" removed:"
                                    + " FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE (dropped by CASCADE)"));
            assertThat(detection.changes().get(0).before()).containsKeys("columns", "constraints").containsEntry("oid", 100L);
            assertThat(detection.before()).containsExactly(ORDERS, ORDERS_ID_SEQ, OPEN_ORDERS, ORDER_LINES);
            assertThat(detection.after()).containsExactly(from(ORDER_LINES).withoutConstraint(241).build());
            assertPrimaryObject(detection, "public", "orders", "table");
        }

        @Test
        void anUnknownDroppedTableIsDescribedByItsDroppedRow() {
            CapturedDdl ddl = ddl("DROP TABLE", "DROP TABLE legacy")
                    .dropped("table", "public", "legacy", "public.legacy", 160, "public", "legacy")
                    .build();

            assertThat(detector.detect(ddl, nothingKnown()).changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.TABLE_REMOVED);
                assertThat(change.before()).containsExactly(Map.entry("oid", 160L), Map.entry("objectType", "table"),
                        Map.entry("schema", "public"), Map.entry("objectName", "legacy"),
                        Map.entry("objectIdentity", "public.legacy"));
            });
        }

        @Test
        void aColumnDroppedWithItsTypeFromATableTheStatementDidNotDescribe() {
            RelationDefinition withStatus = from(ORDERS).column(4, "status", "order_status").build();
            CapturedDdl ddl = ddl("DROP TYPE", "DROP TYPE order_status CASCADE")
                    .dropped("type", "public", "order_status", "public.order_status", 600)
                    .droppedWithOwner("type", "public", "_order_status", "public.order_status[]", 601)
                    .dropped(new DroppedObject("table column", "public", null, "public.orders.status", 100, 0, 4,
                            false, true, List.of("public", "orders", "status"), List.of()))
                    .build();

            Detection detection = detector.detect(ddl, knowing(withStatus).type(STATUS));

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::relation, AtomicChange::name)
                    .containsExactly(
                            tuple(ChangeType.TYPE_REMOVED, "order_status", null),
                            tuple(ChangeType.COLUMN_REMOVED, "orders", "status"));
            assertThat(detection.after()).containsExactly(ORDERS);
            assertPrimaryObject(detection, "public", "order_status", "type");
        }
    }

    @Nested
    class Schemas {

        @Test
        void createSchemaUnquotesItsName() {
            CapturedDdl ddl = ddl("CREATE SCHEMA", "CREATE SCHEMA \"Sales Team\"")
                    .command("CREATE SCHEMA", "schema", null, "\"Sales Team\"", 2200).build();

            Detection detection = detector.detect(ddl, nothingKnown());

            assertThat(detection.changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.SCHEMA_ADDED);
                assertThat(change.schema()).isEqualTo("Sales Team");
                assertThat(change.relation()).isNull();
                assertThat(change.summary()).isEqualTo("schema \"Sales Team\" created");
            });
            assertPrimaryObject(detection, "Sales Team", null, "schema");
        }

        @Test
        void alterSchemaIsARenameWhenTheKnownNameDiffersAndAnOwnerChangeWhenNot() {
            InMemoryKnownDefinitions known = nothingKnown().schema(2200, "sales");

            assertThat(detector.detect(ddl("ALTER SCHEMA", "ALTER SCHEMA sales RENAME TO commerce")
                    .command("ALTER SCHEMA", "schema", null, "commerce", 2200).build(), known).changes())
                    .extracting(AtomicChange::type, AtomicChange::schema, AtomicChange::previousName, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.SCHEMA_RENAMED, "commerce", "sales",
                            "schema \"sales\" renamed to \"commerce\""));
            assertThat(detector.detect(ddl("ALTER SCHEMA", "ALTER SCHEMA sales OWNER TO sales_admin")
                    .command("ALTER SCHEMA", "schema", null, "sales", 2200).build(), known).changes())
                    .extracting(AtomicChange::type).containsExactly(ChangeType.OWNER_CHANGED);
        }

        @Test
        void withoutAKnownNameTheStatementTellsAnOwnerChangeFromARename() {
            assertThat(detector.detect(ddl("ALTER SCHEMA", "alter schema sales owner to sales_admin")
                    .command("ALTER SCHEMA", "schema", null, "sales", 2200).build(), nothingKnown()).changes())
                    .extracting(AtomicChange::type).containsExactly(ChangeType.OWNER_CHANGED);
            assertThat(detector.detect(ddl("ALTER SCHEMA", "ALTER SCHEMA sales RENAME TO commerce")
                    .command("ALTER SCHEMA", "schema", null, "commerce", 2200).build(), nothingKnown()).changes())
                    .extracting(AtomicChange::type, AtomicChange::previousName)
                    .containsExactly(tuple(ChangeType.SCHEMA_RENAMED, null));
        }

        @Test
        void dropSchemaCascade() {
            CapturedDdl ddl = ddl("DROP SCHEMA", "DROP SCHEMA sales CASCADE")
                    .dropped("schema", null, "sales", "sales", 2200, "sales")
                    .droppedByCascade("table", "sales", "leads", "sales.leads", 170, "sales", "leads")
                    .build();

            Detection detection = detector.detect(ddl, nothingKnown());

            assertThat(detection.changes()).extracting(AtomicChange::type, AtomicChange::schema, AtomicChange::relation)
                    .containsExactly(
                            tuple(ChangeType.SCHEMA_REMOVED, "sales", null),
                            tuple(ChangeType.TABLE_REMOVED, "sales", "leads"));
            assertPrimaryObject(detection, "sales", null, "schema");
        }
    }

    @Nested
    class Types {

        @Test
        void createTypeAndCreateDomain() {
            TypeDefinition email = TypeBuilder.domain(610, "public", "email", "text").build();

            Detection created = detector.detect(ddl("CREATE TYPE", "CREATE TYPE order_status AS ENUM (...)")
                    .command("CREATE TYPE", "type", "public", "public.order_status", 600).type(STATUS).build(), nothingKnown());

            assertThat(created.changes()).extracting(AtomicChange::type).containsExactly(ChangeType.TYPE_ADDED);
            assertThat(created.types()).containsExactly(STATUS);
            assertPrimaryObject(created, "public", "order_status", "type");
            assertThat(detector.detect(ddl("CREATE DOMAIN", "CREATE DOMAIN email AS text")
                    .command("CREATE DOMAIN", "type", "public", "public.email", 610).type(email).build(), nothingKnown())
                    .changes()).extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.TYPE_ADDED, "domain \"public.email\" created over text"));
        }

        @Test
        void addingAndRenamingEnumValues() {
            InMemoryKnownDefinitions known = nothingKnown().type(STATUS);
            TypeDefinition added = TypeBuilder.from(STATUS).labels("new", "paid", "shipped", "returned").build();
            TypeDefinition renamed = TypeBuilder.from(STATUS).labels("new", "settled", "shipped").build();

            assertThat(detector.detect(ddl("ALTER TYPE", "ALTER TYPE order_status ADD VALUE 'returned'")
                    .command("ALTER TYPE", "type", "public", "public.order_status", 600).type(added).build(), known)
                    .changes()).extracting(AtomicChange::type, AtomicChange::name)
                    .containsExactly(tuple(ChangeType.ENUM_VALUE_ADDED, "returned"));
            assertThat(detector.detect(ddl("ALTER TYPE", "ALTER TYPE order_status RENAME VALUE 'paid' TO 'settled'")
                    .command("ALTER TYPE", "type", "public", "public.order_status", 600).type(renamed).build(), known)
                    .changes()).extracting(AtomicChange::type, AtomicChange::name, AtomicChange::previousName)
                    .containsExactly(tuple(ChangeType.ENUM_VALUE_RENAMED, "settled", "paid"));
        }

        @Test
        void dropTypeIgnoresItsArrayType() {
            CapturedDdl ddl = ddl("DROP TYPE", "DROP TYPE order_status")
                    .dropped("type", "public", "order_status", "public.order_status", 600)
                    .droppedWithOwner("type", "public", "_order_status", "public.order_status[]", 601)
                    .build();

            assertThat(detector.detect(ddl, nothingKnown().type(STATUS)).changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.TYPE_REMOVED);
                assertThat(change.before()).containsEntry("labels", List.of("new", "paid", "shipped"));
            });
        }
    }

    @Nested
    class Other {

        @Test
        void unknownDdlStillYieldsOneChange() {
            CapturedDdl ddl = ddl("CREATE FUNCTION", "CREATE FUNCTION total(integer) ...")
                    .command("CREATE FUNCTION", "function", "public", "public.total(integer)", 9001).build();

            Detection detection = detector.detect(ddl, nothingKnown());

            assertThat(detection.changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.OTHER);
                assertThat(change.summary()).isEqualTo("CREATE FUNCTION public.total(integer)");
                assertThat(change.schema()).isEqualTo("public");
                assertThat(change.relation()).isEqualTo("total");
            });
            assertPrimaryObject(detection, "public", "total", "function");
        }

        @Test
        void createExtensionAndAnUnresolvableGrant() {
            assertThat(detector.detect(ddl("CREATE EXTENSION", "CREATE EXTENSION pgcrypto")
                    .command("CREATE EXTENSION", "extension", null, "pgcrypto", 9002).build(), nothingKnown()).changes())
                    .extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.OTHER, "CREATE EXTENSION pgcrypto"));

            Detection grant = detector.detect(ddl("GRANT", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting")
                    .command("GRANT", "TABLE", null, null, 0).build(), nothingKnown());

            assertThat(grant.changes()).extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.OTHER, "GRANT"));
            assertPrimaryObject(grant, null, null, null);
        }

        @Test
        void aStatementThatChangedNothingTheDefinitionsShowIsOther() {
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE orders ALTER COLUMN email SET STATISTICS 500")
                    .command("ALTER TABLE", "table", "public", "public.orders", 100)
                    .relation(from(ORDERS).rowEstimate(12).build()).build();

            assertThat(detector.detect(ddl, knowing(ORDERS)).changes())
                    .extracting(AtomicChange::type, AtomicChange::relation, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.OTHER, "orders", "ALTER TABLE public.orders"));
        }

        @Test
        void anErrorRowIsOneOtherChangeCarryingTheError() {
            CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE orders ADD COLUMN note text")
                    .command("ALTER TABLE", "table", "public", "public.orders", 100)
                    .error("relation_definition failed:\npermission denied for table orders")
                    .build();

            Detection detection = detector.detect(ddl, knowing(ORDERS));

            assertThat(detection.changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.OTHER);
                assertThat(change.summary()).isEqualTo("ALTER TABLE public.orders (definitions could not be captured:"
                        + " relation_definition failed: permission denied for table orders)");
            });
            assertPrimaryObject(detection, "public", "orders", "table");
        }
    }

    @Nested
    class HostileNames {

        private static final String INJECTION = "x\"; drop table t; --";
        private static final String NON_ASCII = "Bestellungen_äöü_订单";
        private static final String LONGEST = "ä".repeat(31) + "x";

        @Test
        void aHostileTableInANonAsciiSchemaTravelsUntouched() {
            RelationDefinition hostile = table(180, NON_ASCII, INJECTION).column(1, LONGEST, "text").build();
            CapturedDdl ddl = ddl("CREATE TABLE", "CREATE TABLE \"Bestellungen_äöü_订单\".\"x\"\"; drop table t; --\" (...)")
                    .command("CREATE TABLE", "table", NON_ASCII, "\"Bestellungen_äöü_订单\".\"x\"\"; drop table t; --\"", 180)
                    .relation(hostile).build();

            Detection detection = detector.detect(ddl, nothingKnown());

            assertThat(detection.changes()).singleElement().satisfies(change -> {
                assertThat(change.schema()).isEqualTo(NON_ASCII);
                assertThat(change.relation()).isEqualTo(INJECTION);
                assertThat(change.summary()).isEqualTo("table \"" + NON_ASCII + "." + INJECTION + "\" created with 1 column(s)");
            });
            assertPrimaryObject(detection, NON_ASCII, INJECTION, "table");
        }

        @Test
        void namesAreTakenOutOfQuotedIdentitiesExactly() {
            assertThat(LONGEST.getBytes(StandardCharsets.UTF_8)).hasSize(63);
            CapturedDdl function = ddl("CREATE FUNCTION", "CREATE FUNCTION ...")
                    .command("CREATE FUNCTION", "function", NON_ASCII,
                            "\"Bestellungen_äöü_订单\".\"x\"\"; drop table t; --\"(integer)", 9003).build();
            CapturedDdl schema = ddl("CREATE SCHEMA", "CREATE SCHEMA ...")
                    .command("CREATE SCHEMA", "schema", null, LONGEST, 2300).build();

            assertPrimaryObject(detector.detect(function, nothingKnown()), NON_ASCII, INJECTION, "function");
            assertThat(detector.detect(schema, nothingKnown()).changes()).extracting(AtomicChange::schema)
                    .containsExactly(LONGEST);
        }

        @Test
        void anUnknownDroppedHostileTableKeepsItsName() {
            CapturedDdl ddl = ddl("DROP TABLE", "DROP TABLE ...")
                    .dropped("table", NON_ASCII, LONGEST, "\"Bestellungen_äöü_订单\"." + LONGEST, 181, NON_ASCII, LONGEST)
                    .build();

            Detection detection = detector.detect(ddl, nothingKnown());

            assertThat(detection.changes()).extracting(AtomicChange::schema, AtomicChange::relation)
                    .containsExactly(tuple(NON_ASCII, LONGEST));
            assertPrimaryObject(detection, NON_ASCII, LONGEST, "table");
        }
    }

    @Nested
    class Drift {

        @Test
        void aRelationChangedBehindTheTriggersIsDiffed() {
            RelationDefinition after = from(ORDERS).column(4, "note", "text").build();

            assertThat(ChangeDetector.drift(ORDERS, after)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.COLUMN_ADDED);
            assertThat(ChangeDetector.drift(ORDERS, ORDERS)).isEmpty();
        }

        @Test
        void aRelationThatAppearedOrVanished() {
            assertThat(ChangeDetector.drift(null, ORDERS)).extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.TABLE_ADDED,
                            "table \"public.orders\" first seen; no earlier definition was known"));
            assertThat(ChangeDetector.drift(OPEN_ORDERS, null)).extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.VIEW_REMOVED, "view \"public.open_orders\" removed"));
        }
    }

    @Test
    void theSameInputGivesTheSameDetection() {
        RelationDefinition after = from(ORDERS).column(column(2, "mail", "text")).owner("x").rowSecurity(true).build();
        CapturedDdl ddl = ddl("ALTER TABLE", "ALTER TABLE ...").command("ALTER TABLE", "table", "public", "public.orders", 100)
                .relation(after).build();

        Detection first = detector.detect(ddl, knowing(ORDERS));
        Detection second = detector.detect(ddl, knowing(ORDERS));

        assertThat(second).isEqualTo(first);
        assertThat(first.changes()).extracting(AtomicChange::type).containsExactly(ChangeType.ROW_SECURITY_ENABLED,
                ChangeType.OWNER_CHANGED, ChangeType.COLUMN_RENAMED, ChangeType.COLUMN_MODIFIED);
        assertThat(first.changes().get(3).after()).containsOnlyKeys("attnum", "name", "type", "notNull");
    }
}
