package dev.schemawatch.analyzer.report;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.ImpactDecision;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
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
 * The analyzer's impact reports, and so its memory of which changes it already answered: a report
 * is stored only after Kafka acknowledged it, so a change redelivered before that is analysed and
 * sent again with the same report id, and one redelivered after is skipped.
 */
public class ImpactStore {

    static final String COLLECTION = "impacts";

    private final MongoTemplate mongo;

    public ImpactStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void createIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("database", Sort.Direction.ASC).on("analyzedAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("table", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("ruleCodes", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("correlationId", Sort.Direction.ASC));
    }

    public boolean alreadyPublished(String reportId) {
        // A find by _id with nothing but the _id: an index look-up everywhere (a count is not, on every server).
        Query byId = Query.query(Criteria.where("_id").is(reportId));
        byId.fields().include("_id");
        return mongo.findOne(byId, Document.class, COLLECTION) != null;
    }

    /**
     * @param correlationId the originating DDL event's id, carried by every stage
     * @param ddlCommitTime when that DDL committed, or null
     */
    public void published(ImpactReport report, String correlationId, Instant ddlCommitTime) {
        Document document = new Document("_id", report.reportId())
                .append("database", report.change().database())
                .append("table", report.change().objectName() == null ? null
                        : report.change().schema() + "." + report.change().objectName())
                .append("severity", report.severity().name())
                .append("severityRank", report.severity().ordinal())
                .append("ruleCodes", report.findings().stream().map(Finding::code).distinct().toList())
                .append("requiresApproval", report.requiresApproval())
                .append("partial", report.partial())
                .append("correlationId", correlationId)
                .append("ddlCommitTime", ddlCommitTime == null ? null : Date.from(ddlCommitTime))
                .append("analyzedAt", Date.from(report.analyzedAt()))
                .append("report", Document.parse(new String(EventJson.write(report), StandardCharsets.UTF_8)));
        mongo.save(document, COLLECTION);
    }

    public Optional<StoredImpact> find(String reportId) {
        return Optional.ofNullable(mongo.findById(reportId, Document.class, COLLECTION)).map(ImpactStore::toStored);
    }

    /**
     * Records a decision unless one exists: the first decision on a report is the only one.
     *
     * @return false when the report already had a decision
     */
    public boolean claimDecision(ImpactDecision decision) {
        Document stored = Document.parse(new String(EventJson.write(decision), StandardCharsets.UTF_8));
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(decision.reportId()).and("decision").exists(false)),
                new Update().set("decision", stored), COLLECTION).getModifiedCount() == 1;
    }

    /** Takes back a decision whose event could not be published, so it can be made again. */
    public void releaseDecision(ImpactDecision decision) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(decision.reportId()).and("decision.decisionId").is(decision.decisionId())),
                new Update().unset("decision"), COLLECTION);
    }

    public Page<StoredImpact> search(ImpactQuery filter, Pageable page) {
        List<Criteria> criteria = new ArrayList<>();
        if (filter.database() != null) {
            criteria.add(Criteria.where("database").is(filter.database()));
        }
        if (filter.table() != null) {
            criteria.add(filter.table().contains(".")
                    ? Criteria.where("table").is(filter.table())
                    : Criteria.where("report.change.objectName").is(filter.table()));
        }
        if (filter.minSeverity() != null) {
            criteria.add(Criteria.where("severityRank").gte(filter.minSeverity().ordinal()));
        }
        if (filter.rule() != null) {
            criteria.add(Criteria.where("ruleCodes").is(filter.rule()));
        }
        if (filter.requiresApproval() != null) {
            criteria.add(Criteria.where("requiresApproval").is(filter.requiresApproval()));
        }
        if (filter.from() != null) {
            criteria.add(Criteria.where("analyzedAt").gte(Date.from(filter.from())));
        }
        if (filter.to() != null) {
            criteria.add(Criteria.where("analyzedAt").lt(Date.from(filter.to())));
        }
        if (filter.correlationId() != null) {
            criteria.add(Criteria.where("correlationId").is(filter.correlationId()));
        }
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
        long total = mongo.count(query, COLLECTION);
        query.with(Sort.by(Sort.Direction.DESC, "analyzedAt").and(Sort.by(Sort.Direction.DESC, "_id"))).with(page);
        List<StoredImpact> content = mongo.find(query, Document.class, COLLECTION).stream().map(ImpactStore::toStored).toList();
        return new PageImpl<>(content, page, total);
    }

    private static StoredImpact toStored(Document document) {
        ImpactReport report = EventJson.read(document.get("report", Document.class).toJson().getBytes(StandardCharsets.UTF_8),
                ImpactReport.class);
        Document decision = document.get("decision", Document.class);
        Date commitTime = document.getDate("ddlCommitTime");
        return new StoredImpact(report, document.getString("correlationId"), commitTime == null ? null : commitTime.toInstant(),
                decision == null ? null : EventJson.read(decision.toJson().getBytes(StandardCharsets.UTF_8), ImpactDecision.class));
    }

    /** A published report with its correlation id, the DDL commit time and the decision on it, if any. */
    public record StoredImpact(ImpactReport report, String correlationId, Instant ddlCommitTime, ImpactDecision decision) {
    }

    /**
     * Filters of {@code GET /api/v1/impacts}; null means "any".
     *
     * @param minSeverity reports at or above this severity
     */
    public record ImpactQuery(String database, String table, Severity minSeverity, String rule, Boolean requiresApproval,
                              Instant from, Instant to, String correlationId) {
    }

}
