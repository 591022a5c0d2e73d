package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.monitor.capture.CapturedDdl;
import dev.schemawatch.monitor.capture.CapturedDdl.Command;
import dev.schemawatch.monitor.capture.CapturedDdl.DroppedObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.schemawatch.monitor.change.SummaryText.orNone;
import static dev.schemawatch.monitor.change.SummaryText.quote;

/**
 * Breaks one captured DDL statement into atomic changes by comparing what it left behind with what
 * the monitor knew before. Stateless; the same input always gives the same output.
 *
 * <p>In order:
 * <ol>
 *   <li>Schema commands: CREATE SCHEMA is SCHEMA_ADDED; ALTER SCHEMA is SCHEMA_RENAMED when the
 *       known name differs from the new one and OWNER_CHANGED when it does not (when the schema was
 *       not known, the statement text decides: {@code OWNER TO} means an owner change); COMMENT ON
 *       SCHEMA is COMMENT_CHANGED.</li>
 *   <li>Types: a known type is diffed ({@link TypeDiff}); an unknown one is TYPE_ADDED, saying
 *       "first seen" when no CREATE TYPE / CREATE DOMAIN of the statement made it.</li>
 *   <li>Relations: a known relation is diffed ({@link RelationDiff}), seeing through the renames
 *       of the other relations of the statement; an unknown one that a CREATE command of the
 *       statement made is {@link RelationDiff#created}; any other unknown one is
 *       {@link RelationDiff#firstSeen}. Composite-type relations are left to their type.</li>
 *   <li>Dropped objects: relations (original or cascaded) are *_REMOVED with the known definition
 *       as before, or the dropped row's fields when unknown. An index, constraint, policy or trigger
 *       is reported only when its relation is neither described by the statement (the diff
 *       reports it) nor dropped with it; its relation is found through
 *       {@link KnownDefinitions#relationOwning}, and that relation then appears in before, and,
 *       without the dropped object, in after. A dropped column of a relation the statement does
 *       not describe (DROP TYPE ... CASCADE) is COLUMN_REMOVED the same way. Types are
 *       TYPE_REMOVED except array types and the row types of dropped relations; schemas are
 *       SCHEMA_REMOVED. Summaries of cascaded drops say so.</li>
 *   <li>A partition attachment seen from both the parent and the child is kept once, from the
 *       parent.</li>
 *   <li>When nothing was derived, or the event trigger reported an error, the only change is OTHER
 *       with summary {@code <command tag> <object identity>} (plus the error).</li>
 * </ol>
 * The primary object is that of the first command whose tag is the statement's own (CREATE TABLE
 * with a serial column also runs CREATE SEQUENCE first), else of the first command, else of the
 * first original dropped object, else the first relation or type the statement described; for an
 * index, constraint, column, policy or trigger it is the relation it belongs to.
 */
public final class ChangeDetector {

    private static final Set<String> RELATION_CREATING_TAGS = Set.of("CREATE TABLE", "CREATE TABLE AS", "SELECT INTO",
            "CREATE VIEW", "CREATE MATERIALIZED VIEW", "CREATE SEQUENCE", "CREATE FOREIGN TABLE");
    private static final Set<String> TYPE_CREATING_TAGS = Set.of("CREATE TYPE", "CREATE DOMAIN");
    private static final Set<String> RELATION_OBJECT_TYPES =
            Set.of("table", "view", "materialized view", "sequence", "foreign table");
    private static final Set<String> SUB_OBJECT_TYPES = Set.of("table constraint", "index", "policy", "trigger");
    private static final Pattern OWNER_TO = Pattern.compile("\\bOWNER\\s+TO\\b", Pattern.CASE_INSENSITIVE);

    public Detection detect(CapturedDdl ddl, KnownDefinitions known) {
        return new Pass(ddl, known).detection();
    }

