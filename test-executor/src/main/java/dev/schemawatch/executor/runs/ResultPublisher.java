package dev.schemawatch.executor.runs;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.result.TestRunResult;
import io.cloudevents.CloudEvent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends results through the {@value #BINDING} binding (destination and producer settings in
 * application.yml). The binding is synchronous: a send returns once Kafka acknowledged it.
 */
public class ResultPublisher {

    public static final String BINDING = "testResults-out-0";
    static final URI SOURCE = URI.create("/schemawatch/test-executor");

    private final StreamBridge bridge;

    public ResultPublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    /** The id of the run answering {@code causeId}: the suite's id for the run a suite triggers, a request's for a re-run. */
    public static String runId(String causeId) {
        return EventEnvelope.derivedId(causeId, TestRunResult.TYPE);
    }

    /**
     * @param causeId       what the run answers (see {@link #runId}); the result's id must be derived from it
     * @param correlationId carried over from the suite
     * @param ddlCommitTime carried over from the suite, or null
     */
    public void publish(TestRunResult result, String causeId, String correlationId, Instant ddlCommitTime) {
        if (!result.runId().equals(runId(causeId))) {
            throw new IllegalArgumentException("run " + result.runId() + " does not answer " + causeId);
        }
        CloudEvent event = EventEnvelope.following(causeId, correlationId, ddlCommitTime, SOURCE, TestRunResult.TYPE, result.key(),
                result.finishedAt(), EventJson.write(result));
        Message<byte[]> message = MessageBuilder.withPayload(event.getData().toBytes())
                .copyHeaders(EventEnvelope.toHeaders(event))
                .setHeader(KafkaHeaders.KEY, result.key().getBytes(StandardCharsets.UTF_8))
                .build();
        if (!bridge.send(BINDING, message)) {
            throw new IllegalStateException("the " + BINDING + " binding did not accept run " + result.runId());
        }
    }
}
