package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.ChangeAspect;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition;
import dev.schemawatch.contracts.schema.ConstraintDefinition.ConstraintType;
import dev.schemawatch.contracts.schema.IndexDefinition;
import dev.schemawatch.contracts.schema.PolicyDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.SequenceDefinition;
import dev.schemawatch.contracts.schema.TriggerDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.contracts.sql.SqlQuoting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** SW5xx: not wrong today, but a trap: missing indexes and keys, weakened security, ownership. */
final class HygieneRules implements RuleGroup {

    @Override
    public void judge(JudgedChange change, Findings findings) {
        switch (change.type()) {
            case RELATIONSHIP_ADDED -> foreignKeyWithoutIndex(change, findings);
            case TABLE_ADDED -> tableWithoutPrimaryKey(change, findings);
            case ROW_SECURITY_DISABLED -> rowSecurityDisabled(change, findings);
            case TABLE_MODIFIED -> {
                if (change.has(ChangeAspect.FORCE_ROW_SECURITY)) {
                    rowSecurityNoLongerForced(change, findings);
                }
            }
            case POLICY_REMOVED -> policyDropped(change, findings);
            case PRIVILEGES_CHANGED -> privilegesChanged(change, findings);
            case OWNER_CHANGED -> ownerChanged(change, findings);
            case SEQUENCE_MODIFIED -> sequenceModified(change, findings);
            case SEQUENCE_REMOVED -> sequenceDropped(change, findings);
            case COLUMN_MODIFIED -> {
                if (change.has(ChangeAspect.IDENTITY)) {
                    identityChanged(change, findings);
                }
            }
            case CONSTRAINT_REMOVED, RELATIONSHIP_REMOVED -> constraintDropped(change, findings);
            case TRIGGER_REMOVED -> change.triggerBefore().ifPresent(trigger -> findings.add(RuleCatalogue.TRIGGER_DROPPED, change,
                    "trigger " + trigger.name() + " dropped from " + change.relationName() + " (" + trigger.definition() + ")",
                    "Make sure what " + SqlQuoting.identifier(trigger.name()) + " did is done elsewhere now."));
            case TRIGGER_MODIFIED -> {
                boolean disabled = change.has(ChangeAspect.ENABLED)
                        && !change.triggerAfter().map(TriggerDefinition::enabled).orElse(true);
                if (disabled) {
                    findings.add(RuleCatalogue.TRIGGER_DROPPED, change,
                            "trigger " + change.change().name() + " on " + change.relationName() + " disabled",
                            "Re-enable it (ALTER TABLE " + qualified(change) + " ENABLE TRIGGER "
                                    + SqlQuoting.identifier(change.change().name()) + ") unless its work is done elsewhere.");
                }
            }
            case INDEX_REMOVED -> foreignKeyIndexDropped(change, findings);
            default -> {
                // nothing to say
            }
        }
    }

    private static void foreignKeyWithoutIndex(JudgedChange change, Findings findings) {
        Optional<RelationDefinition> table = change.relationAfter();
        Optional<ConstraintDefinition> foreignKey = change.constraintAfter();
        if (table.isEmpty() || foreignKey.isEmpty() || foreignKey.get().columns().isEmpty()
                || supported(foreignKey.get(), table.get().indexes())) {
            return;
        }
        ConstraintDefinition fk = foreignKey.get();
        findings.add(RuleCatalogue.FOREIGN_KEY_WITHOUT_INDEX, change,
                "foreign key " + fk.name() + " on " + change.relationName() + " (" + String.join(", ", fk.columns())
                        + ") has no index leading with its columns: deletes and key updates on "
                        + JudgedEvent.qualified(fk.referencedSchema(), fk.referencedTable()) + " scan "
                        + change.relationName() + " (" + Quantities.rows(change.size().rowEstimate()) + ")",
                "CREATE INDEX CONCURRENTLY ON " + qualified(change) + " (" + columns(fk.columns()) + ");");
    }