    /**
     * What differs between the known definition of a relation and the one the catalog holds now,
     * for changes made where the event triggers could not see them. A relation that appeared is
     * {@link RelationDiff#firstSeen}, one that vanished {@link RelationDiff#removed}.
     *
     * @param before the known definition, or null when the relation was not known
     * @param after  the definition now, or null when the relation is gone
     * @return the changes; empty when nothing differs
     */
    public static List<AtomicChange> drift(RelationDefinition before, RelationDefinition after) {
        if (before == null && after == null) {
            throw new IllegalArgumentException("drift needs a definition before or after");
        }
        if (before == null) {
            return List.of(RelationDiff.firstSeen(after));
        }
        if (after == null) {
            return List.of(RelationDiff.removed(before));
        }
        return RelationDiff.between(before, after);
    }

    private record PrimaryObject(String schema, String objectName, String objectType) {

        static PrimaryObject of(RelationDefinition relation) {
            // PostgreSQL spells a relation's object type as the summaries name it
            return new PrimaryObject(relation.schema(), relation.name(), SummaryText.noun(relation.kind()));
        }
    }

    /** The work on one statement. */
    private static final class Pass {

        private final CapturedDdl ddl;
        private final KnownDefinitions known;
        private final Map<Long, RelationDefinition> described = new LinkedHashMap<>();
        private final Set<List<String>> describedNames = new HashSet<>();
        private final Set<Long> droppedRelations = new HashSet<>();
        private final Set<List<String>> droppedRelationNames = new HashSet<>();
        private final Map<Long, RelationDefinition> before = new LinkedHashMap<>();
        private final Map<Long, RelationDefinition> after = new LinkedHashMap<>();
        private final Map<String, String> renamedRelations = new LinkedHashMap<>();
        private final List<AtomicChange> changes = new ArrayList<>();

        Pass(CapturedDdl ddl, KnownDefinitions known) {
            this.ddl = ddl;
            this.known = known;
            for (RelationDefinition relation : ddl.relations()) {
                described.putIfAbsent(relation.oid(), relation);
                describedNames.add(nameKey(relation.schema(), relation.name()));
            }
            after.putAll(described);
            for (DroppedObject dropped : ddl.dropped()) {
                if (isRelation(dropped)) {
                    droppedRelations.add(dropped.objid());
                    droppedRelationNames.add(nameKey(dropped.schema(), dropped.objectName()));
                }
            }
        }

        Detection detection() {
            schemaCommands();
            types();
            relations();
            drops();
            PrimaryObject primary = primaryObject();
            List<AtomicChange> result = ddl.error() != null || changes.isEmpty()
                    ? List.of(other(primary))
                    : withoutDuplicates(changes);
            return new Detection(result, List.copyOf(before.values()), List.copyOf(after.values()), ddl.types(),
                    primary.schema(), primary.objectName(), primary.objectType());
        }

        private void schemaCommands() {
            for (Command command : ddl.commands()) {
                if (!"schema".equals(command.objectType())) {
                    continue;
                }
                String name = ObjectIdentity.parse(command.objectIdentity()).first();
                if (name == null) {
                    continue;
                }
                Map<String, Object> definition = DefinitionMaps.entries("oid", command.objid(), "name", name);
                switch (command.commandTag()) {
                    case "CREATE SCHEMA" -> changes.add(schemaChange(ChangeType.SCHEMA_ADDED, name, null, null,
                            definition, "schema " + quote(name) + " created"));
                    case "ALTER SCHEMA" -> schemaAltered(command, name, definition);
                    case "COMMENT" -> changes.add(schemaChange(ChangeType.COMMENT_CHANGED, name, null, definition,
                            definition, "comment on schema " + quote(name) + " changed"));
                    default -> {
                        // nothing the schema's name and OID can tell; OTHER covers it if nothing else does
                    }
                }
            }
        }

