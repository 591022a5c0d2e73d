package dev.schemawatch.executor.runs;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.suite.TestSuite;
import org.bson.Document;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The executor's runs with the suite each ran (for re-runs and reports), and so its memory of which
 * suites it already ran: a run is stored only after its result was acknowledged, so a suite
 * redelivered before that is run again under the same run id, and one redelivered after is skipped.
 */
public class RunStore {

    static final String RUNS = "runs";
    static final String SUITES = "suites";

    private final MongoTemplate mongo;

    public RunStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void createIndexes() {
        mongo.indexOps(RUNS).createIndex(new Index().on("database", Sort.Direction.ASC).on("startedAt", Sort.Direction.DESC));
        mongo.indexOps(RUNS).createIndex(new Index().on("suiteId", Sort.Direction.ASC));
        mongo.indexOps(RUNS).createIndex(new Index().on("correlationId", Sort.Direction.ASC));
    }

    public boolean alreadyRun(String runId) {
        // A find by _id with nothing but the _id: an index look-up everywhere (a count is not, on every server).
        Query byId = Query.query(Criteria.where("_id").is(runId));
        byId.fields().include("_id");
        return mongo.findOne(byId, Document.class, RUNS) != null;
    }

    /** @param correlationId the originating DDL event's id, or the suite's own for an on-request suite */
    public void recorded(TestRunResult result, TestSuite suite, String correlationId) {
        mongo.save(new Document("_id", suite.suiteId())
                .append("correlationId", correlationId)
                .append("suite", json(suite)), SUITES);
        mongo.save(new Document("_id", result.runId())
                .append("suiteId", result.suiteId())
                .append("database", result.database())
                .append("status", result.status().name())
                .append("failed", result.totals().failed() + result.totals().errored())
                .append("correlationId", correlationId)
                .append("startedAt", Date.from(result.startedAt()))
                .append("result", json(result)), RUNS);
    }

    public Optional<StoredRun> find(String runId) {
        return Optional.ofNullable(mongo.findById(runId, Document.class, RUNS)).map(RunStore::toStored);
    }

    public Optional<StoredSuite> suite(String suiteId) {
        return Optional.ofNullable(mongo.findById(suiteId, Document.class, SUITES)).map(document -> new StoredSuite(
                read(document.get("suite", Document.class), TestSuite.class), document.getString("correlationId")));
    }

    public Page<StoredRun> search(RunQuery filter, Pageable page) {
        List<Criteria> criteria = new ArrayList<>();
        if (filter.database() != null) {
            criteria.add(Criteria.where("database").is(filter.database()));
        }
        if (filter.suiteId() != null) {
            criteria.add(Criteria.where("suiteId").is(filter.suiteId()));
        }
        if (filter.status() != null) {
            criteria.add(Criteria.where("status").is(filter.status().name()));
        }
        if (filter.failedOnly() != null && filter.failedOnly()) {
            criteria.add(Criteria.where("failed").gt(0));
        }
        if (filter.from() != null) {
            criteria.add(Criteria.where("startedAt").gte(Date.from(filter.from())));
        }
        if (filter.to() != null) {
            criteria.add(Criteria.where("startedAt").lt(Date.from(filter.to())));
        }
        if (filter.correlationId() != null) {
            criteria.add(Criteria.where("correlationId").is(filter.correlationId()));
        }
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
        long total = mongo.count(query, RUNS);
        query.with(Sort.by(Sort.Direction.DESC, "startedAt").and(Sort.by(Sort.Direction.DESC, "_id"))).with(page);
        return new PageImpl<>(mongo.find(query, Document.class, RUNS).stream().map(RunStore::toStored).toList(), page, total);
    }

    private static StoredRun toStored(Document document) {
        return new StoredRun(read(document.get("result", Document.class), TestRunResult.class), document.getString("correlationId"));
    }

    private static Document json(Object payload) {
        return Document.parse(new String(EventJson.write(payload), StandardCharsets.UTF_8));
    }

    private static <T> T read(Document document, Class<T> type) {
        return EventJson.read(document.toJson().getBytes(StandardCharsets.UTF_8), type);
    }

    /** A recorded run with the correlation id of the DDL behind it. */
    public record StoredRun(TestRunResult result, String correlationId) {
    }

    /** A suite the executor ran, kept for re-runs, validation and reports. */
    public record StoredSuite(TestSuite suite, String correlationId) {
    }

    /** Filters of {@code GET /api/v1/runs}; null means "any". */
    public record RunQuery(String database, String suiteId, TestRunResult.RunStatus status, Boolean failedOnly,
                           Instant from, Instant to, String correlationId) {
    }
}
