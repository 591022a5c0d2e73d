package dev.schemawatch.monitor.capture;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.monitor.config.MonitorProperties.MonitoredDatabase;
import dev.schemawatch.monitor.config.MonitorProperties;
import dev.schemawatch.monitor.install.CaptureInstaller.Installation;
import dev.schemawatch.monitor.install.CaptureInstaller;
import dev.schemawatch.monitor.install.CaptureSetupException;
import dev.schemawatch.monitor.metrics.MonitorMetrics;
import dev.schemawatch.monitor.publish.DeadLetters;
import dev.schemawatch.monitor.publish.EventTooLargeException;
import dev.schemawatch.monitor.publish.KafkaProbe;
import dev.schemawatch.monitor.publish.PublishFailedException;
import dev.schemawatch.monitor.snapshot.CatalogReader;
import dev.schemawatch.monitor.snapshot.KnownCatalog;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.util.backoff.BackOffExecution;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Captures one database: checks and installs the capture objects, takes the baseline on first
 * start, then runs a Debezium embedded engine on the database's slot, and starts it again with
 * backoff whenever PostgreSQL, Kafka or MongoDB goes away. A DDL is marked processed only after
 * Kafka acknowledged its event, so Debezium's offsets (kept in Kafka) never run ahead of what was
 * published.
 */
