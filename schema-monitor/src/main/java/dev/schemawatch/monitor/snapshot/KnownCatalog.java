package dev.schemawatch.monitor.snapshot;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;
import dev.schemawatch.monitor.capture.CapturedDdl;
import dev.schemawatch.monitor.change.KnownDefinitions;
import dev.schemawatch.monitor.change.ObjectIdentity;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the monitor last knew about one database's catalog: relation definitions keyed by OID, user
 * types and schema names. Held in memory for diffing at DDL speed and written through to MongoDB,
 * so a restarted monitor diffs against exactly what it knew before.
 */
public class KnownCatalog implements KnownDefinitions {

    static final String RELATIONS = "relation_snapshots";
    static final String TYPES = "type_snapshots";
    static final String SCHEMAS = "schema_snapshots";
    static final String BASELINES = "baselines";

    private static final Set<String> RELATION_OBJECT_TYPES =
            Set.of("table", "view", "materialized view", "sequence", "foreign table");

    private final String database;
    private final MongoTemplate mongo;
    private final Map<Long, Known<RelationDefinition>> relations = new ConcurrentHashMap<>();
    private final Map<Long, TypeDefinition> types = new ConcurrentHashMap<>();
    private final Map<Long, String> schemas = new ConcurrentHashMap<>();

    public KnownCatalog(String database, MongoTemplate mongo) {
        this.database = database;
        this.mongo = mongo;
    }

    /** Reads what was stored before; returns false when this database has no baseline yet. */
    public boolean load() {
        relations.clear();
        types.clear();
        schemas.clear();
        Query ofDatabase = Query.query(Criteria.where("database").is(database));
        for (Document d : mongo.find(ofDatabase, Document.class, RELATIONS)) {
            Long lsn = d.getLong("lsn");
            relations.put(d.getLong("oid"), new Known<>(read(d, RelationDefinition.class), lsn));
        }
        for (Document d : mongo.find(ofDatabase, Document.class, TYPES)) {
            types.put(d.getLong("oid"), read(d, TypeDefinition.class));
        }
        for (Document d : mongo.find(ofDatabase, Document.class, SCHEMAS)) {
            schemas.put(d.getLong("oid"), d.getString("name"));
        }
        return mongo.findById(database, Document.class, BASELINES) != null;
    }

    public void storeBaseline(CatalogState catalog, Long lsn) {
        mongo.remove(Query.query(Criteria.where("database").is(database)), RELATIONS);
        mongo.remove(Query.query(Criteria.where("database").is(database)), TYPES);
        mongo.remove(Query.query(Criteria.where("database").is(database)), SCHEMAS);
        relations.clear();
        types.clear();
        schemas.clear();
        catalog.relations().forEach(r -> putRelation(r, lsn));
        catalog.types().forEach(this::putType);
        catalog.schemas().forEach(this::putSchema);
        mongo.save(new Document("_id", database).append("takenAt", Date.from(Instant.now()))
                .append("relations", catalog.relations().size()).append("lsn", lsn), BASELINES);
    }

    /**
     * Records what a DDL left behind: the after-definitions it carried, minus what it dropped. A
     * dropped index, constraint, policy or trigger whose relation the DDL did not re-describe is
     * removed from that relation's last known definition.
     */
    public void apply(CapturedDdl ddl, Long lsn) {
        Set<Long> described = new HashSet<>();
        for (RelationDefinition relation : ddl.relations()) {
            putRelation(relation, lsn);
            described.add(relation.oid());
        }
        ddl.types().forEach(this::putType);
        for (CapturedDdl.Command command : ddl.commands()) {
            if ("schema".equals(command.objectType())) {
                putSchema(command.objid(), ObjectIdentity.parse(command.objectIdentity()).first());
            }
        }
        for (CapturedDdl.DroppedObject dropped : ddl.dropped()) {
            if (RELATION_OBJECT_TYPES.contains(dropped.objectType()) && dropped.objsubid() == 0) {
                removeRelation(dropped.objid());
            } else if ("type".equals(dropped.objectType()) || "domain".equals(dropped.objectType())) {
                types.remove(dropped.objid());
                mongo.remove(byId(dropped.objid()), TYPES);
            } else if ("schema".equals(dropped.objectType())) {
                schemas.remove(dropped.objid());
                mongo.remove(byId(dropped.objid()), SCHEMAS);
            } else {
                relationOwning(dropped.objid())
                        .filter(owner -> !described.contains(owner.oid()))
                        .ifPresent(owner -> putRelation(Definitions.withoutSubObject(owner, dropped.objid()), lsn));
            }
        }
    }

    /** Records a relation found by reconciliation. */
    public void putRelation(RelationDefinition relation, Long lsn) {
        relations.put(relation.oid(), new Known<>(relation, lsn));
        mongo.save(document(relation.oid(), relation)
                .append("schema", relation.schema())
                .append("name", relation.name())
                .append("kind", relation.kind().name())
                .append("lsn", lsn)
                .append("capturedAt", Date.from(Instant.now())), RELATIONS);
    }

    public void removeRelation(long oid) {
        relations.remove(oid);
        mongo.remove(byId(oid), RELATIONS);
    }

    public void putType(TypeDefinition type) {
        types.put(type.oid(), type);
        mongo.save(document(type.oid(), type).append("schema", type.schema()).append("name", type.name()), TYPES);
    }

    private void putSchema(long oid, String name) {
        schemas.put(oid, name);
        mongo.save(new Document("_id", id(oid)).append("database", database).append("oid", oid).append("name", name), SCHEMAS);
    }

    @Override
    public Optional<RelationDefinition> relation(long oid) {
        return Optional.ofNullable(relations.get(oid)).map(Known::definition);
    }

    @Override
    public Optional<TypeDefinition> type(long oid) {
        return Optional.ofNullable(types.get(oid));
    }

    @Override
    public Optional<RelationDefinition> relationOwning(long subObjectOid) {
        Predicate<RelationDefinition> owns = r -> Definitions.subObjectOids(r).contains(subObjectOid);
        return relations.values().stream().map(Known::definition).filter(owns).findFirst();
    }

    @Override
    public Optional<String> schemaName(long schemaOid) {
        return Optional.ofNullable(schemas.get(schemaOid));
    }

    /** The LSN of the event that last described the relation; null for the baseline or reconciliation. */
    public Optional<Long> lastChangeLsn(long oid) {
        return Optional.ofNullable(relations.get(oid)).map(Known::lsn);
    }

    public Collection<RelationDefinition> relations() {
        return relations.values().stream().map(Known::definition).toList();
    }

    public Collection<TypeDefinition> types() {
        return List.copyOf(types.values());
    }

    private Document document(long oid, Object definition) {
        Document body = Document.parse(new String(EventJson.write(definition), StandardCharsets.UTF_8));
        return new Document("_id", id(oid)).append("database", database).append("oid", oid).append("definition", body);
    }

    private Query byId(long oid) {
        return Query.query(Criteria.where("_id").is(id(oid)));
    }

    private String id(long oid) {
        return database + ":" + oid;
    }

    static <T> T read(Document stored, Class<T> type) {
        return EventJson.read(stored.get("definition", Document.class).toJson().getBytes(StandardCharsets.UTF_8), type);
    }

    private record Known<T>(T definition, Long lsn) {
    }
}
