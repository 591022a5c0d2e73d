package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.TriggerDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.schemawatch.monitor.change.SummaryText.clip;

/**
 * What differs between the kinds of named sub-object a relation has (constraints, indexes, policies,
 * triggers): how they are identified, which change types and aspects apply, and how they read.
 */
interface SubObjectKind<T extends Record> {

    SubObjectKind<ConstraintDefinition> CONSTRAINTS = new Constraints();
    SubObjectKind<IndexDefinition> INDEXES = new Indexes();
    SubObjectKind<PolicyDefinition> POLICIES = new Policies();
    SubObjectKind<TriggerDefinition> TRIGGERS = new Triggers();

    long oid(T item);

    String name(T item);

    /** e.g. {@code constraint}, {@code foreign key}. */
    String noun(T item);

    ChangeType added(T item);

    ChangeType removed(T item);

    ChangeType modified(T item);

    /** Whether a removed and an added item of the same name are one item redefined. */
    default boolean sameKind(T before, T after) {
        return modified(before) == modified(after);
    }

    /** The item as the summary of its addition or removal shows it. */
    String describe(T item);

    /** What differs apart from the name, seen through the statement's renames. */
    List<ChangeAspect> aspects(T before, T after, Renames renames);

    /** One aspect's part of a modification summary, e.g. {@code on delete NO ACTION -> CASCADE}. */
    String describe(ChangeAspect aspect, T before, T after);

    private static String definitionChange(String before, String after) {
        return "definition " + clip(before) + " -> " + clip(after);
    }

    final class Constraints implements SubObjectKind<ConstraintDefinition> {

        @Override
        public long oid(ConstraintDefinition item) {
            return item.oid();
        }

        @Override
        public String name(ConstraintDefinition item) {
            return item.name();
        }

        @Override
        public String noun(ConstraintDefinition item) {
            return isForeignKey(item) ? "foreign key" : "constraint";
        }

        @Override
        public ChangeType added(ConstraintDefinition item) {
            return isForeignKey(item) ? ChangeType.RELATIONSHIP_ADDED : ChangeType.CONSTRAINT_ADDED;
        }

        @Override
        public ChangeType removed(ConstraintDefinition item) {
            return isForeignKey(item) ? ChangeType.RELATIONSHIP_REMOVED : ChangeType.CONSTRAINT_REMOVED;
        }

        @Override
        public ChangeType modified(ConstraintDefinition item) {
            return isForeignKey(item) ? ChangeType.RELATIONSHIP_MODIFIED : ChangeType.CONSTRAINT_MODIFIED;
        }

        @Override
        public boolean sameKind(ConstraintDefinition before, ConstraintDefinition after) {
            return before.type() == after.type();
        }

        @Override
        public String describe(ConstraintDefinition item) {
            if (item.definition() != null) {
                return clip(item.definition());
            }
            return isForeignKey(item)
                    ? "(" + String.join(", ", item.columns()) + ") references " + target(item)
                    : item.type() + " (" + String.join(", ", item.columns()) + ")";
        }

        /**
         * A foreign key is compared by its parts, not by its definition text, which names the
         * referenced table and so changes whenever that table is renamed.
         */
        @Override
        public List<ChangeAspect> aspects(ConstraintDefinition before, ConstraintDefinition after, Renames renames) {
            List<ChangeAspect> aspects = new ArrayList<>();
            if (isForeignKey(before)) {
                if (!Objects.equals(before.onUpdate(), after.onUpdate())) {
                    aspects.add(ChangeAspect.ON_UPDATE);
                }
                if (!Objects.equals(before.onDelete(), after.onDelete())) {
                    aspects.add(ChangeAspect.ON_DELETE);
                }
                if (!sameTarget(before, after, renames)) {
                    aspects.add(ChangeAspect.REFERENCED_TARGET);
                }
            }
            if (before.validated() != after.validated()) {
                aspects.add(ChangeAspect.VALIDATION);
            }
            if (before.deferrable() != after.deferrable() || before.initiallyDeferred() != after.initiallyDeferred()) {
                aspects.add(ChangeAspect.DEFERRABILITY);
            }
            boolean sameColumns = renames.columns(before.columns()).equals(after.columns());
            boolean sameDefinition = isForeignKey(before)
                    ? Objects.equals(before.matchType(), after.matchType())
                    : renames.sameDefinition(stripNotValid(before), stripNotValid(after));
            if (!sameColumns || !sameDefinition) {
                aspects.add(ChangeAspect.DEFINITION);
            }
            return aspects;
        }

