package dev.schemawatch.notifier.notices;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.notification.NotificationItem;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The impacts the notifier has seen, by the DDL event behind them, so that the test results of
 * that DDL name its change, carry its severity and join its transaction's group. Only the
 * notifier's own copy of events it consumed: it never asks another service.
 */
public class ImpactMemory {

    static final String IMPACTS = "impacts";
    private static final Duration KEPT = Duration.ofDays(7);

    private final MongoTemplate mongo;

    public ImpactMemory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void createIndexes() {
        mongo.indexOps(IMPACTS).createIndex(new Index().on("at", Sort.Direction.ASC).expire(KEPT));
    }

    public void remember(String changeEventId, NotificationItem item, String groupKey, Instant now) {
        mongo.save(new Document("_id", changeEventId)
                .append("groupKey", groupKey)
                .append("at", Date.from(now))
                .append("item", EventJson.mapper().convertValue(item, Document.class)), IMPACTS);
    }

    public Optional<Seen> find(String changeEventId) {
        return Optional.ofNullable(mongo.findById(changeEventId, Document.class, IMPACTS)).map(document -> new Seen(
                EventJson.read(document.get("item", Document.class).toJson().getBytes(StandardCharsets.UTF_8), NotificationItem.class),
                document.getString("groupKey")));
    }

    /** An impact seen earlier: its item and its group. */
    public record Seen(NotificationItem item, String groupKey) {
    }
}
