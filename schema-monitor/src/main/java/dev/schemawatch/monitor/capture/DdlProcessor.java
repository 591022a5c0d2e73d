package dev.schemawatch.monitor.capture;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.monitor.change.ChangeDetector;
import dev.schemawatch.monitor.change.Detection;
import dev.schemawatch.monitor.install.CaptureInstaller.Installation;
import dev.schemawatch.monitor.metrics.MonitorMetrics;
import dev.schemawatch.monitor.publish.ChangeHistory;
import dev.schemawatch.monitor.publish.EventSizePolicy;
import dev.schemawatch.monitor.publish.SchemaChangePublisher;
import dev.schemawatch.monitor.snapshot.KnownCatalog;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one captured DDL into one published schema-change event, exactly once in effect: the event
 * id comes from the ddl_log row, and a row whose event Kafka already acknowledged is skipped on
 * redelivery. The history and the known catalog are written after the acknowledgement, in that
 * order, so a crash between any two steps either re-sends the identical event or re-applies the
 * catalog, which is idempotent. Nothing stands between a new row and its send: only a row at or
 * below the newest published ddl_log id (a redelivery, or a transaction that committed after a
 * later-numbered one) is looked up in the history first.
 */
public class DdlProcessor {

    private static final Logger log = LoggerFactory.getLogger(DdlProcessor.class);

    private final String database;
    private final Installation installation;
    private final KnownCatalog catalog;
    private final CaptureScope scope;
    private final ChangeDetector detector;
    private final ChangeHistory history;
    private final EventSizePolicy sizePolicy;
    private final SchemaChangePublisher publisher;
    private final MonitorMetrics metrics;
    /** Confined to the capture engine's thread, like every call of this class; -1 until read from the history. */
    private long newestPublishedLogId = -1;

    public DdlProcessor(String database, Installation installation, KnownCatalog catalog, CaptureScope scope,
                        ChangeDetector detector, ChangeHistory history, EventSizePolicy sizePolicy,
                        SchemaChangePublisher publisher, MonitorMetrics metrics) {
        this.database = database;
        this.installation = installation;
        this.catalog = catalog;
        this.scope = scope;
        this.detector = detector;
        this.history = history;
        this.sizePolicy = sizePolicy;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * @throws UnreadableDdlLogRowException when the row cannot be read; the caller dead-letters it
     */
    public void process(SourceRecord record) throws InterruptedException {
        Optional<CapturedDdl> captured = DdlLogRows.read(record);
        if (captured.isEmpty()) {
            return;
        }
        CapturedDdl ddl = captured.get();
        Long lsn = DdlLogRows.lsn(record);
        Instant commitTime = DdlLogRows.commitTime(record);
        String eventId = EventEnvelope.originId(installation.systemIdentifier(), installation.databaseOid(),
                installation.installedAt(), Long.toString(ddl.id()));
        MDC.put("correlationId", eventId);
        try {
            if (newestPublishedLogId < 0) {
                newestPublishedLogId = history.newestPublishedLogId(database);
            }
            if (ddl.id() <= newestPublishedLogId && history.alreadyPublished(eventId)) {
                log.debug("{}: ddl_log {} already published as {}", database, ddl.id(), eventId);
                catalog.apply(ddl, lsn);
                return;
            }
            SchemaChangeEvent event = toEvent(eventId, ddl, lsn, commitTime);
            if (event == null) {
                catalog.apply(ddl, lsn);
                return;
            }
            EventSizePolicy.Sized sized = sizePolicy.fit(event);
            publisher.publish(sized.event(), sized.json(), commitTime);
            Instant acknowledged = Instant.now();
            history.published(event, commitTime, acknowledged);
            newestPublishedLogId = Math.max(newestPublishedLogId, ddl.id());
            catalog.apply(ddl, lsn);
            record(event, commitTime, acknowledged, sized);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /**
     * Publishes drift found by reconciliation: a relation whose catalog definition differs from the
     * last one known, without any DDL event to explain it.
     */
    public void publishDrift(RelationDefinition before, RelationDefinition after, List<AtomicChange> changes)
            throws InterruptedException {
        RelationDefinition subject = after != null ? after : before;
        String fingerprint = after == null ? "removed" : UUID.nameUUIDFromBytes(EventJson.write(after)).toString();
        String eventId = EventEnvelope.originId(installation.systemIdentifier(), installation.databaseOid(),
                installation.installedAt(), "drift", Long.toString(subject.oid()), fingerprint);
        if (history.alreadyPublished(eventId)) {
            applyDrift(before, after);
            return;
        }
        if (!scope.includes(subject.schema(), subject.name())) {
            applyDrift(before, after);
            return;
        }
        Instant now = Instant.now();
        SchemaChangeEvent event = new SchemaChangeEvent(eventId, database, subject.schema(), subject.name(),
                subject.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), "RECONCILIATION", null,
                SchemaChangeEvent.Origin.RECONCILIATION, changes,
                before == null ? List.of() : List.of(before), after == null ? List.of() : List.of(after), List.of(),
                new SchemaChangeEvent.Actor(null, null, null), new SchemaChangeEvent.TransactionInfo(0, null, null, 0, 0),
                now, false, 0);
        MDC.put("correlationId", eventId);
        try {
            EventSizePolicy.Sized sized = sizePolicy.fit(event);
            publisher.publish(sized.event(), sized.json(), now);
            Instant acknowledged = Instant.now();
            history.published(event, null, acknowledged);
            applyDrift(before, after);
            record(event, null, acknowledged, sized);
        } finally {
            MDC.remove("correlationId");
        }
    }

    private void applyDrift(RelationDefinition before, RelationDefinition after) {
        if (after != null) {
            catalog.putRelation(after, null);
        } else {
            catalog.removeRelation(before.oid());
        }
    }

    /** @return the event, or null when the DDL is outside the configured scope */
    private SchemaChangeEvent toEvent(String eventId, CapturedDdl ddl, Long lsn, Instant commitTime) {
        Detection detection = detector.detect(ddl, catalog);
        if (!scope.includes(detection.schema(), detection.objectName())) {
            return null;
        }
        return new SchemaChangeEvent(eventId, database, detection.schema(), detection.objectName(),
                detection.objectType(), ddl.commandTag(), ddl.statement(), SchemaChangeEvent.Origin.EVENT_TRIGGER,
                detection.changes(), detection.before(), detection.after(), detection.types(),
                new SchemaChangeEvent.Actor(ddl.sessionUserName(), ddl.applicationName(), ddl.clientAddress()),
                new SchemaChangeEvent.TransactionInfo(ddl.txid(), lsn, commitTime, ddl.commandSeq(), ddl.id()),
                ddl.occurredAt(), false, 0);
    }

    private void record(SchemaChangeEvent event, Instant commitTime, Instant acknowledged, EventSizePolicy.Sized sized) {
        metrics.ddlEvent(database, event.commandTag());
        event.changes().forEach(change -> metrics.change(database, change.type().name()));
        if (commitTime != null) {
            metrics.publishLatency(database, Duration.between(commitTime, acknowledged));
        }
        log.info("{}: published {} {} with {} change(s){}", database, event.commandTag(), event.key(),
                event.changes().size(), sized.event().definitionsTruncated() ? " (definitions left out for size)" : "");
    }
}