    private static void tableWithoutPrimaryKey(JudgedChange change, Findings findings) {
        Optional<RelationDefinition> created = change.relationAfter();
        if (created.isEmpty()) {
            return;
        }
        RelationDefinition table = created.get();
        boolean keyable = table.kind() == RelationKind.TABLE || table.kind() == RelationKind.PARTITIONED_TABLE;
        boolean hasKey = table.constraints().stream().anyMatch(c -> c.type() == ConstraintType.PRIMARY_KEY);
        // a partition gets its parent's primary key, and is judged there
        if (!keyable || hasKey || table.partitionOf() != null) {
            return;
        }
        Optional<IndexDefinition> candidate = table.indexes().stream()
                .filter(i -> i.unique() && i.valid() && !partial(i) && !i.columns().isEmpty()
                        && i.columns().stream().allMatch(c -> notNullColumn(table, c)))
                .findFirst();
        String fix = candidate
                .map(i -> "Promote the unique index: ALTER TABLE " + qualified(change) + " ADD PRIMARY KEY USING INDEX "
                        + SqlQuoting.identifier(i.name()) + ";")
                .orElse("ALTER TABLE " + qualified(change) + " ADD COLUMN " + SqlQuoting.identifier(idColumnName(table))
                        + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY; (while the table is still empty)");
        findings.add(RuleCatalogue.TABLE_WITHOUT_PRIMARY_KEY, change,
                "table " + change.relationName() + " created without a primary key"
                        + candidate.map(i -> " (unique index " + i.name() + " could be one)").orElse(""),
                fix);
    }

    private static void rowSecurityDisabled(JudgedChange change, Findings findings) {
        List<String> policies = change.relationBefore().or(change::relationAfter)
                .map(r -> r.policies().stream().map(PolicyDefinition::name).toList())
                .orElse(List.of());
        findings.add(RuleCatalogue.ROW_SECURITY_DISABLED, change,
                "row level security disabled on " + change.relationName()
                        + (policies.isEmpty() ? "" : ": its policies " + Reach.names(policies) + " no longer apply")
                        + "; every role with privileges on the table reads and changes every row",
                "ALTER TABLE " + qualified(change) + " ENABLE ROW LEVEL SECURITY; and widen the policies instead if a role needs more.");
    }

    private static void rowSecurityNoLongerForced(JudgedChange change, Findings findings) {
        boolean forcedBefore = change.relationBefore().map(RelationDefinition::forceRowSecurity).orElse(false);
        boolean forcedAfter = change.relationAfter().map(RelationDefinition::forceRowSecurity).orElse(true);
        if (!forcedBefore || forcedAfter) {
            return;
        }
        String owner = change.relationAfter().map(RelationDefinition::owner).orElse(null);
        findings.add(RuleCatalogue.ROW_SECURITY_DISABLED, change,
                "row level security no longer forced on " + change.relationName() + ": its owner"
                        + (owner == null ? "" : " (" + owner + ")") + " bypasses the policies again",
                "ALTER TABLE " + qualified(change) + " FORCE ROW LEVEL SECURITY;");
    }

    private static void policyDropped(JudgedChange change, Findings findings) {
        Optional<PolicyDefinition> dropped = change.policyBefore();
        boolean rowSecurityOn = change.relationAfter().map(RelationDefinition::rowSecurity).orElse(true);
        String effect;
        if (!rowSecurityOn) {
            effect = "row level security is off on the table, so it had no effect";
        } else if (dropped.map(PolicyDefinition::permissive).orElse(true)) {
            effect = "rows it admitted are hidden from " + roles(dropped) + " unless another policy admits them";
        } else {
            effect = "rows it kept from " + roles(dropped) + " are visible to them now";
        }
        String what = dropped.map(p -> (p.permissive() ? "permissive" : "restrictive") + " policy " + p.name()
                + " (FOR " + p.command() + (p.using() == null ? "" : " USING (" + p.using() + ")") + ")")
                .orElse("policy " + change.change().name());
        findings.add(RuleCatalogue.POLICY_DROPPED, change, what + " dropped from " + change.relationName() + ": " + effect,
                "Replace policies in one transaction (CREATE POLICY the new one before DROP POLICY "
                        + SqlQuoting.identifier(change.change().name()) + " ON " + qualified(change) + ") and review who sees what.");
    }

    private static void privilegesChanged(JudgedChange change, Findings findings) {
        List<String> before = change.relationBefore().map(RelationDefinition::privileges).orElse(List.of());
        List<String> after = change.relationAfter().map(RelationDefinition::privileges).orElse(List.of());
        Map<String, Set<String>> was = byGrantee(before);
        Map<String, Set<String>> is = byGrantee(after);
        List<String> parts = new ArrayList<>();
        Set<String> grantees = new LinkedHashSet<>(was.keySet());
        grantees.addAll(is.keySet());
        for (String grantee : grantees) {
            Set<String> revoked = new LinkedHashSet<>(was.getOrDefault(grantee, Set.of()));
            revoked.removeAll(is.getOrDefault(grantee, Set.of()));
            Set<String> granted = new LinkedHashSet<>(is.getOrDefault(grantee, Set.of()));
            granted.removeAll(was.getOrDefault(grantee, Set.of()));
            if (!revoked.isEmpty()) {
                parts.add("revoked " + String.join(", ", revoked) + " from " + grantee);
            }
            if (!granted.isEmpty()) {
                parts.add("granted " + String.join(", ", granted) + " to " + grantee);
            }
        }
        String detail = parts.isEmpty() ? change.change().summary() : String.join("; ", parts);
        findings.add(RuleCatalogue.PRIVILEGES_CHANGED, change,
                "privileges on " + change.relationName() + " changed" + (detail == null ? "" : ": " + detail),
                "Check that every application role still holds what it uses on " + qualified(change)
                        + ", and that nothing was granted wider than intended.");
    }

    private static void ownerChanged(JudgedChange change, Findings findings) {
        String was;
        String is;
        if (change.aboutType()) {
            was = change.event().definitions().typeBefore(change.change()).map(TypeDefinition::owner).orElse(null);
            is = change.event().definitions().typeAfter(change.change()).map(TypeDefinition::owner).orElse(null);
        } else {
            was = change.relationBefore().map(RelationDefinition::owner).orElse(null);
            is = change.relationAfter().map(RelationDefinition::owner).orElse(null);
        }
        String transition = was == null && is == null ? "" : " from " + Objects.toString(was, "unknown") + " to "
                + Objects.toString(is, "unknown");
        findings.add(RuleCatalogue.OWNER_CHANGED, change, "owner of " + change.relationName() + " changed" + transition,
                RuleCatalogue.OWNER_CHANGED.fix());
    }

    private static void sequenceModified(JudgedChange change, Findings findings) {
        String previous = change.change().previousName();
        if (previous != null && change.change().aspects().isEmpty()) {
            findings.add(RuleCatalogue.SEQUENCE_CHANGED, change,
                    "sequence " + previous + " renamed to " + change.relationName() + ": nextval('" + previous + "') fails",
                    "Update column defaults and code that name the sequence.");
            return;
        }
        if (!change.has(ChangeAspect.PARAMETERS)) {
            return;
        }
        SequenceDefinition was = change.relationBefore().map(RelationDefinition::sequence).orElse(null);
        SequenceDefinition is = change.relationAfter().map(RelationDefinition::sequence).orElse(null);
        String parameters = was == null || is == null ? "" : ": " + sequenceChanges(was, is);
        findings.add(RuleCatalogue.SEQUENCE_CHANGED, change, "sequence " + change.relationName() + " changed" + parameters,
                "Check the sequence against the column it feeds: SELECT last_value FROM " + qualified(change)
                        + " must stay above the column's max(), and maxvalue far enough away.");
    }

    private static void sequenceDropped(JudgedChange change, Findings findings) {
        Optional<SequenceDefinition> sequence = change.relationBefore().map(RelationDefinition::sequence);
        // a sequence owned by a column goes with the column or table, which other rules report
        if (sequence.map(SequenceDefinition::ownedBy).isPresent()) {
            return;
        }
        findings.add(RuleCatalogue.SEQUENCE_CHANGED, change,
                "sequence " + change.relationName() + " dropped: defaults and code calling nextval on it fail, and its"
                        + " current value is lost",
                "Recreate it starting above the highest id handed out (CREATE SEQUENCE " + qualified(change) + " START WITH ...).");
    }

    private static void identityChanged(JudgedChange change, Findings findings) {
        Optional<ColumnDefinition> before = change.columnBefore();
        Optional<ColumnDefinition> after = change.columnAfter();
        if (before.isEmpty() || after.isEmpty()) {
            return;
        }
        String was = before.get().identity();
        String is = after.get().identity();
        if ("ALWAYS".equals(is) && !"ALWAYS".equals(was)) {
            return; // SW213 explains it
        }
        String table = qualified(change);
        String column = SqlQuoting.identifier(change.change().name());
        String moveSequence = "SELECT setval(pg_get_serial_sequence(" + SqlQuoting.literal(table) + ", "
                + SqlQuoting.literal(change.change().name()) + "), max(" + column + ")) FROM " + table + ";";
        if (was == null) {
            findings.add(RuleCatalogue.SEQUENCE_CHANGED, change,
                    "identity (" + is + ") added to " + change.subject() + ": its sequence starts at 1 while the column may"
                            + " already hold ids",
                    "Move the identity's sequence past the existing ids: " + moveSequence);
        } else if (is == null) {
            findings.add(RuleCatalogue.SEQUENCE_CHANGED, change,
                    "identity removed from " + change.subject() + ", and its sequence with it: new rows get no id of their own",
                    "If writers rely on generated ids, give " + column + " a default from a sequence of its own"
                            + " (CREATE SEQUENCE ... OWNED BY " + table + "." + column + ", then SET DEFAULT nextval(...)),"
                            + " started past max(" + column + ").");
        } else {
            findings.add(RuleCatalogue.SEQUENCE_CHANGED, change,
                    "identity of " + change.subject() + " changed from " + was + " to " + is
                            + ": explicit values are accepted now and can collide with generated ones",
                    "Keep writers from supplying ids, or move the sequence past every id they write: " + moveSequence);
        }
    }

    private static void constraintDropped(JudgedChange change, Findings findings) {
        Optional<ConstraintDefinition> dropped = change.constraintBefore();
        if (dropped.isEmpty()) {
            return;
        }
        ConstraintDefinition constraint = dropped.get();
        String noun = switch (constraint.type()) {
            case CHECK -> "check constraint ";
            case EXCLUSION -> "exclusion constraint ";
            case FOREIGN_KEY -> "foreign key ";
            default -> null;
        };
        if (noun == null) {
            return; // keys are SW215; NOT NULL shows as the column's nullability
        }
        String consequence = constraint.type() == ConstraintType.FOREIGN_KEY
                ? "rows without a parent in " + JudgedEvent.qualified(constraint.referencedSchema(), constraint.referencedTable())
                + " can be written"
                : "rows breaking it can be written";
        findings.add(RuleCatalogue.CONSTRAINT_DROPPED, change,
                noun + constraint.name() + " dropped from " + change.relationName()
                        + (constraint.definition() == null ? "" : " (" + constraint.definition() + ")") + ": " + consequence,
                constraint.definition() == null ? RuleCatalogue.CONSTRAINT_DROPPED.fix()
                        : "If the rule still holds, restore it: ALTER TABLE " + qualified(change) + " ADD CONSTRAINT "
                        + SqlQuoting.identifier(constraint.name()) + " " + constraint.definition()
                        + (constraint.definition().endsWith("NOT VALID") ? "" : " NOT VALID")
                        + ", then VALIDATE CONSTRAINT.");
    }

    private static void foreignKeyIndexDropped(JudgedChange change, Findings findings) {
        Optional<IndexDefinition> dropped = change.indexBefore();
        Optional<RelationDefinition> table = change.relationAfter();
        if (dropped.isEmpty() || table.isEmpty()) {
            return;
        }
        List<ConstraintDefinition> unsupported = table.get().constraints().stream()
                .filter(c -> c.type() == ConstraintType.FOREIGN_KEY && !c.columns().isEmpty())
                .filter(fk -> supported(fk, List.of(dropped.get())) && !supported(fk, table.get().indexes()))
                .toList();
        if (unsupported.isEmpty()) {
            return;
        }
        ConstraintDefinition fk = unsupported.get(0);
        findings.add(RuleCatalogue.FOREIGN_KEY_INDEX_DROPPED, change,
                "index " + dropped.get().name() + " dropped from " + change.relationName() + " was the only one leading with the"
                        + " columns of foreign key " + fk.name() + " (" + String.join(", ", fk.columns()) + ")",
                Concurrently.createIndex(dropped.get().definition())
                        .map(statement -> "Recreate it: " + statement + ";")
                        .orElse("CREATE INDEX CONCURRENTLY ON " + qualified(change) + " (" + columns(fk.columns()) + ");"));
    }

    /**
     * Whether an index can serve lookups by the foreign key's columns: a valid, non-partial index
     * whose leading columns are exactly those columns, in any order.
     */
    static boolean supported(ConstraintDefinition foreignKey, List<IndexDefinition> indexes) {
        Set<String> wanted = new HashSet<>(foreignKey.columns());
        for (IndexDefinition index : indexes) {
            if (!index.valid() || partial(index) || index.columns().size() < wanted.size()) {
                continue;
            }
            if (new HashSet<>(index.columns().subList(0, wanted.size())).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean partial(IndexDefinition index) {
        return index.definition() != null && index.definition().contains(" WHERE ");
    }

    private static boolean notNullColumn(RelationDefinition table, String column) {
        return table.columns().stream().anyMatch(c -> c.name().equals(column) && c.notNull());
    }

    private static String idColumnName(RelationDefinition table) {
        boolean taken = table.columns().stream().anyMatch(c -> c.name().equals("id"));
        return taken ? table.name() + "_id" : "id";
    }

    private static String roles(Optional<PolicyDefinition> policy) {
        return policy.map(p -> p.roles().isEmpty() ? "PUBLIC" : String.join(", ", p.roles())).orElse("its roles");
    }

    private static Map<String, Set<String>> byGrantee(List<String> acl) {
        Map<String, Set<String>> privileges = new LinkedHashMap<>();
        for (String entry : acl) {
            AclItem item = AclItem.parse(entry);
            String grantee = item == null ? entry : item.grantee() == null ? "PUBLIC" : item.grantee();
            Set<String> held = privileges.computeIfAbsent(grantee, g -> new LinkedHashSet<>());
            if (item != null) {
                held.addAll(item.privileges());
            }
        }
        return privileges;
    }

    private static String sequenceChanges(SequenceDefinition was, SequenceDefinition is) {
        List<String> parts = new ArrayList<>();
        compare(parts, "type", was.dataType(), is.dataType());
        compare(parts, "start", was.start(), is.start());
        compare(parts, "increment", was.increment(), is.increment());
        compare(parts, "minvalue", was.minValue(), is.minValue());
        compare(parts, "maxvalue", was.maxValue(), is.maxValue());
        compare(parts, "cache", was.cache(), is.cache());
        compare(parts, "cycle", was.cycle(), is.cycle());
        return parts.isEmpty() ? "restarted or otherwise changed" : String.join(", ", parts);
    }

    private static void compare(List<String> parts, String name, Object was, Object is) {
        if (!Objects.equals(was, is)) {
            parts.add(name + " " + format(was) + " → " + format(is));
        }
    }

    private static String format(Object value) {
        return value instanceof Long number ? Quantities.count(number) : String.valueOf(value);
    }

    private static String qualified(JudgedChange change) {
        return SqlQuoting.qualified(change.change().schema(), change.change().relation());
    }

    private static String columns(List<String> names) {
        return names.stream().map(SqlQuoting::identifier).collect(Collectors.joining(", "));
    }
}