public class DatabaseCapture implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCapture.class);
    private static final int MAX_ATTEMPTS_FOR_FAILURES = 3;

    private final MonitoredDatabase database;
    private final MonitorProperties properties;
    private final String kafkaBootstrapServers;
    private final DataSource dataSource;
    private final CaptureInstaller installer;
    private final KnownCatalog catalog;
    private final Function<Installation, DdlProcessor> processorFactory;
    private final DeadLetters deadLetters;
    private final KafkaProbe kafkaProbe;
    private final MonitorMetrics metrics;
    private final RetryPolicy retryPolicy;

    private final AtomicReference<CaptureStatus> status =
            new AtomicReference<>(CaptureStatus.of(CaptureStatus.State.STARTING, "not started"));
    private final AtomicReference<DebeziumEngine<RecordChangeEvent<SourceRecord>>> engine = new AtomicReference<>();
    private final AtomicLong lastProcessedLsn = new AtomicLong(-1);
    private volatile boolean running;
    private volatile DdlProcessor processor;
    private Thread worker;

    public DatabaseCapture(MonitoredDatabase database, MonitorProperties properties, String kafkaBootstrapServers,
                           DataSource dataSource, CaptureInstaller installer, KnownCatalog catalog,
                           Function<Installation, DdlProcessor> processorFactory, DeadLetters deadLetters,
                           KafkaProbe kafkaProbe, MonitorMetrics metrics) {
        this.database = database;
        this.properties = properties;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.dataSource = dataSource;
        this.installer = installer;
        this.catalog = catalog;
        this.processorFactory = processorFactory;
        this.deadLetters = deadLetters;
        this.kafkaProbe = kafkaProbe;
        this.metrics = metrics;
        this.retryPolicy = new RetryPolicy(properties.retryInitialBackoff(), properties.retryMaxBackoff());
    }

    public String name() {
        return database.name();
    }

    public CaptureStatus status() {
        return status.get();
    }

    public KnownCatalog catalog() {
        return catalog;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** LSN of the last change record (DDL or heartbeat) handled; -1 before the first. */
    public long lastProcessedLsn() {
        return lastProcessedLsn.get();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::runUntilStopped, "capture-" + database.name());
        worker.start();
    }

    public synchronized void stop() throws InterruptedException {
        running = false;
        closeEngine();
        if (worker != null) {
            worker.interrupt();
            worker.join(30_000);
        }
        status.set(CaptureStatus.of(CaptureStatus.State.STOPPED, "stopped"));
    }

    private void runUntilStopped() {
        BackOffExecution backOff = retryPolicy.start();
        while (running) {
            try {
                Installation installation = prepare();
                processor = processorFactory.apply(installation);
                DebeziumEngine<RecordChangeEvent<SourceRecord>> built = buildEngine();
                engine.set(built);
                built.run();
                if (running) {
                    retrying("the Debezium engine stopped: " + status.get().detail());
                }
                backOff = status.get().state() == CaptureStatus.State.STREAMING ? retryPolicy.start() : backOff;
            } catch (CaptureSetupException e) {
                retrying(e.getMessage());
            } catch (SQLException e) {
                retrying("PostgreSQL at " + database.host() + ":" + database.port() + "/" + database.database()
                        + " is not reachable or refused: " + e.getMessage());
            } catch (PublishFailedException e) {
                retrying(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                retrying(e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                closeEngine();
            }
            if (running) {
                long wait = backOff.nextBackOff();
                log.info("{}: next capture attempt in {} ms", database.name(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Installation prepare() throws SQLException, InterruptedException {
        status.set(CaptureStatus.of(CaptureStatus.State.STARTING, "checking Kafka"));
        kafkaProbe.describe();
        status.set(CaptureStatus.of(CaptureStatus.State.STARTING, "checking and installing capture objects"));
        try (Connection connection = dataSource.getConnection()) {
            Installation installation = installer.prepare(connection, database.name());
            if (!catalog.load()) {
                long lsn = CatalogReader.currentLsn(connection);
                var baseline = CatalogReader.read(connection);
                catalog.storeBaseline(baseline, null);
                log.info("{}: took the catalog baseline: {} relations, {} types at LSN {}", database.name(),
                        baseline.relations().size(), baseline.types().size(), lsn);
            }
            return installation;
        }
    }

    private DebeziumEngine<RecordChangeEvent<SourceRecord>> buildEngine() {
        return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(DebeziumSettings.forDatabase(database, properties, kafkaBootstrapServers))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        status.set(CaptureStatus.of(CaptureStatus.State.STREAMING,
                                "streaming from slot " + database.effectiveSlotName()));
                        log.info("{}: streaming DDL from slot {}", database.name(), database.effectiveSlotName());
                    }
                })
                .using((success, message, error) -> {
                    if (!success && running) {
                        String reason = message + (error != null ? ": " + rootMessage(error) : "");
                        status.set(CaptureStatus.of(CaptureStatus.State.RETRYING, reason));
                    }
                })
                .notifying(this)
                .build();
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        for (RecordChangeEvent<SourceRecord> change : records) {
            handleUntilDone(change.record());
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
    }

    /**
     * Processes a record until it is published or dead-lettered. Outages (Kafka, MongoDB) are waited
     * out for as long as they last, since the DDL must not be lost; any other failure is retried a
     * few times and then dead-lettered, so one bad record never stalls the stream.
     */
    private void handleUntilDone(SourceRecord record) throws InterruptedException {
        BackOffExecution backOff = retryPolicy.start();
        int failures = 0;
        while (true) {
            try {
                processor.process(record);
                Long lsn = DdlLogRows.lsn(record);
                if (lsn != null) {
                    lastProcessedLsn.accumulateAndGet(lsn, Math::max);
                }
                if (status.get().state() == CaptureStatus.State.RETRYING) {
                    status.set(CaptureStatus.of(CaptureStatus.State.STREAMING, "streaming from slot " + database.effectiveSlotName()));
                }
                return;
            } catch (UnreadableDdlLogRowException | EventTooLargeException e) {
                log.error("{}: {}; sending the row to the dead-letter topic", database.name(), e.getMessage(), e);
                deadLetter(record, e, e instanceof EventTooLargeException ? "event_too_large" : "unreadable_row");
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    throw new InterruptedException("capture of " + database.name() + " is stopping");
                }
                boolean outage = isOutage(e);
                if (!outage && ++failures >= MAX_ATTEMPTS_FOR_FAILURES) {
                    log.error("{}: processing a ddl_log row failed {} times; sending it to the dead-letter topic",
                            database.name(), failures, e);
                    deadLetter(record, e, "processing_failed");
                    return;
                }
                long wait = backOff.nextBackOff();
                status.set(CaptureStatus.of(CaptureStatus.State.RETRYING, "publishing failed: " + rootMessage(e)));
                log.warn("{}: publishing a DDL failed ({}); retrying in {} ms", database.name(), rootMessage(e), wait);
                Thread.sleep(wait);
            }
        }
    }

    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PublishFailedException || t instanceof DataAccessResourceFailureException
                    || t instanceof MongoSocketException || t instanceof MongoTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private void deadLetter(SourceRecord record, RuntimeException reason, String category) throws InterruptedException {
        metrics.deadLetter(database.name(), category);
        BackOffExecution backOff = retryPolicy.start();
        while (true) {
            try {
                deadLetters.send(database.name(), record, reason);
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    throw new InterruptedException("capture of " + database.name() + " is stopping");
                }
                Thread.sleep(backOff.nextBackOff());
            }
        }
    }

    /** The statement Debezium's heartbeat runs; writing it forces a change record past the current WAL end. */
    public String heartbeatStatement() {
        return DebeziumSettings.HEARTBEAT_UPSERT;
    }

    /** Publishes drift found by reconciliation through the same path as captured DDL. */
    public void publishDrift(RelationDefinition before, RelationDefinition after, List<AtomicChange> changes)
            throws InterruptedException {
        DdlProcessor current = processor;
        if (current == null) {
            throw new IllegalStateException(database.name() + " is not streaming yet");
        }
        current.publishDrift(before, after, changes);
    }

    /** Measures how far the slot lags behind the end of the WAL. */
    public void measureSlotLag() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
                     FROM pg_replication_slots WHERE slot_name = ?""")) {
            statement.setString(1, database.effectiveSlotName());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    metrics.slotLag(database.name(), database.effectiveSlotName(), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            log.debug("{}: could not measure slot lag: {}", database.name(), e.getMessage());
        }
    }

    private void retrying(String reason) {
        status.set(CaptureStatus.of(CaptureStatus.State.RETRYING, reason));
        log.error("{}: capture is not running: {}", database.name(), reason);
    }

    private void closeEngine() {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine.getAndSet(null);
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.warn("{}: closing the Debezium engine failed: {}", database.name(), e.getMessage());
            }
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (" + root.getMessage() + ")";
    }
}
