package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SequenceDefinition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.schemawatch.monitor.change.ColumnBuilder.column;
import static dev.schemawatch.monitor.change.RelationBuilder.from;
import static dev.schemawatch.monitor.change.RelationBuilder.table;
import static dev.schemawatch.monitor.change.SubObjects.check;
import static dev.schemawatch.monitor.change.SubObjects.deferrable;
import static dev.schemawatch.monitor.change.SubObjects.foreignKey;
import static dev.schemawatch.monitor.change.SubObjects.index;
import static dev.schemawatch.monitor.change.SubObjects.notNull;
import static dev.schemawatch.monitor.change.SubObjects.policy;
import static dev.schemawatch.monitor.change.SubObjects.primaryKey;
import static dev.schemawatch.monitor.change.SubObjects.primaryKeyIndex;
import static dev.schemawatch.monitor.change.SubObjects.referencing;
import static dev.schemawatch.monitor.change.SubObjects.renamed;
import static dev.schemawatch.monitor.change.SubObjects.trigger;
import static dev.schemawatch.monitor.change.SubObjects.unique;
import static dev.schemawatch.monitor.change.SubObjects.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RelationDiffTest {

    static final ConstraintDefinition ORDERS_PKEY = primaryKey(201, "orders_pkey", "id");
    static final ConstraintDefinition ORDERS_CUSTOMER_FK = foreignKey(202, "orders_customer_fk", List.of("customer_id"),
            "public", "customers", List.of("id"), "NO ACTION");
    static final IndexDefinition ORDERS_PKEY_INDEX = primaryKeyIndex(301, "orders_pkey", "public.orders", "id");

    static final RelationDefinition ORDERS = table(100, "public", "orders")
            .column(column(1, "id", "bigint").notNull().identity("ALWAYS"))
            .column(2, "email", "character varying(40)")
            .column(3, "customer_id", "bigint")
            .constraint(ORDERS_PKEY)
            .constraint(ORDERS_CUSTOMER_FK)
            .index(ORDERS_PKEY_INDEX)
            .build();

    private static ColumnDefinition email() {
        return ORDERS.columns().get(1);
    }

    @Nested
    class Columns {

        @Test
        void anAddedAndADroppedColumnAreReportedWithTheirDefinitions() {
            RelationDefinition after = from(ORDERS).withoutColumn(2).column(column(4, "note", "text").notNull()
                    .defaultValue("''::text")).build();

            List<AtomicChange> changes = RelationDiff.between(ORDERS, after);

            assertThat(changes).extracting(AtomicChange::type, AtomicChange::name, AtomicChange::summary).containsExactly(
                    tuple(ChangeType.COLUMN_REMOVED, "email", "column \"email\" removed (was character varying(40))"),
                    tuple(ChangeType.COLUMN_ADDED, "note", "column \"note\" added: text NOT NULL DEFAULT ''::text"));
            assertThat(changes.get(0).before()).containsEntry("attnum", 2).containsEntry("type", "character varying(40)");
            assertThat(changes.get(0).after()).isNull();
            assertThat(changes.get(1).after()).containsEntry("notNull", true).containsEntry("defaultValue", "''::text");
            assertThat(changes).allSatisfy(change -> {
                assertThat(change.schema()).isEqualTo("public");
                assertThat(change.relation()).isEqualTo("orders");
            });
        }

        @Test
        void aRenameKeepsTheAttnumSoItIsARenameNotADropAndAnAdd() {
            RelationDefinition after = from(ORDERS).column(column(2, "contact_email", "character varying(40)")).build();

            List<AtomicChange> changes = RelationDiff.between(ORDERS, after);

            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.COLUMN_RENAMED);
                assertThat(change.name()).isEqualTo("contact_email");
                assertThat(change.previousName()).isEqualTo("email");
                assertThat(change.summary()).isEqualTo("column \"email\" renamed to \"contact_email\"");
                assertThat(change.before()).containsEntry("name", "email");
                assertThat(change.after()).containsEntry("name", "contact_email");
            });
        }

        @Test
        void aRenameTogetherWithATypeChangeIsARenameAndAModification() {
            RelationDefinition after = from(ORDERS).column(column(2, "contact_email", "text")).build();

            List<AtomicChange> changes = RelationDiff.between(ORDERS, after);

            assertThat(changes).extracting(AtomicChange::type, AtomicChange::name, AtomicChange::aspects).containsExactly(
                    tuple(ChangeType.COLUMN_RENAMED, "contact_email", List.of()),
                    tuple(ChangeType.COLUMN_MODIFIED, "contact_email", List.of(ChangeAspect.TYPE)));
            assertThat(changes.get(1).summary()).isEqualTo("column \"contact_email\" type character varying(40) -> text");
        }

        @Test
        void aTypeChangeReadsAsOneLine() {
            RelationDefinition after = from(ORDERS).column(column(2, "email", "text")).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.COLUMN_MODIFIED);
                assertThat(change.aspects()).containsExactly(ChangeAspect.TYPE);
                assertThat(change.summary()).isEqualTo("column \"email\" type character varying(40) -> text");
            });
        }

        @Test
        void everyAspectOfAColumnIsNamed() {
            RelationDefinition before = from(ORDERS)
                    .column(column(4, "total", "numeric").generated("(price * quantity)"))
                    .column(5, "price", "numeric")
                    .column(6, "quantity", "integer")
                    .build();
            RelationDefinition after = from(before)
                    .column(ColumnBuilder.from(email()).type("text").notNull().defaultValue("'none'::text").collation("C"))
                    .column(column(4, "total", "numeric").generated("((price * quantity) * 1.2)"))
                    .column(ColumnBuilder.from(ORDERS.columns().get(0)).identity("BY_DEFAULT"))
                    .build();

            List<AtomicChange> changes = RelationDiff.between(before, after);

            assertThat(changes).extracting(AtomicChange::name, AtomicChange::aspects).containsExactly(
                    tuple("id", List.of(ChangeAspect.IDENTITY)),
                    tuple("email", List.of(ChangeAspect.TYPE, ChangeAspect.NULLABILITY, ChangeAspect.DEFAULT,
                            ChangeAspect.COLLATION)),
                    tuple("total", List.of(ChangeAspect.GENERATED)));
            assertThat(changes).extracting(AtomicChange::summary).containsExactly(
                    "column \"id\" identity ALWAYS -> BY_DEFAULT",
                    "column \"email\" type character varying(40) -> text, set NOT NULL, default none -> 'none'::text,"
                            + " collation none -> C",
                    "column \"total\" generated (price * quantity) -> ((price * quantity) * 1.2)");
        }

        @Test
        void droppingNotNullAndTheDefaultAreModificationsToo() {
            RelationDefinition before = from(ORDERS).column(ColumnBuilder.from(email()).notNull().defaultValue("'x'::text")).build();

            AtomicChange change = RelationDiff.between(before, ORDERS).get(0);

            assertThat(change.aspects()).containsExactly(ChangeAspect.NULLABILITY, ChangeAspect.DEFAULT);
            assertThat(change.summary()).isEqualTo("column \"email\" dropped NOT NULL, default 'x'::text -> none");
        }

        @Test
        void beforeAndAfterAreTheColumnsComponentsInDeclarationOrderWithoutNulls() {
            RelationDefinition after = from(ORDERS).column(column(2, "email", "text")).build();

            AtomicChange change = RelationDiff.between(ORDERS, after).get(0);

            assertThat(change.before()).containsExactly(Map.entry("attnum", 2), Map.entry("name", "email"),
                    Map.entry("type", "character varying(40)"), Map.entry("notNull", false));
            assertThat(change.after()).containsExactly(Map.entry("attnum", 2), Map.entry("name", "email"),
                    Map.entry("type", "text"), Map.entry("notNull", false));
        }

        @Test
        void aColumnCommentIsACommentChangeNamedAfterTheColumn() {
            RelationDefinition after = from(ORDERS).column(ColumnBuilder.from(email()).comment("where receipts go")).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.COMMENT_CHANGED);
                assertThat(change.name()).isEqualTo("email");
                assertThat(change.summary()).isEqualTo("comment on column \"email\": none -> \"where receipts go\"");
            });
        }

        @Test
        void renamingAColumnDoesNotModifyTheConstraintsAndIndexesThatNameIt() {
            RelationDefinition before = from(ORDERS)
                    .constraint(unique(203, "orders_email_key", "email"))
                    .constraint(check(204, "orders_email_check", "CHECK ((length((email)::text) > 3))", "email"))
                    .index(new IndexDefinition(302, "orders_email_key",
                            "CREATE UNIQUE INDEX orders_email_key ON public.orders USING btree (email)",
                            List.of("email"), true, false, true))
                    .policy(policy(401, "own_orders", "SELECT", "((email)::text = CURRENT_USER)"))
                    .trigger(trigger(501, "orders_audit",
                            "CREATE TRIGGER orders_audit AFTER UPDATE OF email ON public.orders FOR EACH ROW EXECUTE FUNCTION audit()",
                            true))
                    .build();
            RelationDefinition after = from(before)
                    .column(column(2, "Contact Email", "character varying(40)"))
                    .constraint(new ConstraintDefinition(203, "orders_email_key", ConstraintDefinition.ConstraintType.UNIQUE,
                            "UNIQUE (\"Contact Email\")", List.of("Contact Email"), true, false, false, null, null, null,
                            null, null, null))
                    .constraint(check(204, "orders_email_check", "CHECK ((length((\"Contact Email\")::text) > 3))",
                            "Contact Email"))
                    .index(new IndexDefinition(302, "orders_email_key",
                            "CREATE UNIQUE INDEX orders_email_key ON public.orders USING btree (\"Contact Email\")",
                            List.of("Contact Email"), true, false, true))
                    .policy(policy(401, "own_orders", "SELECT", "((\"Contact Email\")::text = CURRENT_USER)"))
                    .trigger(trigger(501, "orders_audit", "CREATE TRIGGER orders_audit AFTER UPDATE OF \"Contact Email\""
                            + " ON public.orders FOR EACH ROW EXECUTE FUNCTION audit()", true))
                    .build();

            assertThat(RelationDiff.between(before, after)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.COLUMN_RENAMED);
        }

        @Test
        void aColumnNameThatIsAlsoAFunctionNameIsOnlyRenamedWhereItIsTheColumn() {
            RelationDefinition before = from(ORDERS).column(2, "lower", "text")
                    .constraint(check(204, "lower_check", "CHECK ((lower(lower) = lower))", "lower")).build();
            RelationDefinition after = from(before).column(2, "name", "text")
                    .constraint(check(204, "lower_check", "CHECK ((lower(name) = name))", "name")).build();

            assertThat(RelationDiff.between(before, after)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.COLUMN_RENAMED);
        }
    }

    @Nested
    class Constraints {

        private final ConstraintDefinition positiveTotal = check(205, "orders_total_check", "CHECK ((total > 0))", "total");

        @Test
        void anAddedAndARemovedConstraintShowTheirDefinition() {
            RelationDefinition withCheck = from(ORDERS).constraint(positiveTotal).build();

            assertThat(RelationDiff.between(ORDERS, withCheck)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.CONSTRAINT_ADDED);
                assertThat(change.name()).isEqualTo("orders_total_check");
                assertThat(change.summary()).isEqualTo("constraint \"orders_total_check\" added: CHECK ((total > 0))");
                assertThat(change.after()).containsEntry("type", "CHECK").containsEntry("columns", List.of("total"));
            });
            assertThat(RelationDiff.between(withCheck, ORDERS)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.CONSTRAINT_REMOVED);
                assertThat(change.before()).containsEntry("oid", 205L);
            });
        }

        @Test
        void validatingAConstraintIsAValidationNotANewDefinition() {
            RelationDefinition before = from(ORDERS).constraint(validated(positiveTotal, false)).build();
            RelationDefinition after = from(ORDERS).constraint(positiveTotal).build();

            assertThat(RelationDiff.between(before, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.CONSTRAINT_MODIFIED);
                assertThat(change.aspects()).containsExactly(ChangeAspect.VALIDATION);
                assertThat(change.summary()).isEqualTo("constraint \"orders_total_check\" validated");
            });
        }

        @Test
        void deferrabilityIsReported() {
            ConstraintDefinition uniqueEmail = unique(203, "orders_email_key", "email");
            RelationDefinition before = from(ORDERS).constraint(uniqueEmail).build();
            RelationDefinition after = from(ORDERS).constraint(deferrable(uniqueEmail, true)).build();

            AtomicChange change = RelationDiff.between(before, after).get(0);

            assertThat(change.aspects()).containsExactly(ChangeAspect.DEFERRABILITY);
            assertThat(change.summary()).isEqualTo(
                    "constraint \"orders_email_key\" deferrability NOT DEFERRABLE -> DEFERRABLE INITIALLY DEFERRED");
        }

        @Test
        void aRenamedConstraintIsModifiedWithItsPreviousName() {
            RelationDefinition after = from(ORDERS).constraint(renamed(ORDERS_PKEY, "orders_pk")).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.CONSTRAINT_MODIFIED);
                assertThat(change.name()).isEqualTo("orders_pk");
                assertThat(change.previousName()).isEqualTo("orders_pkey");
                assertThat(change.aspects()).isEmpty();
                assertThat(change.summary()).isEqualTo("constraint \"orders_pkey\" renamed to \"orders_pk\"");
            });
        }

        @Test
        void droppingAndAddingAConstraintOfTheSameNameIsOneRedefinition() {
            RelationDefinition before = from(ORDERS).constraint(positiveTotal).build();
            RelationDefinition after = from(ORDERS)
                    .constraint(check(206, "orders_total_check", "CHECK ((total >= 0))", "total")).build();

            assertThat(RelationDiff.between(before, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.CONSTRAINT_MODIFIED);
                assertThat(change.previousName()).isNull();
                assertThat(change.aspects()).containsExactly(ChangeAspect.DEFINITION);
                assertThat(change.summary()).isEqualTo(
                        "constraint \"orders_total_check\" definition CHECK ((total > 0)) -> CHECK ((total >= 0))");
                assertThat(change.before()).containsEntry("oid", 205L);
                assertThat(change.after()).containsEntry("oid", 206L);
            });
        }

        @Test
        void aNotNullConstraintThatMirrorsTheColumnIsNotReportedTwice() {
            RelationDefinition after = from(ORDERS).column(ColumnBuilder.from(email()).notNull())
                    .constraint(notNull(207, "orders_email_not_null", "email")).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.COLUMN_MODIFIED);
                assertThat(change.aspects()).containsExactly(ChangeAspect.NULLABILITY);
            });
            assertThat(RelationDiff.between(after, ORDERS)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.COLUMN_MODIFIED);
        }

        @Test
        void aRenamedNotNullConstraintIsStillReported() {
            ConstraintDefinition emailNotNull = notNull(207, "orders_email_not_null", "email");
            RelationDefinition before = from(ORDERS).column(ColumnBuilder.from(email()).notNull()).constraint(emailNotNull).build();
            RelationDefinition after = from(before).constraint(renamed(emailNotNull, "email_required")).build();

            assertThat(RelationDiff.between(before, after)).extracting(AtomicChange::type, AtomicChange::previousName)
                    .containsExactly(tuple(ChangeType.CONSTRAINT_MODIFIED, "orders_email_not_null"));
        }
    }

    @Nested
    class Relationships {

        @Test
        void foreignKeysAreRelationshipsNotConstraints() {
            RelationDefinition withoutFk = from(ORDERS).withoutConstraint(202).build();

            assertThat(RelationDiff.between(withoutFk, ORDERS)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.RELATIONSHIP_ADDED);
                assertThat(change.name()).isEqualTo("orders_customer_fk");
                assertThat(change.summary()).isEqualTo("foreign key \"orders_customer_fk\" added:"
                        + " FOREIGN KEY (customer_id) REFERENCES public.customers(id)");
                assertThat(change.after()).containsEntry("referencedTable", "customers").containsEntry("onDelete", "NO ACTION");
            });
            assertThat(RelationDiff.between(ORDERS, withoutFk)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.RELATIONSHIP_REMOVED);
        }

        @Test
        void reAddingAForeignKeyWithAnotherDeleteActionIsOneModification() {
            RelationDefinition after = from(ORDERS).withoutConstraint(202).constraint(foreignKey(208, "orders_customer_fk",
                    List.of("customer_id"), "public", "customers", List.of("id"), "CASCADE")).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.RELATIONSHIP_MODIFIED);
                assertThat(change.aspects()).containsExactly(ChangeAspect.ON_DELETE);
                assertThat(change.summary()).isEqualTo("foreign key \"orders_customer_fk\" on delete NO ACTION -> CASCADE");
            });
        }

        @Test
        void anotherTargetIsAReferencedTargetChange() {
            RelationDefinition after = from(ORDERS).withoutConstraint(202).constraint(foreignKey(208, "orders_customer_fk",
                    List.of("customer_id"), "crm", "accounts", List.of("account_id"), "NO ACTION")).build();

            AtomicChange change = RelationDiff.between(ORDERS, after).get(0);

            assertThat(change.aspects()).containsExactly(ChangeAspect.REFERENCED_TARGET);
            assertThat(change.summary()).isEqualTo(
                    "foreign key \"orders_customer_fk\" references public.customers(id) -> crm.accounts(account_id)");
        }

        @Test
        void validationAndDeferrabilityOfAForeignKey() {
            RelationDefinition before = from(ORDERS).constraint(validated(ORDERS_CUSTOMER_FK, false)).build();
            RelationDefinition after = from(ORDERS).constraint(deferrable(ORDERS_CUSTOMER_FK, false)).build();

            AtomicChange change = RelationDiff.between(before, after).get(0);

            assertThat(change.type()).isEqualTo(ChangeType.RELATIONSHIP_MODIFIED);
            assertThat(change.aspects()).containsExactly(ChangeAspect.VALIDATION, ChangeAspect.DEFERRABILITY);
            assertThat(change.summary()).isEqualTo("foreign key \"orders_customer_fk\" validated,"
                    + " deferrability NOT DEFERRABLE -> DEFERRABLE INITIALLY IMMEDIATE");
        }

        @Test
        void aTargetRenamedByTheSameStatementIsNoChange() {
            RelationDefinition after = from(ORDERS)
                    .constraint(referencing(ORDERS_CUSTOMER_FK, "public", "clients", List.of("id"))).build();

            assertThat(RelationDiff.between(ORDERS, after, Map.of("public.customers", "public.clients"))).isEmpty();
            assertThat(RelationDiff.between(ORDERS, after)).extracting(AtomicChange::aspects)
                    .containsExactly(List.of(ChangeAspect.REFERENCED_TARGET));
        }

        @Test
        void aSelfReferenceFollowsTheRenamedTableAndColumn() {
            RelationDefinition before = from(ORDERS).column(4, "parent_id", "bigint").constraint(foreignKey(209,
                    "orders_parent_fk", List.of("parent_id"), "public", "orders", List.of("id"), "NO ACTION")).build();
            RelationDefinition after = from(before).named("sales", "purchase_orders")
                    .column(column(1, "order_id", "bigint").notNull().identity("ALWAYS"))
                    .constraint(withPkOn(ORDERS_PKEY, "order_id"))
                    .index(primaryKeyIndex(301, "orders_pkey", "sales.purchase_orders", "order_id"))
                    .constraint(foreignKey(209, "orders_parent_fk", List.of("parent_id"), "sales", "purchase_orders",
                            List.of("order_id"), "NO ACTION"))
                    .build();

            assertThat(RelationDiff.between(before, after)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.TABLE_RENAMED, ChangeType.COLUMN_RENAMED);
        }

        private ConstraintDefinition withPkOn(ConstraintDefinition pk, String column) {
            return SubObjects.withColumns(pk, "PRIMARY KEY (" + column + ")", List.of(column));
        }
    }

    @Nested
    class Indexes {

        @Test
        void anAddedAndARemovedIndex() {
            IndexDefinition byEmail = index(303, "orders_email_idx", "public.orders", "email");
            RelationDefinition after = from(ORDERS).index(byEmail).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.INDEX_ADDED);
                assertThat(change.summary()).isEqualTo("index \"orders_email_idx\" added:"
                        + " CREATE INDEX orders_email_idx ON public.orders USING btree (email)");
            });
            assertThat(RelationDiff.between(after, ORDERS)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.INDEX_REMOVED);
        }

        @Test
        void aRenamedIndexIsModifiedWithItsPreviousNameAlthoughItsDefinitionNamesIt() {
            RelationDefinition before = from(ORDERS).index(index(303, "orders_email_idx", "public.orders", "email")).build();
            RelationDefinition after = from(ORDERS).index(index(303, "orders_by_email", "public.orders", "email")).build();

            assertThat(RelationDiff.between(before, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.INDEX_MODIFIED);
                assertThat(change.name()).isEqualTo("orders_by_email");
                assertThat(change.previousName()).isEqualTo("orders_email_idx");
                assertThat(change.aspects()).isEmpty();
            });
        }

        @Test
        void anIndexBuiltConcurrentlyBecomingValid() {
            String definition = "CREATE INDEX orders_email_idx ON public.orders USING btree (email)";
            RelationDefinition before = from(ORDERS).index(index(303, "orders_email_idx", definition, List.of("email"), false)).build();
            RelationDefinition after = from(ORDERS).index(index(303, "orders_email_idx", definition, List.of("email"), true)).build();

            AtomicChange change = RelationDiff.between(before, after).get(0);

            assertThat(change.aspects()).containsExactly(ChangeAspect.VALIDATION);
            assertThat(change.summary()).isEqualTo("index \"orders_email_idx\" now valid");
        }
    }

    @Nested
    class PoliciesAndTriggers {

        @Test
        void policiesAddedModifiedAndRemoved() {
            RelationDefinition withPolicy = from(ORDERS).policy(policy(401, "own_orders", "SELECT", "(owner = CURRENT_USER)")).build();
            RelationDefinition changed = from(ORDERS).policy(policy(401, "own_orders", "ALL", "(owner = CURRENT_USER)")).build();

            assertThat(RelationDiff.between(ORDERS, withPolicy)).extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.POLICY_ADDED,
                            "policy \"own_orders\" added: PERMISSIVE FOR SELECT TO app_user USING ((owner = CURRENT_USER))"));
            assertThat(RelationDiff.between(withPolicy, changed)).extracting(AtomicChange::type, AtomicChange::aspects)
                    .containsExactly(tuple(ChangeType.POLICY_MODIFIED, List.of(ChangeAspect.DEFINITION)));
            assertThat(RelationDiff.between(changed, ORDERS)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.POLICY_REMOVED);
        }

        @Test
        void triggersAddedDisabledRenamedAndRemoved() {
            String definition = "CREATE TRIGGER orders_audit AFTER INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION audit()";
            RelationDefinition withTrigger = from(ORDERS).trigger(trigger(501, "orders_audit", definition, true)).build();
            RelationDefinition disabled = from(ORDERS).trigger(trigger(501, "orders_audit", definition, false)).build();
            RelationDefinition renamed = from(ORDERS).trigger(trigger(501, "audit_orders",
                    definition.replace("orders_audit", "audit_orders"), true)).build();

            assertThat(RelationDiff.between(ORDERS, withTrigger)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.TRIGGER_ADDED);
            assertThat(RelationDiff.between(withTrigger, disabled)).extracting(AtomicChange::aspects, AtomicChange::summary)
                    .containsExactly(tuple(List.of(ChangeAspect.ENABLED), "trigger \"orders_audit\" disabled"));
            assertThat(RelationDiff.between(withTrigger, renamed)).extracting(AtomicChange::previousName, AtomicChange::aspects)
                    .containsExactly(tuple("orders_audit", List.of()));
            assertThat(RelationDiff.between(withTrigger, ORDERS)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.TRIGGER_REMOVED);
        }
    }

    @Nested
    class TheRelationItself {

        @Test
        void aTableRenameCarriesTheOldQualifiedNameAndLeavesItsIndexesAlone() {
            RelationDefinition after = from(ORDERS).named("sales", "purchase_orders")
                    .index(primaryKeyIndex(301, "orders_pkey", "sales.purchase_orders", "id")).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.TABLE_RENAMED);
                assertThat(change.schema()).isEqualTo("sales");
                assertThat(change.relation()).isEqualTo("purchase_orders");
                assertThat(change.name()).isNull();
                assertThat(change.previousName()).isEqualTo("public.orders");
                assertThat(change.summary()).isEqualTo("table \"public.orders\" renamed to \"sales.purchase_orders\"");
                assertThat(change.after()).containsEntry("name", "purchase_orders").doesNotContainKeys("columns", "rowEstimate");
            });
        }

        @Test
        void viewsAreRenamedAndRedefinedAsViews() {
            RelationDefinition view = RelationBuilder.view(110, "public", "open_orders", " SELECT id\n   FROM orders;").build();
            RelationDefinition renamed = from(view).named("public", "pending_orders").build();
            RelationDefinition redefined = from(view).viewDefinition(" SELECT id, email\n   FROM orders;").build();

            assertThat(RelationDiff.between(view, renamed)).extracting(AtomicChange::type, AtomicChange::previousName)
                    .containsExactly(tuple(ChangeType.VIEW_RENAMED, "public.open_orders"));
            assertThat(RelationDiff.between(view, redefined)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.VIEW_MODIFIED);
                assertThat(change.aspects()).containsExactly(ChangeAspect.DEFINITION);
                assertThat(change.summary()).isEqualTo("view \"public.open_orders\" definition changed");
                assertThat(change.after()).containsEntry("viewDefinition", " SELECT id, email\n   FROM orders;");
            });
        }

        @Test
        void sequenceParameters() {
            SequenceDefinition parameters = new SequenceDefinition("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null);
            RelationDefinition before = RelationBuilder.sequence(120, "public", "order_numbers", parameters).build();
            RelationDefinition after = from(before)
                    .sequence(new SequenceDefinition("bigint", 1, 5, 1, Long.MAX_VALUE, 20, false, null)).build();

            assertThat(RelationDiff.between(before, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.SEQUENCE_MODIFIED);
                assertThat(change.aspects()).containsExactly(ChangeAspect.PARAMETERS);
                assertThat(change.summary()).isEqualTo("sequence \"public.order_numbers\" increment 1 -> 5, cache 1 -> 20");
                assertThat(change.after()).containsEntry("sequence", Map.of("dataType", "bigint", "start", 1L,
                        "increment", 5L, "minValue", 1L, "maxValue", Long.MAX_VALUE, "cache", 20L, "cycle", false));
            });
        }

        @Test
        void aRenamedSequenceIsModifiedWithItsPreviousName() {
            SequenceDefinition parameters = new SequenceDefinition("bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null);
            RelationDefinition before = RelationBuilder.sequence(120, "public", "order_numbers", parameters).build();

            assertThat(RelationDiff.between(before, from(before).named("public", "order_no").build()))
                    .extracting(AtomicChange::type, AtomicChange::previousName, AtomicChange::aspects)
                    .containsExactly(tuple(ChangeType.SEQUENCE_MODIFIED, "public.order_numbers", List.of()));
        }

        @Test
        void rowSecurityIsEnabledAndDisabled() {
            RelationDefinition secured = from(ORDERS).rowSecurity(true).build();

            assertThat(RelationDiff.between(ORDERS, secured)).extracting(AtomicChange::type, AtomicChange::summary)
                    .containsExactly(tuple(ChangeType.ROW_SECURITY_ENABLED, "row level security enabled on table \"public.orders\""));
            assertThat(RelationDiff.between(secured, ORDERS)).extracting(AtomicChange::type)
                    .containsExactly(ChangeType.ROW_SECURITY_DISABLED);
        }

        @Test
        void forcedRowSecurityAndPersistenceModifyTheTable() {
            RelationDefinition after = from(ORDERS).forceRowSecurity(true).unlogged(true).build();

            assertThat(RelationDiff.between(ORDERS, after)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.TABLE_MODIFIED);
                assertThat(change.aspects()).containsExactly(ChangeAspect.PERSISTENCE, ChangeAspect.FORCE_ROW_SECURITY);
                assertThat(change.summary()).isEqualTo("table \"public.orders\" set UNLOGGED, row security forced on the owner");
                assertThat(change.before()).containsEntry("unlogged", false);
                assertThat(change.after()).containsEntry("unlogged", true);
            });
        }

        @Test
        void ownerPrivilegesAndComment() {
            RelationDefinition before = from(ORDERS).privileges("app=arwdDxt/app", "reporting=r/app").build();
            RelationDefinition after = from(ORDERS).owner("sales_admin").comment("One row per order")
                    .privileges("reporting=r/app", "app=arwdDxt/app", "billing=rw/app").build();

            assertThat(RelationDiff.between(before, after)).extracting(AtomicChange::type, AtomicChange::summary).containsExactly(
                    tuple(ChangeType.OWNER_CHANGED, "owner of table \"public.orders\" app -> sales_admin"),
                    tuple(ChangeType.PRIVILEGES_CHANGED, "privileges on table \"public.orders\" changed: granted billing=rw/app"),
                    tuple(ChangeType.COMMENT_CHANGED, "comment on table \"public.orders\": none -> \"One row per order\""));
        }

        @Test
        void privilegesInAnotherOrderAreNoChange() {
            RelationDefinition before = from(ORDERS).privileges("a=r/app", "b=r/app").build();
            RelationDefinition after = from(ORDERS).privileges("b=r/app", "a=r/app").build();

            assertThat(RelationDiff.between(before, after)).isEmpty();
        }

        @Test
        void rowEstimateSizeAndDependentViewsAreContextNotChanges() {
            RelationDefinition after = from(ORDERS).rowEstimate(1_000_000).sizeBytes(1L << 30)
                    .dependentViews("public.open_orders").build();

            assertThat(RelationDiff.between(ORDERS, after)).isEmpty();
        }

        @Test
        void definitionsOfTwoRelationsCannotBeDiffed() {
            RelationDefinition other = table(999, "public", "orders").build();

            assertThatThrownBy(() -> RelationDiff.between(ORDERS, other)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Partitions {

        private final RelationDefinition parent = table(130, "public", "measurements").partitionKey("RANGE (logged_at)")
                .column(1, "logged_at", "timestamp with time zone").partitions("public.measurements_2024").build();
        private final RelationDefinition child = table(131, "public", "measurements_2025")
                .column(1, "logged_at", "timestamp with time zone").build();

        @Test
        void theParentReportsChildrenAttachedAndDetached() {
            RelationDefinition after = from(parent).partitions("public.measurements_2025").build();

            assertThat(RelationDiff.between(parent, after))
                    .extracting(AtomicChange::type, AtomicChange::relation, AtomicChange::name, AtomicChange::summary)
                    .containsExactly(
                            tuple(ChangeType.PARTITION_DETACHED, "measurements", "public.measurements_2024",
                                    "partition \"public.measurements_2024\" detached from table \"public.measurements\""),
                            tuple(ChangeType.PARTITION_ATTACHED, "measurements", "public.measurements_2025",
                                    "partition \"public.measurements_2025\" attached to table \"public.measurements\""));
        }

        @Test
        void theChildReportsItsNewParentWithItsBound() {
            RelationDefinition attached = from(child).partitionOf("public.measurements",
                    "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')").build();

            assertThat(RelationDiff.between(child, attached)).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(ChangeType.PARTITION_ATTACHED);
                assertThat(change.name()).isEqualTo("public.measurements_2025");
                assertThat(change.summary()).isEqualTo("partition \"public.measurements_2025\" attached to"
                        + " \"public.measurements\" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
                assertThat(change.after()).containsEntry("partitionOf", "public.measurements");
            });
            assertThat(RelationDiff.between(attached, child)).extracting(AtomicChange::type, AtomicChange::before)
                    .containsExactly(tuple(ChangeType.PARTITION_DETACHED, Map.of("partitionOf", "public.measurements",
                            "partitionBound", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")));
        }

        @Test
        void aChildRenamedByTheSameStatementStaysAttached() {
            RelationDefinition after = from(parent).partitions("public.measurements_y2024").build();

            assertThat(RelationDiff.between(parent, after,
                    Map.of("public.measurements_2024", "public.measurements_y2024"))).isEmpty();
        }
    }

    @Nested
    class CreatedAndFirstSeen {

        @Test
        void aCreatedPartitionWithAForeignKey() {
            RelationDefinition created = table(140, "public", "order_lines_2025")
                    .column(1, "order_id", "bigint").column(2, "sku", "text")
                    .constraint(foreignKey(241, "lines_order_fk", List.of("order_id"), "public", "orders", List.of("id"), "CASCADE"))
                    .partitionOf("public.order_lines", "FOR VALUES FROM (2025) TO (2026)")
                    .build();

            List<AtomicChange> changes = RelationDiff.created(created);

            assertThat(changes).extracting(AtomicChange::type, AtomicChange::name).containsExactly(
                    tuple(ChangeType.TABLE_ADDED, null),
                    tuple(ChangeType.RELATIONSHIP_ADDED, "lines_order_fk"),
                    tuple(ChangeType.PARTITION_ATTACHED, "public.order_lines_2025"));
            assertThat(changes.get(0).summary())
                    .isEqualTo("table \"public.order_lines_2025\" created with 2 column(s) as a partition of \"public.order_lines\"");
            assertThat(changes.get(0).after()).containsKeys("columns", "constraints").containsEntry("kind", "TABLE");
        }

        @Test
        void aRelationSeenFirstSaysSo() {
            AtomicChange change = RelationDiff.firstSeen(ORDERS);

            assertThat(change.type()).isEqualTo(ChangeType.TABLE_ADDED);
            assertThat(change.summary()).isEqualTo("table \"public.orders\" first seen; no earlier definition was known");
        }
    }

    @Nested
    class Ordering {

        @Test
        void relationLevelFirstThenColumnsByAttnumThenConstraintsForeignKeysIndexesPoliciesTriggers() {
            RelationDefinition after = from(ORDERS).owner("sales_admin")
                    .column(4, "note", "text")
                    .column(column(2, "email", "text"))
                    .trigger(trigger(501, "orders_audit", "CREATE TRIGGER orders_audit ...", true))
                    .policy(policy(401, "own_orders", "SELECT", "true"))
                    .index(index(303, "orders_note_idx", "public.orders", "note"))
                    .withoutConstraint(202)
                    .constraint(check(205, "orders_note_check", "CHECK ((length(note) < 100))", "note"))
                    .build();

            assertThat(RelationDiff.between(ORDERS, after)).extracting(AtomicChange::type).containsExactly(
                    ChangeType.OWNER_CHANGED, ChangeType.COLUMN_MODIFIED, ChangeType.COLUMN_ADDED,
                    ChangeType.CONSTRAINT_ADDED, ChangeType.RELATIONSHIP_REMOVED, ChangeType.INDEX_ADDED,
                    ChangeType.POLICY_ADDED, ChangeType.TRIGGER_ADDED);
        }

        @Test
        void sameInputSameOutput() {
            RelationDefinition after = from(ORDERS).column(column(2, "mail", "text")).owner("x").build();

            assertThat(RelationDiff.between(ORDERS, after)).isEqualTo(RelationDiff.between(ORDERS, after));
        }
    }

    @Nested
    class HostileNames {

        private static final String INJECTION = "x\"; drop table t; --";
        private static final String NON_ASCII = "Bestellungen_äöü_订单";
        private static final String LONGEST = "ä".repeat(31) + "x";

        @Test
        void namesTravelUntouchedAndSummariesShowThemVerbatim() {
            assertThat(LONGEST.getBytes(StandardCharsets.UTF_8)).hasSize(63);
            RelationDefinition before = table(150, NON_ASCII, INJECTION).column(1, LONGEST, "text").build();
            RelationDefinition after = from(before).column(1, INJECTION, "text").build();

            assertThat(RelationDiff.between(before, after)).singleElement().satisfies(change -> {
                assertThat(change.schema()).isEqualTo(NON_ASCII);
                assertThat(change.relation()).isEqualTo(INJECTION);
                assertThat(change.name()).isEqualTo(INJECTION);
                assertThat(change.previousName()).isEqualTo(LONGEST);
                assertThat(change.summary()).isEqualTo("column \"" + LONGEST + "\" renamed to \"" + INJECTION + "\"");
            });
        }

        @Test
        void aLineBreakInANameIsEscapedInTheSummaryOnly() {
            RelationDefinition before = table(150, "public", "t").column(1, "a", "text").build();
            RelationDefinition after = from(before).column(1, "line\nbreak", "text").build();

            AtomicChange change = RelationDiff.between(before, after).get(0);

            assertThat(change.name()).isEqualTo("line\nbreak");
            assertThat(change.summary()).isEqualTo("column \"a\" renamed to \"line\\nbreak\"").doesNotContain("\n");
        }
    }
}