        @Override
        public String describe(ChangeAspect aspect, ConstraintDefinition before, ConstraintDefinition after) {
            return switch (aspect) {
                case ON_UPDATE -> "on update " + SummaryText.orNone(before.onUpdate()) + " -> "
                        + SummaryText.orNone(after.onUpdate());
                case ON_DELETE -> "on delete " + SummaryText.orNone(before.onDelete()) + " -> "
                        + SummaryText.orNone(after.onDelete());
                case REFERENCED_TARGET -> "references " + target(before) + " -> " + target(after);
                case VALIDATION -> after.validated() ? "validated" : "marked NOT VALID";
                case DEFERRABILITY -> "deferrability " + deferrability(before) + " -> " + deferrability(after);
                default -> definitionChange(before.definition(), after.definition());
            };
        }

        private static boolean isForeignKey(ConstraintDefinition constraint) {
            return constraint.type() == ConstraintType.FOREIGN_KEY;
        }

        private static boolean sameTarget(ConstraintDefinition before, ConstraintDefinition after, Renames renames) {
            boolean selfReference = renames.isThisRelation(before.referencedSchema(), before.referencedTable());
            List<String> referencedColumns = selfReference
                    ? renames.columns(before.referencedColumns())
                    : before.referencedColumns();
            return Objects.equals(renames.relation(qualified(before)), qualified(after))
                    && referencedColumns.equals(after.referencedColumns());
        }

        /** VALIDATE CONSTRAINT drops the NOT VALID suffix; that is VALIDATION, not a new definition. */
        private static String stripNotValid(ConstraintDefinition constraint) {
            String definition = constraint.definition();
            return definition == null ? null : definition.replaceFirst("\\s+NOT VALID$", "");
        }

        private static String qualified(ConstraintDefinition constraint) {
            return constraint.referencedTable() == null ? null
                    : constraint.referencedSchema() + "." + constraint.referencedTable();
        }

        private static String target(ConstraintDefinition constraint) {
            return SummaryText.orNone(qualified(constraint)) + "(" + String.join(", ", constraint.referencedColumns()) + ")";
        }

        private static String deferrability(ConstraintDefinition constraint) {
            if (!constraint.deferrable()) {
                return "NOT DEFERRABLE";
            }
            return constraint.initiallyDeferred() ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE INITIALLY IMMEDIATE";
        }
    }

    final class Indexes implements SubObjectKind<IndexDefinition> {

        @Override
        public long oid(IndexDefinition item) {
            return item.oid();
        }

        @Override
        public String name(IndexDefinition item) {
            return item.name();
        }

        @Override
        public String noun(IndexDefinition item) {
            return "index";
        }

        @Override
        public ChangeType added(IndexDefinition item) {
            return ChangeType.INDEX_ADDED;
        }

        @Override
        public ChangeType removed(IndexDefinition item) {
            return ChangeType.INDEX_REMOVED;
        }

        @Override
        public ChangeType modified(IndexDefinition item) {
            return ChangeType.INDEX_MODIFIED;
        }

        @Override
        public String describe(IndexDefinition item) {
            return clip(item.definition());
        }

        @Override
        public List<ChangeAspect> aspects(IndexDefinition before, IndexDefinition after, Renames renames) {
            List<ChangeAspect> aspects = new ArrayList<>();
            if (before.valid() != after.valid()) {
                aspects.add(ChangeAspect.VALIDATION);
            }
            boolean sameDefinition = renames.sameDefinition(before.definition(), after.definition(), before.name(), after.name())
                    && renames.columns(before.columns()).equals(after.columns())
                    && before.unique() == after.unique()
                    && before.primary() == after.primary();
            if (!sameDefinition) {
                aspects.add(ChangeAspect.DEFINITION);
            }
            return aspects;
        }

