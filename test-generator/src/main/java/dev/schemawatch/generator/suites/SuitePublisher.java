package dev.schemawatch.generator.suites;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.suite.TestSuite;
import io.cloudevents.CloudEvent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends suites through the {@value #BINDING} binding (destination and producer settings in
 * application.yml). The binding is synchronous: a send returns once Kafka acknowledged it.
 */
public class SuitePublisher {

    public static final String BINDING = "testSuites-out-0";
    static final URI SOURCE = URI.create("/schemawatch/test-generator");

    private final StreamBridge bridge;

    public SuitePublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    /** A suite answering an impact report: correlation and DDL commit time carried over from it. */
    public void publish(CloudEvent report, TestSuite suite) {
        send(suite, EventEnvelope.following(report, SOURCE, TestSuite.TYPE, suite.key(), suite.generatedAt(), EventJson.write(suite)));
    }

    /** A suite generated on request: it starts its own chain, with no DDL commit time. */
    public void publishRequested(TestSuite suite) {
        send(suite, EventEnvelope.originating(suite.suiteId(), SOURCE, TestSuite.TYPE, suite.key(), suite.generatedAt(), null,
                EventJson.write(suite)));
    }

    private void send(TestSuite suite, CloudEvent event) {
        Message<byte[]> message = MessageBuilder.withPayload(event.getData().toBytes())
                .copyHeaders(EventEnvelope.toHeaders(event))
                .setHeader(KafkaHeaders.KEY, suite.key().getBytes(StandardCharsets.UTF_8))
                .build();
        if (!bridge.send(BINDING, message)) {
            throw new IllegalStateException("the " + BINDING + " binding did not accept suite " + suite.suiteId());
        }
    }
}
