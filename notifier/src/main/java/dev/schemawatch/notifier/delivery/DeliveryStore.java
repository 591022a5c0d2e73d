package dev.schemawatch.notifier.delivery;

import dev.schemawatch.contracts.envelope.EventJson;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Every delivery, and the inputs already routed: the notifier's memory of what it sent, what it
 * owes and what failed.
 */
public class DeliveryStore {

    static final String DELIVERIES = "deliveries";
    static final String ROUTED_INPUTS = "routed_inputs";
    private static final Duration ROUTING_MEMORY = Duration.ofDays(7);

    private final MongoTemplate mongo;

    public DeliveryStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void createIndexes() {
        mongo.indexOps(DELIVERIES).createIndex(new Index().on("status", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        mongo.indexOps(DELIVERIES).createIndex(new Index().on("channelId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        mongo.indexOps(DELIVERIES).createIndex(new Index().on("inputEventIds", Sort.Direction.ASC));
        mongo.indexOps(DELIVERIES).createIndex(new Index().on("correlationIds", Sort.Direction.ASC));
        // An input is redelivered within minutes of its first routing (a rebalance, a restart); a week is ample.
        mongo.indexOps(ROUTED_INPUTS).createIndex(new Index().on("at", Sort.Direction.ASC).expire(ROUTING_MEMORY));
    }

    /**
     * Records that an input is being routed, before any of its effects.
     *
     * @return false when it was recorded before: the input is a redelivery, whose effects may
     *         already exist in part (see {@link #carrying})
     */
    public boolean firstRouting(String inputEventId, Instant now) {
        try {
            mongo.insert(new Document("_id", inputEventId).append("at", Date.from(now)), ROUTED_INPUTS);
            return true;
        } catch (DuplicateKeyException routedBefore) {
            return false;
        }
    }

    /** Whether a delivery of the channel already carries the input: only asked for redeliveries, so a scan is affordable. */
    public boolean carrying(String channelId, String inputEventId) {
        Query query = Query.query(Criteria.where("channelId").is(channelId).and("inputEventIds").is(inputEventId));
        query.fields().include("_id");
        return mongo.findOne(query, Document.class, DELIVERIES) != null;
    }

    public boolean exists(String id) {
        Query byId = Query.query(Criteria.where("_id").is(id));
        byId.fields().include("_id");
        return mongo.findOne(byId, Document.class, DELIVERIES) != null;
    }

    public void save(Delivery delivery) {
        mongo.save(new Document("_id", delivery.id())
                .append("channelId", delivery.channelId())
                .append("status", delivery.status().name())
                .append("kind", delivery.kind().name())
                .append("severity", delivery.severity().name())
                .append("groupKey", delivery.groupKey())
                .append("inputEventIds", delivery.inputEventIds())
                .append("correlationIds", delivery.correlationIds())
                .append("createdAt", Date.from(delivery.createdAt()))
                .append("delivery", EventJson.mapper().convertValue(delivery, Document.class)), DELIVERIES);
    }

    public Optional<Delivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, DELIVERIES)).map(DeliveryStore::read);
    }

    /** What a restart must pick up: open groups and attempts still owed. */
    public List<Delivery> unfinished() {
        Query query = Query.query(Criteria.where("status").in(
                Delivery.Status.COLLECTING.name(), Delivery.Status.PENDING.name(), Delivery.Status.RETRYING.name()));
        return mongo.find(query, Document.class, DELIVERIES).stream().map(DeliveryStore::read).toList();
    }

    public Page<Delivery> search(DeliveryQuery filter, Pageable page) {
        List<Criteria> criteria = new ArrayList<>();
        if (filter.status() != null) {
            criteria.add(Criteria.where("status").is(filter.status().name()));
        }
        if (filter.channelId() != null) {
            criteria.add(Criteria.where("channelId").is(filter.channelId()));
        }
        if (filter.correlationId() != null) {
            criteria.add(Criteria.where("correlationIds").is(filter.correlationId()));
        }
        if (filter.inputEventId() != null) {
            criteria.add(Criteria.where("inputEventIds").is(filter.inputEventId()));
        }
        if (filter.from() != null) {
            criteria.add(Criteria.where("createdAt").gte(Date.from(filter.from())));
        }
        if (filter.to() != null) {
            criteria.add(Criteria.where("createdAt").lt(Date.from(filter.to())));
        }
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
        long total = mongo.count(query, DELIVERIES);
        query.with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "_id"))).with(page);
        return new PageImpl<>(mongo.find(query, Document.class, DELIVERIES).stream().map(DeliveryStore::read).toList(), page, total);
    }

    private static Delivery read(Document document) {
        return EventJson.read(document.get("delivery", Document.class).toJson().getBytes(StandardCharsets.UTF_8), Delivery.class);
    }

    /** Filters of {@code GET /api/v1/deliveries}; null means "any". */
    public record DeliveryQuery(Delivery.Status status, String channelId, String correlationId, String inputEventId, Instant from, Instant to) {
    }
}
