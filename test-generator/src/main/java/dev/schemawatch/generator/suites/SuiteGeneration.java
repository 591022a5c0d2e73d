package dev.schemawatch.generator.suites;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.generation.SuiteGenerator;
import dev.schemawatch.generator.metrics.GeneratorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The body of the {@code generateTestSuite} stream function: one impact report in, one suite out,
 * exactly once in effect (sent, then stored, then the input's offset committed; a report whose
 * suite is stored is not answered again). Malformed input and template errors throw exceptions the
 * binder sends to the dead-letter topic without retrying.
 */
public class SuiteGeneration implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(SuiteGeneration.class);

    private final SuiteGenerator generator;
    private final SuiteStore store;
    private final SuitePublisher publisher;
    private final GeneratorMetrics metrics;
    private final long seed;
    private final Clock clock;

    public SuiteGeneration(SuiteGenerator generator, SuiteStore store, SuitePublisher publisher, GeneratorMetrics metrics,
                           long seed, Clock clock) {
        this.generator = generator;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.seed = seed;
        this.clock = clock;
    }

    @Override
    public void accept(Message<byte[]> message) {
        ImpactReportReader.Received received = ImpactReportReader.read(message.getHeaders(), message.getPayload());
        String correlationId = EventEnvelope.correlationId(received.envelope());
        MDC.put("correlationId", correlationId);
        try {
            String suiteId = EventEnvelope.derivedId(received.report().reportId(), TestSuite.TYPE);
            if (store.alreadyPublished(suiteId)) {
                log.debug("suite {} for report {} already published", suiteId, received.report().reportId());
                return;
            }
            Instant started = clock.instant();
            TestSuite suite = generator.forReport(received.report(), seed);
            Duration generation = Duration.between(started, clock.instant());
            publisher.publish(received.envelope(), suite);
            store.published(suite, correlationId);
            Instant ddlCommitTime = EventEnvelope.ddlCommitTime(received.envelope());
            metrics.generated(suite, generation, ddlCommitTime == null ? null : Duration.between(ddlCommitTime, clock.instant()));
            log.info("{}: suite {} with {} case(s) for report {}", suite.key(), suite.suiteId(), suite.cases().size(),
                    received.report().reportId());
        } finally {
            MDC.remove("correlationId");
        }
    }
}