        @Override
        public String describe(ChangeAspect aspect, IndexDefinition before, IndexDefinition after) {
            if (aspect == ChangeAspect.VALIDATION) {
                return after.valid() ? "now valid" : "now invalid";
            }
            if (before.primary() != after.primary() && Objects.equals(before.definition(), after.definition())) {
                return after.primary() ? "now backs the primary key" : "no longer backs the primary key";
            }
            return definitionChange(before.definition(), after.definition());
        }
    }

    final class Policies implements SubObjectKind<PolicyDefinition> {

        @Override
        public long oid(PolicyDefinition item) {
            return item.oid();
        }

        @Override
        public String name(PolicyDefinition item) {
            return item.name();
        }

        @Override
        public String noun(PolicyDefinition item) {
            return "policy";
        }

        @Override
        public ChangeType added(PolicyDefinition item) {
            return ChangeType.POLICY_ADDED;
        }

        @Override
        public ChangeType removed(PolicyDefinition item) {
            return ChangeType.POLICY_REMOVED;
        }

        @Override
        public ChangeType modified(PolicyDefinition item) {
            return ChangeType.POLICY_MODIFIED;
        }

        @Override
        public String describe(PolicyDefinition item) {
            StringBuilder text = new StringBuilder(item.permissive() ? "PERMISSIVE" : "RESTRICTIVE")
                    .append(" FOR ").append(SummaryText.orNone(item.command()))
                    .append(" TO ").append(item.roles().isEmpty() ? "PUBLIC" : String.join(", ", item.roles()));
            if (item.using() != null) {
                text.append(" USING (").append(item.using()).append(')');
            }
            if (item.withCheck() != null) {
                text.append(" WITH CHECK (").append(item.withCheck()).append(')');
            }
            return clip(text.toString());
        }

        @Override
        public List<ChangeAspect> aspects(PolicyDefinition before, PolicyDefinition after, Renames renames) {
            boolean same = Objects.equals(before.command(), after.command())
                    && before.permissive() == after.permissive()
                    && before.roles().equals(after.roles())
                    && renames.sameDefinition(before.using(), after.using())
                    && renames.sameDefinition(before.withCheck(), after.withCheck());
            return same ? List.of() : List.of(ChangeAspect.DEFINITION);
        }

        @Override
        public String describe(ChangeAspect aspect, PolicyDefinition before, PolicyDefinition after) {
            return definitionChange(describe(before), describe(after));
        }
    }

    final class Triggers implements SubObjectKind<TriggerDefinition> {

        @Override
        public long oid(TriggerDefinition item) {
            return item.oid();
        }

        @Override
        public String name(TriggerDefinition item) {
            return item.name();
        }

        @Override
        public String noun(TriggerDefinition item) {
            return "trigger";
        }

        @Override
        public ChangeType added(TriggerDefinition item) {
            return ChangeType.TRIGGER_ADDED;
        }

        @Override
        public ChangeType removed(TriggerDefinition item) {
            return ChangeType.TRIGGER_REMOVED;
        }

        @Override
        public ChangeType modified(TriggerDefinition item) {
            return ChangeType.TRIGGER_MODIFIED;
        }

        @Override
        public String describe(TriggerDefinition item) {
            return clip(item.definition());
        }

        @Override
        public List<ChangeAspect> aspects(TriggerDefinition before, TriggerDefinition after, Renames renames) {
            List<ChangeAspect> aspects = new ArrayList<>();
            if (before.enabled() != after.enabled()) {
                aspects.add(ChangeAspect.ENABLED);
            }
            if (!renames.sameDefinition(before.definition(), after.definition(), before.name(), after.name())) {
                aspects.add(ChangeAspect.DEFINITION);
            }
            return aspects;
        }

        @Override
        public String describe(ChangeAspect aspect, TriggerDefinition before, TriggerDefinition after) {
            if (aspect == ChangeAspect.ENABLED) {
                return after.enabled() ? "enabled" : "disabled";
            }
            return definitionChange(before.definition(), after.definition());
        }
    }
}
