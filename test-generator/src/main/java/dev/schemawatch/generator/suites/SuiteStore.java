package dev.schemawatch.generator.suites;

import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.suite.CaseCategory;
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
import java.util.Map;
import java.util.Optional;

/**
 * The generator's suites, and so its memory of which reports it already answered: a suite is
 * stored only after Kafka acknowledged it, so a report redelivered before that is answered again
 * with the same suite id, and one redelivered after is skipped.
 */
public class SuiteStore {

    static final String COLLECTION = "suites";

    private final MongoTemplate mongo;

    public SuiteStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void createIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("database", Sort.Direction.ASC).on("generatedAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tables", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("correlationId", Sort.Direction.ASC));
    }

    public boolean alreadyPublished(String suiteId) {
        // A find by _id with nothing but the _id: an index look-up everywhere (a count is not, on every server).
        Query byId = Query.query(Criteria.where("_id").is(suiteId));
        byId.fields().include("_id");
        return mongo.findOne(byId, Document.class, COLLECTION) != null;
    }

    /** @param correlationId the originating DDL event's id; null for a suite generated on demand */
    public void published(TestSuite suite, String correlationId) {
        Document document = new Document("_id", suite.suiteId())
                .append("database", suite.database())
                .append("tables", suite.tables())
                .append("categories", suite.casesByCategory().keySet().stream().map(Enum::name).toList())
                .append("cases", suite.cases().size())
                .append("correlationId", correlationId)
                .append("generatedAt", Date.from(suite.generatedAt()))
                .append("suite", Document.parse(new String(EventJson.write(suite), StandardCharsets.UTF_8)));
        mongo.save(document, COLLECTION);
    }

    public Optional<StoredSuite> find(String suiteId) {
        return Optional.ofNullable(mongo.findById(suiteId, Document.class, COLLECTION)).map(SuiteStore::toStored);
    }

    public Page<StoredSuite> search(SuiteQuery filter, Pageable page) {
        List<Criteria> criteria = new ArrayList<>();
        if (filter.database() != null) {
            criteria.add(Criteria.where("database").is(filter.database()));
        }
        if (filter.table() != null) {
            criteria.add(Criteria.where("tables").is(filter.table()));
        }
        if (filter.category() != null) {
            criteria.add(Criteria.where("categories").is(filter.category()));
        }
        if (filter.from() != null) {
            criteria.add(Criteria.where("generatedAt").gte(Date.from(filter.from())));
        }
        if (filter.to() != null) {
            criteria.add(Criteria.where("generatedAt").lt(Date.from(filter.to())));
        }
        if (filter.correlationId() != null) {
            criteria.add(Criteria.where("correlationId").is(filter.correlationId()));
        }
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria));
        long total = mongo.count(query, COLLECTION);
        query.with(Sort.by(Sort.Direction.DESC, "generatedAt").and(Sort.by(Sort.Direction.DESC, "_id"))).with(page);
        List<StoredSuite> content = mongo.find(query, Document.class, COLLECTION).stream().map(SuiteStore::toStored).toList();
        return new PageImpl<>(content, page, total);
    }

    private static StoredSuite toStored(Document document) {
        TestSuite suite = EventJson.read(document.get("suite", Document.class).toJson().getBytes(StandardCharsets.UTF_8), TestSuite.class);
        return new StoredSuite(suite, document.getString("correlationId"));
    }

    /** A published suite with the correlation id of the DDL it tests. */
    public record StoredSuite(TestSuite suite, String correlationId) {

        /** The suite without its cases' SQL, for lists. */
        public SuiteSummary summary() {
            long skipped = suite.cases().stream().filter(testCase -> testCase.skipReason() != null).count();
            return new SuiteSummary(suite.suiteId(), suite.reportId(), correlationId, suite.database(), suite.tables(),
                    suite.cases().size(), suite.casesByCategory(), skipped, suite.notes(), suite.generatedAt());
        }
    }

    /** What {@code GET /api/v1/suites} lists: a suite without its SQL. */
    public record SuiteSummary(String suiteId, String reportId, String correlationId, String database, List<String> tables,
                               int cases, Map<CaseCategory, Integer> casesByCategory, long skippedCases, List<String> notes,
                               Instant generatedAt) {
    }

    /** Filters of {@code GET /api/v1/suites}; null means "any". */
    public record SuiteQuery(String database, String table, String category, Instant from, Instant to, String correlationId) {
    }
}