        private void schemaAltered(Command command, String name, Map<String, Object> definition) {
            Optional<String> previous = known.schemaName(command.objid());
            boolean ownerChanged = previous.map(name::equals)
                    .orElseGet(() -> ddl.statement() != null && OWNER_TO.matcher(ddl.statement()).find());
            if (ownerChanged) {
                changes.add(schemaChange(ChangeType.OWNER_CHANGED, name, null, definition, definition,
                        "owner of schema " + quote(name) + " changed"));
                return;
            }
            Map<String, Object> was = previous.map(p -> DefinitionMaps.entries("oid", command.objid(), "name", p))
                    .orElse(null);
            changes.add(schemaChange(ChangeType.SCHEMA_RENAMED, name, previous.orElse(null), was, definition,
                    previous.map(p -> "schema " + quote(p) + " renamed to " + quote(name))
                            .orElse("schema renamed to " + quote(name) + "; its previous name was not known")));
        }

        private void types() {
            for (TypeDefinition type : ddl.types()) {
                Optional<TypeDefinition> previous = known.type(type.oid());
                if (previous.isPresent()) {
                    changes.addAll(TypeDiff.between(previous.get(), type));
                } else if (createdByStatement(type.oid(), TYPE_CREATING_TAGS)) {
                    changes.add(TypeDiff.created(type));
                } else {
                    changes.add(TypeDiff.firstSeen(type));
                }
            }
        }

        private void relations() {
            for (RelationDefinition relation : described.values()) {
                known.relation(relation.oid()).ifPresent(previous -> {
                    before.put(relation.oid(), previous);
                    if (!previous.qualifiedName().equals(relation.qualifiedName())) {
                        renamedRelations.put(previous.qualifiedName(), relation.qualifiedName());
                    }
                });
            }
            for (RelationDefinition relation : described.values()) {
                if (relation.kind() == RelationKind.COMPOSITE_TYPE) {
                    continue;
                }
                RelationDefinition previous = before.get(relation.oid());
                if (previous != null) {
                    changes.addAll(RelationDiff.between(previous, relation, renamedRelations));
                } else if (createdByStatement(relation.oid(), RELATION_CREATING_TAGS)) {
                    changes.addAll(RelationDiff.created(relation));
                } else {
                    changes.add(RelationDiff.firstSeen(relation));
                }
            }
        }

        private void drops() {
            for (DroppedObject dropped : ddl.dropped()) {
                if (isRelation(dropped)) {
                    relationDropped(dropped);
                } else if (SUB_OBJECT_TYPES.contains(dropped.objectType())) {
                    subObjectDropped(dropped);
                } else if ("table column".equals(dropped.objectType())) {
                    columnDropped(dropped);
                } else if ("type".equals(dropped.objectType()) || "domain".equals(dropped.objectType())) {
                    typeDropped(dropped);
                } else if ("schema".equals(dropped.objectType())) {
                    String name = dropped.objectName() != null ? dropped.objectName()
                            : ObjectIdentity.parse(dropped.objectIdentity()).first();
                    changes.add(noteCascade(schemaChange(ChangeType.SCHEMA_REMOVED, name, null,
                            DefinitionMaps.entries("oid", dropped.objid(), "name", name), null,
                            "schema " + quote(name) + " removed"), dropped));
                }
            }
        }

        private void relationDropped(DroppedObject dropped) {
            Optional<RelationDefinition> previous = known.relation(dropped.objid());
            previous.ifPresent(relation -> before.put(relation.oid(), relation));
            AtomicChange change = previous.map(RelationDiff::removed).orElseGet(() -> {
                ChangeType type = switch (dropped.objectType()) {
                    case "sequence" -> ChangeType.SEQUENCE_REMOVED;
                    case "view", "materialized view" -> ChangeType.VIEW_REMOVED;
                    default -> ChangeType.TABLE_REMOVED;
                };
                return new AtomicChange(type, dropped.schema(), dropped.objectName(), null, null, List.of(),
                        droppedRow(dropped), null,
                        dropped.objectType() + " " + quote(dropped.schema() + "." + dropped.objectName()) + " removed");
            });
            changes.add(noteCascade(change, dropped));
        }

