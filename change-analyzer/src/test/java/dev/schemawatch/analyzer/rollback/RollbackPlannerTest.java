package dev.schemawatch.analyzer.rollback;

import dev.schemawatch.analyzer.fixtures.Events;
import dev.schemawatch.analyzer.fixtures.Tables;
import dev.schemawatch.contracts.impact.RollbackStep;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.schema.TypeDefinition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static org.assertj.core.api.Assertions.assertThat;

class RollbackPlannerTest {

    private final RollbackPlanner planner = new RollbackPlanner();

    private static Tables.TableBuilder orders(long rows) {
        return Tables.table("public", "orders")
                .column(column(1, "id", "bigint").notNull())
                .column(column(2, "email", "character varying(40)"))
                .column(column(3, "amount", "integer").notNull().defaultValue("0"))
                .column(column(4, "customer_id", "bigint"))
                .constraint(Tables.primaryKey("orders_pkey", "id"))
                .index(Tables.uniqueIndex("public", "orders", "orders_pkey", true, "id"))
                .rows(rows);
    }

    private RollbackStep only(SchemaChangeEvent event) {
        List<RollbackStep> plan = planner.plan(event);
        assertThat(plan).hasSize(1);
        return plan.get(0);
    }

    private static SchemaChangeEvent alter(RelationDefinition before, RelationDefinition after, AtomicChange... changes) {
        return Events.event("ALTER TABLE", "ALTER TABLE ...").before(before).after(after).change(changes).build();
    }

    @Nested
    class Columns {

        private final RelationDefinition before = orders(12_000).build();

        @Test
        void anAddedColumnIsDroppedAndWhatWasWrittenToItIsNoted() {
            RelationDefinition after = Tables.from(before).column("note", "text").build();

            RollbackStep step = only(alter(before, after, Events.columnAdded(after, "note")));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" DROP COLUMN \"note\";");
            assertThat(step.reversible()).isTrue();
            assertThat(step.note()).contains("values written to note since are lost");
        }

