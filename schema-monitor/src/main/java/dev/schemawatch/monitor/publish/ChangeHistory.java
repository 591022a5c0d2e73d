package dev.schemawatch.monitor.publish;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import org.bson.Document;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Every schema change the monitor published, and so its memory of which ones Kafka already
 * acknowledged: a change is written here only after the acknowledgement, and a DDL redelivered
 * after a crash whose event is found here is not sent again. One redelivered before it got here is
 * diffed again against the same known catalog (which is updated only after this write) and so
 * re-sent with the same id and content.
 */
public class ChangeHistory {

    static final String COLLECTION = "changes";

    private final MongoTemplate mongo;

    public ChangeHistory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void createIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("database", Sort.Direction.ASC).on("occurredAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("table", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("changeTypes", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("database", Sort.Direction.ASC).on("logId", Sort.Direction.DESC));
    }

    /**
     * The highest {@code ddl_log} id published for the database, or 0. Every published row has an id
     * at or below it, so a row above it needs no look-up to know it is new.
     */
    public long newestPublishedLogId(String database) {
        Query newest = Query.query(Criteria.where("database").is(database).and("logId").exists(true))
                .with(Sort.by(Sort.Direction.DESC, "logId")).limit(1);
        Document document = mongo.findOne(newest, Document.class, COLLECTION);
        return document == null ? 0 : document.get("logId", Number.class).longValue();
    }

    public boolean alreadyPublished(String eventId) {
        // A find by _id with nothing but the _id: an index look-up everywhere (a count is not, on every server).
        Query byId = Query.query(Criteria.where("_id").is(eventId));
        byId.fields().include("_id");
        return mongo.findOne(byId, Document.class, COLLECTION) != null;
    }

    public Optional<StoredChange> find(String eventId) {
        Document document = mongo.findById(eventId, Document.class, COLLECTION);
        return Optional.ofNullable(document).map(ChangeHistory::toStoredChange);
    }

    public void published(SchemaChangeEvent event, Instant commitTime, Instant acknowledgedAt) {
        Document document = new Document("_id", event.eventId())
                .append("database", event.database())
                .append("schema", event.schema())
                .append("table", event.objectName() == null ? null : event.schema() + "." + event.objectName())
                .append("commandTag", event.commandTag())
                .append("origin", event.origin().name())
                .append("changeTypes", event.changes().stream().map(c -> c.type().name()).distinct().toList())
                .append("occurredAt", Date.from(event.occurredAt()))
                .append("commitTime", commitTime == null ? null : Date.from(commitTime))
                .append("logId", event.origin() == SchemaChangeEvent.Origin.EVENT_TRIGGER ? event.transaction().logId() : null)
                .append("publishedAt", Date.from(acknowledgedAt))
                .append("event", Document.parse(new String(EventJson.write(event), StandardCharsets.UTF_8)));
        mongo.save(document, COLLECTION);
    }

    public Page<StoredChange> search(ChangeQuery filter, Pageable page) {
        List<Criteria> criteria = new ArrayList<>();
        if (filter.database() != null) {
            criteria.add(Criteria.where("database").is(filter.database()));
        }
        if (filter.table() != null) {
            criteria.add(filter.table().contains(".")
                    ? Criteria.where("table").is(filter.table())
                    : Criteria.where("event.objectName").is(filter.table()));
        }
        if (filter.changeType() != null) {
            criteria.add(Criteria.where("changeTypes").is(filter.changeType().name()));
        }
        if (filter.from() != null) {
            criteria.add(Criteria.where("occurredAt").gte(Date.from(filter.from())));
        }
        if (filter.to() != null) {
            criteria.add(Criteria.where("occurredAt").lt(Date.from(filter.to())));
        }
        if (filter.correlationId() != null) {
            criteria.add(Criteria.where("_id").is(filter.correlationId()));
        }
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
        long total = mongo.count(query, COLLECTION);
        query.with(Sort.by(Sort.Direction.DESC, "occurredAt").and(Sort.by(Sort.Direction.DESC, "_id"))).with(page);
        List<StoredChange> content = mongo.find(query, Document.class, COLLECTION).stream()
                .map(ChangeHistory::toStoredChange).toList();
        return new PageImpl<>(content, page, total);
    }

    private static StoredChange toStoredChange(Document document) {
        Document event = document.get("event", Document.class);
        SchemaChangeEvent parsed = EventJson.read(event.toJson().getBytes(StandardCharsets.UTF_8), SchemaChangeEvent.class);
        Date commitTime = document.getDate("commitTime");
        return new StoredChange(parsed, commitTime == null ? null : commitTime.toInstant(),
                document.getDate("publishedAt").toInstant());
    }

    /** A change as the history holds it: the full event, untruncated. */
    public record StoredChange(SchemaChangeEvent event, Instant commitTime, Instant publishedAt) {
    }

    /** Filters of {@code GET /api/v1/changes}; null means "any". */
    public record ChangeQuery(String database, String table, ChangeType changeType,
                              Instant from, Instant to, String correlationId) {
    }
}