        private void subObjectDropped(DroppedObject dropped) {
            Optional<RelationDefinition> owner = known.relationOwning(dropped.objid());
            if (owner.isPresent()) {
                RelationDefinition relation = owner.get();
                if (described.containsKey(relation.oid()) || droppedRelations.contains(relation.oid())) {
                    return;
                }
                removedFromKnown(relation, dropped.objid())
                        .ifPresent(change -> changes.add(noteCascade(change, dropped)));
                before.putIfAbsent(relation.oid(), relation);
                after.put(relation.oid(), Relations.withoutSubObject(after.getOrDefault(relation.oid(), relation),
                        dropped.objid()));
                return;
            }
            List<String> address = dropped.addressNames();
            boolean addressNamesRelation = address.size() == 3 && !"index".equals(dropped.objectType());
            if (addressNamesRelation) {
                List<String> relationName = nameKey(address.get(0), address.get(1));
                if (describedNames.contains(relationName) || droppedRelationNames.contains(relationName)) {
                    return;
                }
            }
            if (!dropped.original()) {
                return;
            }
            String schema = addressNamesRelation ? address.get(0) : dropped.schema();
            String relation = addressNamesRelation ? address.get(1) : null;
            String name = addressNamesRelation ? address.get(2) : dropped.objectName();
            ChangeType type = switch (dropped.objectType()) {
                case "index" -> ChangeType.INDEX_REMOVED;
                case "policy" -> ChangeType.POLICY_REMOVED;
                case "trigger" -> ChangeType.TRIGGER_REMOVED;
                default -> ChangeType.CONSTRAINT_REMOVED;
            };
            String noun = "table constraint".equals(dropped.objectType()) ? "constraint" : dropped.objectType();
            changes.add(new AtomicChange(type, schema, relation, name, null, List.of(), droppedRow(dropped), null,
                    noun + " " + quote(name) + " removed"
                            + (relation == null ? "" : " from " + quote(schema + "." + relation))));
        }

        private Optional<AtomicChange> removedFromKnown(RelationDefinition relation, long oid) {
            return Stream.of(
                    relation.constraints().stream().filter(c -> c.oid() == oid)
                            .map(c -> RelationDiff.subObjectRemoved(relation, SubObjectKind.CONSTRAINTS, c)),
                    relation.indexes().stream().filter(i -> i.oid() == oid)
                            .map(i -> RelationDiff.subObjectRemoved(relation, SubObjectKind.INDEXES, i)),
                    relation.policies().stream().filter(p -> p.oid() == oid)
                            .map(p -> RelationDiff.subObjectRemoved(relation, SubObjectKind.POLICIES, p)),
                    relation.triggers().stream().filter(t -> t.oid() == oid)
                            .map(t -> RelationDiff.subObjectRemoved(relation, SubObjectKind.TRIGGERS, t)))
                    .flatMap(s -> s)
                    .findFirst();
        }

        /** A dropped column's row names its relation by OID and the column by attnum. */
        private void columnDropped(DroppedObject dropped) {
            if (described.containsKey(dropped.objid()) || droppedRelations.contains(dropped.objid())) {
                return;
            }
            Optional<RelationDefinition> relation = known.relation(dropped.objid());
            Optional<ColumnDefinition> column = relation.flatMap(r -> r.columns().stream()
                    .filter(c -> c.attnum() == dropped.objsubid()).findFirst());
            if (column.isPresent()) {
                RelationDefinition table = relation.get();
                changes.add(noteCascade(RelationDiff.columnRemoved(table, column.get()), dropped));
                before.putIfAbsent(table.oid(), table);
                after.put(table.oid(), Relations.withoutColumn(after.getOrDefault(table.oid(), table), dropped.objsubid()));
            } else if (dropped.original() && dropped.addressNames().size() == 3) {
                List<String> address = dropped.addressNames();
                changes.add(new AtomicChange(ChangeType.COLUMN_REMOVED, address.get(0), address.get(1), address.get(2),
                        null, List.of(), droppedRow(dropped), null, "column " + quote(address.get(2)) + " removed"));
            }
        }

