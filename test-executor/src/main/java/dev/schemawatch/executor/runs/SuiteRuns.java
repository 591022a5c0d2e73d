package dev.schemawatch.executor.runs;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.envelope.MalformedEventException;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.executor.execution.SuiteExecutor;
import dev.schemawatch.executor.metrics.ExecutorMetrics;
import io.cloudevents.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The body of the {@code runTestSuite} stream function: one suite in, one run, one result out,
 * exactly once in effect (the result is sent, then the run stored, then the input's offset
 * committed; a suite whose run is stored is not run again). A run that could not reach its
 * database throws {@link DatabaseUnreachableException}, so the binder retries it with backoff and,
 * when the outage outlasts the retries, dead-letters the suite for a replay: never lost.
 */
public class SuiteRuns implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(SuiteRuns.class);

    private final Map<String, SuiteExecutor> executors;
    private final RunStore store;
    private final ResultPublisher publisher;
    private final ExecutorMetrics metrics;
    private final Clock clock;

    public SuiteRuns(Map<String, SuiteExecutor> executors, RunStore store, ResultPublisher publisher, ExecutorMetrics metrics, Clock clock) {
        this.executors = Map.copyOf(executors);
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void accept(Message<byte[]> message) {
        CloudEvent envelope = EventEnvelope.fromHeaders(message.getHeaders(), message.getPayload());
        if (!TestSuite.TYPE.equals(envelope.getType())) {
            throw new MalformedEventException("unsupported event type '" + envelope.getType() + "'; this executor reads " + TestSuite.TYPE);
        }
        TestSuite suite = EventJson.read(message.getPayload(), TestSuite.class);
        if (!envelope.getId().equals(suite.suiteId())) {
            throw new MalformedEventException("payload suiteId " + suite.suiteId() + " differs from ce_id " + envelope.getId());
        }
        String correlationId = EventEnvelope.correlationId(envelope);
        MDC.put("correlationId", correlationId);
        try {
            String runId = ResultPublisher.runId(suite.suiteId());
            if (store.alreadyRun(runId)) {
                log.debug("suite {} already ran as {}", suite.suiteId(), runId);
                return;
            }
            TestRunResult result = run(suite, runId);
            if (result.status() == TestRunResult.RunStatus.ERRORED) {
                throw new DatabaseUnreachableException(result.statusReason());
            }
            Instant ddlCommitTime = EventEnvelope.ddlCommitTime(envelope);
            publisher.publish(result, suite.suiteId(), correlationId, ddlCommitTime);
            store.recorded(result, suite, correlationId);
            metrics.ran(result, ddlCommitTime == null ? null : Duration.between(ddlCommitTime, clock.instant()));
            log.info("{}: run {} of suite {}: {} passed, {} failed, {} errored, {} skipped", suite.key(), runId, suite.suiteId(),
                    result.totals().passed(), result.totals().failed(), result.totals().errored(), result.totals().skipped());
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** Runs a stored suite again, on request, under a fresh run id; the result is published like any other. */
    public TestRunResult rerun(RunStore.StoredSuite stored, String requestId) {
        String runId = ResultPublisher.runId(requestId);
        TestRunResult result = run(stored.suite(), runId);
        publisher.publish(result, requestId, stored.correlationId(), null);
        store.recorded(result, stored.suite(), stored.correlationId());
        metrics.ran(result, null);
        return result;
    }

    private TestRunResult run(TestSuite suite, String runId) {
        SuiteExecutor executor = executors.get(suite.database());
        if (executor == null) {
            Instant now = clock.instant();
            return new TestRunResult(runId, suite.suiteId(), suite.changeEventId(), suite.database(), suite.tables(),
                    TestRunResult.RunStatus.REJECTED, "database '" + suite.database() + "' is not configured (schemawatch.executor.databases)",
                    "NONE", new TestRunResult.Totals(0, 0, 0, 0, 0), List.of(), now, now);
        }
        return executor.run(suite, runId);
    }

    /** The suite's database did not answer; the binder retries the suite with backoff. */
    public static class DatabaseUnreachableException extends RuntimeException {

        public DatabaseUnreachableException(String message) {
            super(message);
        }
    }
}