        @Test
        void aRemovedColumnComesBackAsStructureOnly() {
            RelationDefinition after = Tables.from(before).withoutColumn("amount").build();

            RollbackStep step = only(alter(before, after, Events.columnRemoved(before, after, "amount")));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" ADD COLUMN \"amount\" integer DEFAULT 0 NOT NULL;");
            assertThat(step.reversible()).isFalse();
            assertThat(step.dataLoss()).isEqualTo("values of column public.orders.amount (~12,000 rows)");
        }

        @Test
        void aRemovedNotNullColumnWithoutDefaultComesBackNullableOnATableWithRows() {
            RelationDefinition withCode = Tables.from(before).column(column(5, "code", "text").notNull().collation("C")).build();
            RelationDefinition after = Tables.from(withCode).withoutColumn("code").build();

            RollbackStep step = only(alter(withCode, after, Events.columnRemoved(withCode, after, "code")));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" ADD COLUMN \"code\" text COLLATE \"C\";");
            assertThat(step.note()).contains("SET NOT NULL");
        }

        @Test
        void aRenamedColumnGetsItsNameBack() {
            RelationDefinition after = Tables.from(before).column(column(before.columns().get(1)).name("contact")).build();

            RollbackStep step = only(alter(before, after, Events.columnRenamed(before, after, "email", "contact")));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" RENAME COLUMN \"contact\" TO \"email\";");
            assertThat(step.reversible()).isTrue();
        }

        @Test
        void aTypeChangeGoesBackWithACastAndAWarningWhenThatNarrows() {
            RelationDefinition after = Tables.from(before).column(column(before.columns().get(1)).type("text")).build();

            RollbackStep step = only(alter(before, after, Events.columnModified(before, after, "email", ChangeAspect.TYPE)));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"email\" TYPE character varying(40)"
                    + " USING \"email\"::character varying(40);");
            assertThat(step.note()).contains("may fail or lose data", "rewrites the table");
        }

        @Test
        void aTypeChangeOfAColumnWithADefaultPutsTheDefaultBackAfterTheCast() {
            RelationDefinition after = Tables.from(before).column(column(before.columns().get(2)).type("bigint")).build();

            RollbackStep step = only(alter(before, after, Events.columnModified(before, after, "amount", ChangeAspect.TYPE)));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"amount\" DROP DEFAULT,"
                    + " ALTER COLUMN \"amount\" TYPE integer USING \"amount\"::integer, ALTER COLUMN \"amount\" SET DEFAULT 0;");
        }

        @Test
        void nullabilityAndDefaultGoBackAspectByAspect() {
            RelationDefinition after = Tables.from(before).column(column(before.columns().get(2)).notNull(false)
                    .defaultValue("42")).build();

            RollbackStep step = only(alter(before, after, Events.columnModified(before, after, "amount",
                    ChangeAspect.NULLABILITY, ChangeAspect.DEFAULT)));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"amount\" SET DEFAULT 0,"
                    + " ALTER COLUMN \"amount\" SET NOT NULL;");
            assertThat(step.note()).contains("fails if NULLs were written since");
        }

        @Test
        void aDroppedDefaultIsSetAgainAndAnAddedOneDropped() {
            RelationDefinition withoutDefault = Tables.from(before).column(column(before.columns().get(2)).defaultValue(null)).build();

            assertThat(only(alter(before, withoutDefault, Events.columnModified(before, withoutDefault, "amount",
                    ChangeAspect.DEFAULT))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"amount\" SET DEFAULT 0;");
            assertThat(only(alter(withoutDefault, before, Events.columnModified(withoutDefault, before, "amount",
                    ChangeAspect.DEFAULT))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"amount\" DROP DEFAULT;");
        }

        @Test
        void identityAndCollationGoBack() {
            RelationDefinition identity = Tables.from(before).column(column(before.columns().get(0)).identity("ALWAYS")).build();
            RelationDefinition collated = Tables.from(before).column(column(before.columns().get(1)).collation("C")).build();

            assertThat(only(alter(before, identity, Events.columnModified(before, identity, "id", ChangeAspect.IDENTITY))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"id\" DROP IDENTITY;");
            RollbackStep identityBack = only(alter(identity, before, Events.columnModified(identity, before, "id",
                    ChangeAspect.IDENTITY)));
            assertThat(identityBack.sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"id\" ADD GENERATED ALWAYS AS IDENTITY;");
            assertThat(identityBack.note()).contains("setval(pg_get_serial_sequence('\"public\".\"orders\"', 'id'), max(\"id\"))");
            assertThat(only(alter(before, collated, Events.columnModified(before, collated, "email", ChangeAspect.COLLATION))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"email\" TYPE character varying(40)"
                            + " COLLATE \"default\" USING \"email\"::character varying(40);");
        }
    }

    @Nested
    class ConstraintsAndIndexes {

        private final RelationDefinition before = orders(12_000).build();
        private final ConstraintDefinition positive = Tables.check("amount_positive", "amount > 0", "amount");
        private final ConstraintDefinition customerFk = Tables.foreignKey("orders_customer_fk", List.of("customer_id"), "public",
                "customers", List.of("id"));

        @Test
        void anAddedConstraintOrForeignKeyIsDropped() {
            RelationDefinition after = Tables.from(before).constraint(customerFk).build();

            RollbackStep step = only(alter(before, after, Events.constraintAdded(after, "orders_customer_fk")));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"orders_customer_fk\";");
            assertThat(step.reversible()).isTrue();
        }

        @Test
        void aRemovedCheckComesBackWithTheAdviceToValidateSeparately() {
            RelationDefinition withCheck = Tables.from(before).constraint(positive).build();

            RollbackStep step = only(alter(withCheck, before, Events.constraintRemoved(withCheck, before, "amount_positive")));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"amount_positive\" CHECK (amount > 0);");
            assertThat(step.note()).contains("CHECK (amount > 0) NOT VALID", "VALIDATE CONSTRAINT \"amount_positive\"");
        }

        @Test
        void aRemovedPrimaryKeyComesBackAndItsIndexWithIt() {
            RelationDefinition after = Tables.from(before).withoutConstraint("orders_pkey").withoutIndex("orders_pkey").build();
            SchemaChangeEvent event = alter(before, after, Events.constraintRemoved(before, after, "orders_pkey"),
                    Events.indexRemoved(before, after, "orders_pkey"));

            List<RollbackStep> plan = planner.plan(event);

            assertThat(plan).extracting(RollbackStep::changeIndex).containsExactly(0, 1);
            assertThat(plan.get(0).sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY (id);");
            assertThat(plan.get(0).note()).contains("CREATE UNIQUE INDEX CONCURRENTLY \"orders_pkey\"", "USING INDEX");
            assertThat(plan.get(1).sql()).isNull();
            assertThat(plan.get(1).note()).contains("restoring constraint orders_pkey");
        }

        @Test
        void aRedefinedConstraintGetsItsPreviousDefinitionBack() {
            RelationDefinition withCheck = Tables.from(before).constraint(positive).build();
            RelationDefinition redefined = Tables.from(before).constraint(Tables.check("amount_positive", "amount >= 0", "amount"))
                    .build();

            RollbackStep step = only(alter(withCheck, redefined, Events.constraintModified(withCheck, redefined, "amount_positive",
                    "amount_positive", ChangeAspect.DEFINITION)));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"amount_positive\","
                    + " ADD CONSTRAINT \"amount_positive\" CHECK (amount > 0);");
        }

        @Test
        void aRenamedConstraintGetsItsNameBackAndValidationNeedsNoUndo() {
            RelationDefinition withCheck = Tables.from(before).constraint(positive).build();
            RelationDefinition renamed = Tables.from(before).constraint(new ConstraintDefinition(positive.oid(), "amount_ok",
                    positive.type(), positive.definition(), positive.columns(), true, false, false, null, null, null, null, null,
                    null)).build();
            RelationDefinition notValid = Tables.from(before).constraint(Tables.notValid(positive)).build();

            assertThat(only(alter(withCheck, renamed, Events.constraintModified(withCheck, renamed, "amount_positive",
                    "amount_ok"))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" RENAME CONSTRAINT \"amount_ok\" TO \"amount_positive\";");
            RollbackStep validated = only(alter(notValid, withCheck, Events.constraintModified(notValid, withCheck,
                    "amount_positive", "amount_positive", ChangeAspect.VALIDATION)));
            assertThat(validated.sql()).isNull();
            assertThat(validated.reversible()).isTrue();
            assertThat(validated.note()).contains("nothing to undo");
        }

        @Test
        void anAddedIndexIsDroppedConcurrently() {
            RelationDefinition after = Tables.from(before).index(Tables.index("public", "orders", "orders_email_idx", "email")).build();

            RollbackStep step = only(alter(before, after, Events.indexAdded(after, "orders_email_idx")));

            assertThat(step.sql()).isEqualTo("DROP INDEX CONCURRENTLY \"public\".\"orders_email_idx\";");
            assertThat(step.note()).contains("outside a transaction block");
        }

        @Test
        void aRemovedIndexIsRebuiltConcurrentlyFromItsDefinition() {
            RelationDefinition withIndex = Tables.from(before).index(Tables.index("public", "orders", "orders_email_idx", "email"))
                    .build();

            RollbackStep step = only(alter(withIndex, before, Events.indexRemoved(withIndex, before, "orders_email_idx")));

            assertThat(step.sql()).isEqualTo("CREATE INDEX CONCURRENTLY orders_email_idx ON public.orders USING btree (email);");
        }

        @Test
        void theIndexOfAnAddedUniqueConstraintGoesWithTheConstraint() {
            RelationDefinition after = Tables.from(before).constraint(Tables.unique("orders_email_key", "email"))
                    .index(Tables.uniqueIndex("public", "orders", "orders_email_key", false, "email")).build();

            List<RollbackStep> plan = planner.plan(alter(before, after, Events.constraintAdded(after, "orders_email_key"),
                    Events.indexAdded(after, "orders_email_key")));

            assertThat(plan).extracting(RollbackStep::changeIndex).containsExactly(1, 0);
            assertThat(plan.get(0).sql()).isNull();
            assertThat(plan.get(1).sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"orders_email_key\";");
        }
    }

    @Nested
    class Relations {

        @Test
        void anAddedTableIsDroppedWithItsRowsAndItsForeignKeysWithIt() {
            RelationDefinition invoices = Tables.table("public", "invoices").column(column(1, "id", "bigint").notNull())
                    .column("customer_id", "bigint")
                    .constraint(Tables.foreignKey("invoices_customer_fk", List.of("customer_id"), "public", "customers", List.of("id")))
                    .build();
            SchemaChangeEvent event = Events.event("CREATE TABLE", "CREATE TABLE invoices (...)").after(invoices)
                    .change(Events.tableAdded(invoices), Events.constraintAdded(invoices, "invoices_customer_fk")).build();

            List<RollbackStep> plan = planner.plan(event);

            assertThat(plan).extracting(RollbackStep::changeIndex).containsExactly(1, 0);
            assertThat(plan.get(0).sql()).isNull();
            assertThat(plan.get(0).note()).contains("dropping public.invoices");
            assertThat(plan.get(1).sql()).isEqualTo("DROP TABLE \"public\".\"invoices\";");
            assertThat(plan.get(1).reversible()).isTrue();
            assertThat(plan.get(1).note()).contains("every row written to it since is lost");
        }

        @Test
        void aDroppedTableIsRecreatedWithoutItsRows() {
            RelationDefinition orders = Tables.from(orders(12_000).build())
                    .constraint(Tables.foreignKey("orders_customer_fk", List.of("customer_id"), "public", "customers", List.of("id")))
                    .index(Tables.index("public", "orders", "orders_email_idx", "email"))
                    .rowSecurity(true).policy(Tables.policy("own_orders", "SELECT", true, "(owner = CURRENT_USER)", "app"))
                    .comment("orders of the shop").privileges("app_owner=arwdDxtm/app_owner", "app=r/app_owner").build();

            RollbackStep step = only(Events.event("DROP TABLE", "DROP TABLE orders").before(orders)
                    .change(Events.tableRemoved(orders)).build());

            assertThat(step.reversible()).isFalse();
            assertThat(step.dataLoss()).isEqualTo("all rows of public.orders (~12,000 rows)");
            assertThat(step.sql()).isEqualTo("""
                    CREATE TABLE "public"."orders" (
                        "id" bigint NOT NULL,
                        "email" character varying(40),
                        "amount" integer DEFAULT 0 NOT NULL,
                        "customer_id" bigint,
                        CONSTRAINT "orders_pkey" PRIMARY KEY (id)
                    );
                    ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_customer_fk" FOREIGN KEY (customer_id) REFERENCES public.customers(id);
                    CREATE INDEX orders_email_idx ON public.orders USING btree (email);
                    ALTER TABLE "public"."orders" ENABLE ROW LEVEL SECURITY;
                    CREATE POLICY "own_orders" ON "public"."orders" AS PERMISSIVE FOR SELECT TO "app" USING ((owner = CURRENT_USER));
                    COMMENT ON TABLE "public"."orders" IS 'orders of the shop';
                    ALTER TABLE "public"."orders" OWNER TO "app_owner";
                    GRANT SELECT ON TABLE "public"."orders" TO "app";""");
        }

        @Test
        void aRenamedTableGetsItsNameAndSchemaBack() {
            RelationDefinition before = orders(10).build();
            RelationDefinition renamed = Tables.from(before).renamed("public", "purchases").build();
            RelationDefinition moved = Tables.from(before).renamed("archive", "orders").build();

            assertThat(only(Events.event("ALTER TABLE", "ALTER TABLE orders RENAME TO purchases").before(before).after(renamed)
                    .change(Events.renamed(before, renamed)).build()).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"purchases\" RENAME TO \"orders\";");
            assertThat(only(Events.event("ALTER TABLE", "ALTER TABLE orders SET SCHEMA archive").before(before).after(moved)
                    .change(Events.renamed(before, moved)).build()).sql())
                    .isEqualTo("ALTER TABLE \"archive\".\"orders\" SET SCHEMA \"public\";");
        }

        @Test
        void persistenceAndForcedRowSecurityGoBack() {
            RelationDefinition before = orders(10).build();
            RelationDefinition after = Tables.from(before).unlogged(true).forceRowSecurity(true).build();

            RollbackStep step = only(alter(before, after, Events.modified(before, after, ChangeAspect.PERSISTENCE,
                    ChangeAspect.FORCE_ROW_SECURITY)));

            assertThat(step.sql()).isEqualTo("ALTER TABLE \"public\".\"orders\" SET LOGGED, NO FORCE ROW LEVEL SECURITY;");
            assertThat(step.note()).contains("rewrites");
        }

        @Test
        void viewsAreDroppedRecreatedAndRestored() {
            RelationDefinition view = Tables.view("public", "order_totals", " SELECT orders.id,\n    orders.amount\n   FROM orders;")
                    .column("id", "bigint").column("amount", "integer").build();
            RelationDefinition widened = Tables.from(view).viewDefinition(" SELECT id, amount, amount * 2 AS doubled FROM orders;")
                    .column("doubled", "integer").build();
            RelationDefinition reworded = Tables.from(view).viewDefinition(" SELECT id, amount FROM orders WHERE amount > 0;").build();

            assertThat(only(Events.event("CREATE VIEW", "CREATE VIEW ...").after(view).change(Events.tableAdded(view)).build()).sql())
                    .isEqualTo("DROP VIEW \"public\".\"order_totals\";");
            assertThat(only(Events.event("DROP VIEW", "DROP VIEW order_totals").before(view).change(Events.tableRemoved(view))
                    .build()).sql())
                    .startsWith("CREATE OR REPLACE VIEW \"public\".\"order_totals\" AS SELECT orders.id,\n    orders.amount\n   FROM orders;");
            assertThat(only(Events.event("CREATE VIEW", "CREATE OR REPLACE VIEW ...").before(view).after(reworded)
                    .change(Events.modified(view, reworded, ChangeAspect.DEFINITION)).build()).sql())
                    .isEqualTo("CREATE OR REPLACE VIEW \"public\".\"order_totals\" AS SELECT orders.id,\n    orders.amount\n   FROM orders;");
            List<RollbackStep> widenedBack = planner.plan(Events.event("CREATE VIEW", "CREATE OR REPLACE VIEW ...").before(view)
                    .after(widened).change(Events.modified(view, widened, ChangeAspect.DEFINITION), Events.columnAdded(widened, "doubled"))
                    .build());
            assertThat(widenedBack).extracting(RollbackStep::changeIndex).containsExactly(1, 0);
            assertThat(widenedBack.get(0).sql()).isNull();
            assertThat(widenedBack.get(1).sql()).startsWith("DROP VIEW \"public\".\"order_totals\";\nCREATE VIEW \"public\".\"order_totals\" AS");
        }

        @Test
        void aDroppedMaterializedViewIsRecomputedWithItsIndexes() {
            RelationDefinition snapshot = Tables.materializedView("public", "order_snapshot", " SELECT id FROM orders;")
                    .index(Tables.index("public", "order_snapshot", "order_snapshot_id", "id")).build();

            RollbackStep step = only(Events.event("DROP MATERIALIZED VIEW", "DROP MATERIALIZED VIEW order_snapshot").before(snapshot)
                    .change(Events.tableRemoved(snapshot)).build());

            assertThat(step.sql()).startsWith("CREATE MATERIALIZED VIEW \"public\".\"order_snapshot\" AS SELECT id FROM orders;\n"
                    + "CREATE INDEX order_snapshot_id ON public.order_snapshot USING btree (id);");
            assertThat(step.note()).contains("recomputes");
        }

        @Test
        void sequencesComeBackWithTheirParametersButNotTheirValue() {
            RelationDefinition sequence = Tables.sequence("public", "invoice_numbers", null).build();

            RollbackStep step = only(Events.event("DROP SEQUENCE", "DROP SEQUENCE invoice_numbers").before(sequence)
                    .change(Events.tableRemoved(sequence)).build());

            assertThat(step.sql()).isEqualTo("CREATE SEQUENCE \"public\".\"invoice_numbers\" AS bigint INCREMENT BY 1 MINVALUE 1"
                    + " MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;");
            assertThat(step.reversible()).isFalse();
            assertThat(step.dataLoss()).isEqualTo("the sequence's current value");
        }

        @Test
        void partitionsAreDetachedAndReattachedWithTheirBound() {
            RelationDefinition parent = Tables.table("public", "events").partitionKey("RANGE (at)").column("at", "date")
                    .partitions("public.events_2025").build();
            RelationDefinition detached = Tables.from(parent).partitions().build();
            RelationDefinition child = Tables.table("public", "events_2025")
                    .partitionOf("public.events", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')").build();

            assertThat(only(Events.event("ALTER TABLE", "...").before(detached).after(parent)
                    .change(Events.partitionAttached(parent, "public.events_2025")).build()).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"events\" DETACH PARTITION \"public\".\"events_2025\";");
            assertThat(only(Events.event("ALTER TABLE", "...").before(parent, child).after(detached)
                    .change(Events.partitionDetached(detached, "public.events_2025")).build()).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"events\" ATTACH PARTITION \"public\".\"events_2025\""
                            + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');");
        }
    }

    @Nested
    class TypesAndSchemas {

        private final TypeDefinition mood = Tables.enumType("public", "mood", "sad", "ok", "happy");

        @Test
        void anAddedEnumValueCannotBeDropped() {
            TypeDefinition more = Tables.withLabels(mood, "sad", "ok", "happy", "ecstatic");

            RollbackStep step = only(Events.event("ALTER TYPE", "ALTER TYPE mood ADD VALUE 'ecstatic'").types(more)
                    .change(Events.enumValueAdded(more, "ecstatic")).build());

            assertThat(step.sql()).isNull();
            assertThat(step.reversible()).isFalse();
            assertThat(step.note()).contains("PostgreSQL cannot drop an enum value", "'ecstatic'");
        }

        @Test
        void aRemovedEnumValueIsAddedBackInItsPlace() {
            TypeDefinition less = Tables.withLabels(mood, "sad", "happy");

            RollbackStep step = only(Events.event("RECONCILIATION", null).types(less)
                    .change(Events.enumValueRemoved(mood, less, "ok")).build());

            assertThat(step.sql()).isEqualTo("ALTER TYPE \"public\".\"mood\" ADD VALUE 'ok' BEFORE 'happy';");
            assertThat(step.reversible()).isFalse();
        }

        @Test
        void renamedValuesTypesAndSchemasGetTheirNamesBack() {
            TypeDefinition renamedValue = Tables.withLabels(mood, "sad", "fine", "happy");
            TypeDefinition feeling = Tables.renamed(mood, "feeling");

            assertThat(only(Events.event("ALTER TYPE", "...").types(renamedValue)
                    .change(Events.enumValueRenamed(mood, renamedValue, "ok", "fine")).build()).sql())
                    .isEqualTo("ALTER TYPE \"public\".\"mood\" RENAME VALUE 'fine' TO 'ok';");
            assertThat(only(Events.event("ALTER TYPE", "...").types(feeling).change(Events.typeRenamed(mood, feeling)).build()).sql())
                    .isEqualTo("ALTER TYPE \"public\".\"feeling\" RENAME TO \"mood\";");
            assertThat(only(Events.event("ALTER SCHEMA", "...")
                    .change(Events.schemaChange(ChangeType.SCHEMA_RENAMED, "revenue", "sales")).build()).sql())
                    .isEqualTo("ALTER SCHEMA \"revenue\" RENAME TO \"sales\";");
        }

        @Test
        void typesAreDroppedAndRecreated() {
            assertThat(only(Events.event("CREATE TYPE", "...").types(mood).change(Events.typeAdded(mood)).build()).sql())
                    .isEqualTo("DROP TYPE \"public\".\"mood\";");
            assertThat(only(Events.event("DROP TYPE", "...").change(Events.typeRemoved(mood)).build()).sql())
                    .isEqualTo("CREATE TYPE \"public\".\"mood\" AS ENUM ('sad', 'ok', 'happy');\n"
                            + "ALTER TYPE \"public\".\"mood\" OWNER TO \"owner\";");
        }

        @Test
        void schemasAreDroppedRestrictedAndRecreatedEmpty() {
            assertThat(only(Events.event("CREATE SCHEMA", "...").change(Events.schemaChange(ChangeType.SCHEMA_ADDED, "sales", null))
                    .build()).sql()).isEqualTo("DROP SCHEMA \"sales\" RESTRICT;");
            RollbackStep removed = only(Events.event("DROP SCHEMA", "...")
                    .change(Events.schemaChange(ChangeType.SCHEMA_REMOVED, "sales", null)).build());
            assertThat(removed.sql()).isEqualTo("CREATE SCHEMA \"sales\";");
            assertThat(removed.reversible()).isFalse();
        }
    }

    @Nested
    class SecurityAndMetadata {

        private final RelationDefinition before = orders(10).build();

        @Test
        void rowSecurityIsSwitchedBack() {
            RelationDefinition secured = Tables.from(before).rowSecurity(true).build();

            assertThat(only(alter(before, secured, Events.relationLevel(ChangeType.ROW_SECURITY_ENABLED, before, secured))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" DISABLE ROW LEVEL SECURITY;");
            assertThat(only(alter(secured, before, Events.relationLevel(ChangeType.ROW_SECURITY_DISABLED, secured, before))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" ENABLE ROW LEVEL SECURITY;");
        }

        @Test
        void policiesAreDroppedAndRecreated() {
            RelationDefinition withPolicy = Tables.from(before)
                    .policy(Tables.policy("own_orders", "UPDATE", false, "(owner = CURRENT_USER)", "public", "app")).build();

            assertThat(only(alter(before, withPolicy, Events.policyAdded(withPolicy, "own_orders"))).sql())
                    .isEqualTo("DROP POLICY \"own_orders\" ON \"public\".\"orders\";");
            assertThat(only(alter(withPolicy, before, Events.policyRemoved(withPolicy, before, "own_orders"))).sql())
                    .isEqualTo("CREATE POLICY \"own_orders\" ON \"public\".\"orders\" AS RESTRICTIVE FOR UPDATE TO PUBLIC, \"app\""
                            + " USING ((owner = CURRENT_USER));");
        }

        @Test
        void triggersAreDroppedRecreatedAndSwitchedBack() {
            RelationDefinition audited = Tables.from(before).trigger(Tables.trigger("public", "orders", "orders_audit", true)).build();
            RelationDefinition disabled = Tables.from(before).trigger(Tables.trigger("public", "orders", "orders_audit", false)).build();

            assertThat(only(alter(audited, before, Events.triggerRemoved(audited, before, "orders_audit"))).sql())
                    .isEqualTo("CREATE TRIGGER orders_audit BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION audit();");
            assertThat(only(alter(audited, disabled, Events.triggerModified(audited, disabled, "orders_audit",
                    ChangeAspect.ENABLED))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" ENABLE TRIGGER \"orders_audit\";");
        }

        @Test
        void commentsGoBackToTheirOldTextOrToNone() {
            RelationDefinition commented = Tables.from(before).comment("it's the orders").build();
            RelationDefinition columnCommented = Tables.from(before).column(column(before.columns().get(1)).comment("contact")).build();

            assertThat(only(alter(commented, before, Events.relationLevel(ChangeType.COMMENT_CHANGED, commented, before))).sql())
                    .isEqualTo("COMMENT ON TABLE \"public\".\"orders\" IS 'it''s the orders';");
            assertThat(only(alter(before, commented, Events.relationLevel(ChangeType.COMMENT_CHANGED, before, commented))).sql())
                    .isEqualTo("COMMENT ON TABLE \"public\".\"orders\" IS NULL;");
            assertThat(only(alter(columnCommented, before, Events.columnCommentChanged(columnCommented, before, "email"))).sql())
                    .isEqualTo("COMMENT ON COLUMN \"public\".\"orders\".\"email\" IS 'contact';");
        }

        @Test
        void ownerAndPrivilegesGoBack() {
            RelationDefinition reowned = Tables.from(before).owner("intern").build();
            RelationDefinition granted = Tables.from(before).privileges("app_owner=arwdDxtm/app_owner", "app=arwd/app_owner").build();
            RelationDefinition changed = Tables.from(before).privileges("app_owner=arwdDxtm/app_owner", "app=r*/app_owner",
                    "=r/app_owner").build();

            assertThat(only(alter(before, reowned, Events.relationLevel(ChangeType.OWNER_CHANGED, before, reowned))).sql())
                    .isEqualTo("ALTER TABLE \"public\".\"orders\" OWNER TO \"app_owner\";");
            assertThat(only(alter(granted, changed, Events.relationLevel(ChangeType.PRIVILEGES_CHANGED, granted, changed))).sql())
                    .isEqualTo("""
                            REVOKE GRANT OPTION FOR SELECT ON TABLE "public"."orders" FROM "app";
                            GRANT INSERT, UPDATE, DELETE ON TABLE "public"."orders" TO "app";
                            REVOKE SELECT ON TABLE "public"."orders" FROM PUBLIC;""");
        }

        @Test
        void whatSchemawatchDoesNotUnderstandHasNoInverse() {
            RollbackStep step = only(Events.event("CREATE FUNCTION", "CREATE FUNCTION answer() ...")
                    .change(Events.other("public", "answer", "CREATE FUNCTION public.answer()")).build());

            assertThat(step.sql()).isNull();
            assertThat(step.reversible()).isFalse();
            assertThat(step.note()).startsWith("no automatic inverse: CREATE FUNCTION public.answer()");
        }
    }

    @Nested
    class Order {

        @Test
        void additionsAreUndoneLastFirst() {
            RelationDefinition before = orders(10).build();
            RelationDefinition after = Tables.from(before).column("note", "text")
                    .constraint(Tables.check("note_short", "length(note) < 100", "note")).build();

            List<RollbackStep> plan = planner.plan(alter(before, after, Events.columnAdded(after, "note"),
                    Events.constraintAdded(after, "note_short")));

            assertThat(plan).extracting(RollbackStep::changeIndex).containsExactly(1, 0);
        }

        @Test
        void whatADropTookIsRestoredColumnFirstThenWhatNeedsIt() {
            RelationDefinition before = Tables.from(orders(10).build())
                    .constraint(Tables.check("email_lower", "email = lower(email)", "email"))
                    .index(Tables.index("public", "orders", "orders_email_idx", "email")).build();
            RelationDefinition after = Tables.from(before).withoutColumn("email").withoutConstraint("email_lower")
                    .withoutIndex("orders_email_idx").build();

            List<RollbackStep> plan = planner.plan(alter(before, after, Events.columnRemoved(before, after, "email"),
                    Events.constraintRemoved(before, after, "email_lower"), Events.indexRemoved(before, after, "orders_email_idx")));

            assertThat(plan).extracting(RollbackStep::changeIndex).containsExactly(0, 1, 2);
            assertThat(plan.get(0).sql()).contains("ADD COLUMN \"email\"");
        }

        @Test
        void droppedTablesComeBackParentsFirstAndViewsLast() {
            RelationDefinition customers = Tables.table("public", "customers").column(column(1, "id", "bigint").notNull())
                    .constraint(Tables.primaryKey("customers_pkey", "id")).dependentViews("public.customer_orders").build();
            RelationDefinition orders = Tables.from(orders(10).build())
                    .constraint(Tables.foreignKey("orders_customer_fk", List.of("customer_id"), "public", "customers", List.of("id")))
                    .build();
            RelationDefinition view = Tables.view("public", "customer_orders", " SELECT 1;").build();
            SchemaChangeEvent event = Events.event("DROP TABLE", "DROP TABLE orders, customers CASCADE")
                    .before(orders, customers, view)
                    .change(Events.tableRemoved(view), Events.tableRemoved(orders), Events.tableRemoved(customers)).build();

            List<RollbackStep> plan = planner.plan(event);

            assertThat(plan).extracting(RollbackStep::changeIndex).containsExactly(2, 1, 0);
        }
    }

    @Nested
    class HostileNames {

        private static final String HOSTILE = "x\"; drop table t; --";
        private static final String QUOTED = "\"x\"\"; drop table t; --\"";

        @Test
        void everyNameIsQuotedWhateverItHolds() {
            RelationDefinition before = Tables.table(HOSTILE, HOSTILE).column(column(1, HOSTILE, "text").notNull())
                    .column(column(2, "plain", "integer").comment(HOSTILE))
                    .constraint(Tables.check(HOSTILE, "plain > 0", "plain"))
                    .policy(Tables.policy(HOSTILE, "ALL", true, "true", HOSTILE))
                    .owner(HOSTILE).rows(5).build();
            RelationDefinition renamedColumn = Tables.from(before).column(column(before.columns().get(0)).name(HOSTILE + "2")).build();
            RelationDefinition withoutColumn = Tables.from(before).withoutColumn(HOSTILE).build();
            RelationDefinition bare = Tables.from(before).withoutConstraint(HOSTILE).withoutPolicy(HOSTILE).owner("app").build();
            TypeDefinition type = Tables.enumType(HOSTILE, HOSTILE, HOSTILE, "ok");
            SchemaChangeEvent event = Events.event("ALTER TABLE", "...").before(before).types(type)
                    .after(Tables.from(bare).renamed(HOSTILE, HOSTILE).build())
                    .change(Events.columnRenamed(before, renamedColumn, HOSTILE, HOSTILE + "2"),
                            Events.columnRemoved(before, withoutColumn, HOSTILE),
                            Events.constraintRemoved(before, bare, HOSTILE),
                            Events.policyRemoved(before, bare, HOSTILE),
                            Events.relationLevel(ChangeType.OWNER_CHANGED, before, bare),
                            Events.enumValueRenamed(type, Tables.withLabels(type, "renamed", "ok"), HOSTILE, "renamed"),
                            Events.schemaChange(ChangeType.SCHEMA_ADDED, HOSTILE, null),
                            Events.tableRemoved(before))
                    .build();

            List<RollbackStep> plan = planner.plan(event);

            assertThat(plan).hasSize(8).allSatisfy(step -> {
                assertThat(step.sql()).isNotNull();
                String withoutQuotedNames = step.sql().replace(QUOTED, "").replace("'x\"; drop table t; --'", "")
                        .replace("\"x\"\"; drop table t; --2\"", "");
                assertThat(withoutQuotedNames).as(step.sql()).doesNotContain("drop table t");
            });
            assertThat(plan).anySatisfy(step -> assertThat(step.sql())
                    .isEqualTo("ALTER TABLE " + QUOTED + "." + QUOTED + " RENAME COLUMN \"x\"\"; drop table t; --2\" TO " + QUOTED + ";"));
            assertThat(plan).anySatisfy(step -> assertThat(step.sql())
                    .isEqualTo("ALTER TABLE " + QUOTED + "." + QUOTED + " ADD COLUMN " + QUOTED + " text;"));
        }

        @Test
        void aTypeTextThatIsNoTypeNeverBecomesSql() {
            RelationDefinition before = Tables.table("public", "orders").column(column(1, "id", "integer); DROP TABLE t; --"))
                    .rows(5).build();
            RelationDefinition after = Tables.from(before).withoutColumn("id").build();

            RollbackStep step = only(alter(before, after, Events.columnRemoved(before, after, "id")));

            assertThat(step.sql()).isNull();
            assertThat(step.note()).contains("type could not be read back");
        }
    }
}