        private void typeDropped(DroppedObject dropped) {
            boolean arrayType = dropped.objectIdentity() != null && dropped.objectIdentity().endsWith("[]");
            boolean rowTypeOfDroppedRelation = droppedRelationNames.contains(nameKey(dropped.schema(), dropped.objectName()));
            if (arrayType || rowTypeOfDroppedRelation) {
                return;
            }
            AtomicChange change = known.type(dropped.objid()).map(TypeDiff::removed).orElseGet(() ->
                    new AtomicChange(ChangeType.TYPE_REMOVED, dropped.schema(), dropped.objectName(), null, null,
                            List.of(), droppedRow(dropped), null,
                            "type " + quote(dropped.schema() + "." + dropped.objectName()) + " removed"));
            changes.add(noteCascade(change, dropped));
        }

        private boolean createdByStatement(long oid, Set<String> creatingTags) {
            return ddl.commands().stream().anyMatch(c -> c.objid() == oid && creatingTags.contains(c.commandTag()));
        }

        private PrimaryObject primaryObject() {
            Stream<Command> preferred = Stream.concat(
                    ddl.commands().stream().filter(c -> c.commandTag().equals(ddl.commandTag())),
                    ddl.commands().stream().filter(c -> !c.commandTag().equals(ddl.commandTag())));
            return preferred.map(this::primaryOf).flatMap(Optional::stream).findFirst()
                    .or(() -> ddl.dropped().stream().filter(DroppedObject::original).map(this::primaryOf).findFirst())
                    .or(() -> described.values().stream().filter(r -> r.kind() != RelationKind.COMPOSITE_TYPE)
                            .map(PrimaryObject::of).findFirst())
                    .or(() -> ddl.types().stream().map(t -> new PrimaryObject(t.schema(), t.name(), "type")).findFirst())
                    .orElse(new PrimaryObject(null, null, null));
        }

        private Optional<PrimaryObject> primaryOf(Command command) {
            ObjectIdentity identity = ObjectIdentity.parse(command.objectIdentity());
            return switch (command.objectType()) {
                case "schema" -> Optional.ofNullable(identity.first()).map(name -> new PrimaryObject(name, null, "schema"));
                case "table column" -> relationWithOid(command.objid()).map(PrimaryObject::of)
                        .or(() -> identity.names().size() < 3 ? Optional.empty()
                                : Optional.of(new PrimaryObject(identity.names().get(0), identity.names().get(1), "table")));
                case "table constraint", "index", "policy", "trigger", "rule" -> relationHolding(command.objid())
                        .map(PrimaryObject::of)
                        .or(() -> Optional.of(new PrimaryObject(command.schema(), identity.relationOrObjectName(),
                                identity.owner().isEmpty() ? command.objectType() : "table")));
                default -> Optional.ofNullable(described.get(command.objid()))
                        .map(r -> new PrimaryObject(r.schema(), r.name(), command.objectType()))
                        .or(() -> ddl.types().stream().filter(t -> t.oid() == command.objid()).findFirst()
                                .map(t -> new PrimaryObject(t.schema(), t.name(), command.objectType())))
                        .or(() -> command.objectIdentity() == null ? Optional.empty()
                                : Optional.of(new PrimaryObject(command.schema(), identity.relationOrObjectName(),
                                command.objectType())));
            };
        }

        private PrimaryObject primaryOf(DroppedObject dropped) {
            if (isRelation(dropped)) {
                return new PrimaryObject(dropped.schema(), dropped.objectName(), dropped.objectType());
            }
            List<String> address = dropped.addressNames();
            return switch (dropped.objectType()) {
                case "schema" -> new PrimaryObject(dropped.objectName(), null, "schema");
                case "table column" -> known.relation(dropped.objid()).map(PrimaryObject::of)
                        .orElseGet(() -> address.size() == 3 ? new PrimaryObject(address.get(0), address.get(1), "table")
                                : new PrimaryObject(dropped.schema(), null, dropped.objectType()));
                case "table constraint", "index", "policy", "trigger", "rule" ->
                        known.relationOwning(dropped.objid()).map(PrimaryObject::of)
                                .orElseGet(() -> address.size() == 3 && !"index".equals(dropped.objectType())
                                        ? new PrimaryObject(address.get(0), address.get(1), "table")
                                        : new PrimaryObject(dropped.schema(), dropped.objectName(), dropped.objectType()));
                default -> new PrimaryObject(dropped.schema(), dropped.objectName() != null ? dropped.objectName()
                        : ObjectIdentity.parse(dropped.objectIdentity()).relationOrObjectName(), dropped.objectType());
            };
        }

