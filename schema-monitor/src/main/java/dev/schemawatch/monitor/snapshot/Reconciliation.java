package dev.schemawatch.monitor.snapshot;

import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.monitor.capture.CaptureStatus;
import dev.schemawatch.monitor.capture.Captures;
import dev.schemawatch.monitor.capture.DatabaseCapture;
import dev.schemawatch.monitor.change.ChangeDetector;
import dev.schemawatch.monitor.metrics.MonitorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares each database's whole catalog with what the monitor knows and publishes what differs:
 * DDL that bypassed the event triggers (run with {@code session_replication_role = replica}, or
 * while the triggers were disabled or not yet installed).
 *
 * <p>To tell drift from DDL that is merely still on its way through the slot, it reads the catalog
 * between two WAL positions, writes a heartbeat, and compares only once the capture has processed
 * past the second position; a relation the stream described after the first position is left for
 * the next round.
 */
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final Captures captures;
    private final MonitorMetrics metrics;

    public Reconciliation(Captures captures, MonitorMetrics metrics) {
        this.captures = captures;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${schemawatch.monitor.reconciliation-interval:5m}",
            initialDelayString = "${schemawatch.monitor.reconciliation-interval:5m}")
    public void reconcileAll() {
        for (DatabaseCapture capture : captures.all()) {
            if (capture.status().state() != CaptureStatus.State.STREAMING) {
                continue;
            }
            try {
                reconcile(capture);
            } catch (SQLException | RuntimeException e) {
                log.warn("{}: reconciliation failed, will try again next round: {}", capture.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return how many relations had drifted */
    public int reconcile(DatabaseCapture capture) throws SQLException, InterruptedException {
        long readFrom;
        long readUntil;
        CatalogState current;
        try (Connection connection = capture.dataSource().getConnection()) {
            readFrom = CatalogReader.currentLsn(connection);
            current = CatalogReader.read(connection);
            readUntil = CatalogReader.currentLsn(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute(capture.heartbeatStatement());
            }
        }
        if (!caughtUp(capture, readUntil)) {
            log.info("{}: the capture has not yet processed up to LSN {}; reconciliation postponed", capture.name(), readUntil);
            return 0;
        }
        KnownCatalog known = capture.catalog();
        Map<Long, RelationDefinition> present = new HashMap<>();
        int drifted = 0;
        for (RelationDefinition relation : current.relations()) {
            present.put(relation.oid(), relation);
            if (describedSince(known, relation.oid(), readFrom)) {
                continue;
            }
            RelationDefinition before = known.relation(relation.oid()).orElse(null);
            List<AtomicChange> changes = ChangeDetector.drift(before, relation);
            if (!changes.isEmpty()) {
                capture.publishDrift(before, relation, changes);
                metrics.drift(capture.name(), changes.size());
                drifted++;
            }
        }
        for (RelationDefinition gone : known.relations()) {
            if (!present.containsKey(gone.oid()) && !describedSince(known, gone.oid(), readFrom)) {
                List<AtomicChange> changes = ChangeDetector.drift(gone, null);
                capture.publishDrift(gone, null, changes);
                metrics.drift(capture.name(), changes.size());
                drifted++;
            }
        }
        if (drifted > 0) {
            log.warn("{}: reconciliation found {} relation(s) changed without the event triggers seeing it", capture.name(), drifted);
        }
        return drifted;
    }

    private static boolean describedSince(KnownCatalog known, long oid, long lsn) {
        return known.lastChangeLsn(oid).map(changedAt -> changedAt > lsn).orElse(false);
    }

    private static boolean caughtUp(DatabaseCapture capture, long lsn) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (capture.lastProcessedLsn() < lsn) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