        private Optional<RelationDefinition> relationWithOid(long oid) {
            return Optional.ofNullable(described.get(oid)).or(() -> known.relation(oid));
        }

        private Optional<RelationDefinition> relationHolding(long subObjectOid) {
            return described.values().stream().filter(r -> Relations.subObjectOids(r).contains(subObjectOid)).findFirst()
                    .or(() -> known.relationOwning(subObjectOid));
        }

        private AtomicChange other(PrimaryObject primary) {
            String subject = Stream.concat(
                            ddl.commands().stream().filter(c -> c.commandTag().equals(ddl.commandTag())),
                            ddl.commands().stream())
                    .findFirst()
                    .map(c -> c.commandTag() + (c.objectIdentity() == null ? "" : " " + orNone(c.objectIdentity())))
                    .or(() -> ddl.dropped().stream().filter(DroppedObject::original).findFirst()
                            .map(d -> ddl.commandTag() + " " + orNone(d.objectIdentity())))
                    .orElse(orNone(ddl.commandTag()));
            String summary = ddl.error() == null ? subject
                    : subject + " (definitions could not be captured: " + SummaryText.clip(ddl.error()) + ")";
            return new AtomicChange(ChangeType.OTHER, primary.schema(), primary.objectName(), null, null, List.of(),
                    null, null, summary);
        }
    }

    /**
     * Drops the child's view of a partition attachment when the parent reports it too, and any
     * change reported twice.
     */
    private static List<AtomicChange> withoutDuplicates(List<AtomicChange> changes) {
        Set<List<Object>> reportedByParent = new HashSet<>();
        changes.stream().filter(c -> isPartitionChange(c) && !isChildSide(c))
                .forEach(c -> reportedByParent.add(List.of(c.type(), c.name())));
        return changes.stream()
                .filter(c -> !(isPartitionChange(c) && isChildSide(c) && reportedByParent.contains(List.of(c.type(), c.name()))))
                .distinct()
                .toList();
    }

    private static boolean isPartitionChange(AtomicChange change) {
        return (change.type() == ChangeType.PARTITION_ATTACHED || change.type() == ChangeType.PARTITION_DETACHED)
                && change.name() != null;
    }

    private static boolean isChildSide(AtomicChange change) {
        return (change.schema() + "." + change.relation()).equals(change.name());
    }

    private static AtomicChange schemaChange(ChangeType type, String schema, String previousName,
                                             Map<String, Object> beforeMap, Map<String, Object> afterMap, String summary) {
        return new AtomicChange(type, schema, null, null, previousName, List.of(), beforeMap, afterMap, summary);
    }

    /** Says in the summary why an object the statement did not name was dropped. */
    private static AtomicChange noteCascade(AtomicChange change, DroppedObject dropped) {
        if (dropped.original()) {
            return change;
        }
        String note = dropped.normal() ? " (dropped by CASCADE)" : " (dropped with the object it belongs to)";
        return new AtomicChange(change.type(), change.schema(), change.relation(), change.name(), change.previousName(),
                change.aspects(), change.before(), change.after(), change.summary() + note);
    }

    private static Map<String, Object> droppedRow(DroppedObject dropped) {
        return DefinitionMaps.entries("oid", dropped.objid(), "objectType", dropped.objectType(), "schema", dropped.schema(),
                "objectName", dropped.objectName(), "objectIdentity", dropped.objectIdentity());
    }

    private static boolean isRelation(DroppedObject dropped) {
        return RELATION_OBJECT_TYPES.contains(dropped.objectType()) && dropped.objsubid() == 0;
    }

    private static List<String> nameKey(String schema, String name) {
        return Arrays.asList(schema, name);
    }
}
