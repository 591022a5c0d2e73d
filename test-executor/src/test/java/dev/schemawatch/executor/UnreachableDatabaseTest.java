package dev.schemawatch.executor;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.contracts.suite.TestSuiteSchemaTest;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.SchemawatchInfrastructure;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that does not answer: the suite is retried with backoff and, when the outage outlasts
 * the retries (shortened here), dead-lettered with the reason for a replay: never lost, no result
 * claiming the cases ran.
 */
@SpringBootTest
class UnreachableDatabaseTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        KafkaBroker.get().createTopics(Topics.TEST_SUITES, Topics.TEST_RESULTS);
        SchemawatchInfrastructure.kafkaAndMongo(registry, "executor-unreachable-it");
        registry.add("schemawatch.executor.databases[0].name", () -> "shop");
        registry.add("schemawatch.executor.databases[0].url", () -> "jdbc:postgresql://127.0.0.1:1/shop?connectTimeout=1");
        registry.add("schemawatch.executor.databases[0].username", () -> "nobody");
        registry.add("spring.cloud.stream.bindings.runTestSuite-in-0.group", () -> "test-executor-unreachable");
        registry.add("spring.cloud.stream.bindings.runTestSuite-in-0.consumer.back-off-initial-interval", () -> "100");
        registry.add("spring.cloud.stream.bindings.runTestSuite-in-0.consumer.back-off-max-interval", () -> "200");
    }

    @Test
    void theSuiteIsRetriedThenDeadLetteredWithTheReasonAndNoResultIsPublished() {
        TestSuite suite = TestSuiteSchemaTest.sample();
        CloudEvent event = EventEnvelope.originating(suite.suiteId(), URI.create("/test"), TestSuite.TYPE, "shop.public.unreachable",
                Instant.now(), Instant.now(), EventJson.write(suite));
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.TEST_SUITES, "shop.public.unreachable", event));

        ConsumerRecord<String, byte[]> deadLetter = KafkaBroker.get().awaitRecords("error." + Topics.TEST_SUITES + ".test-executor-unreachable",
                1, record -> "shop.public.unreachable".equals(record.key()), Duration.ofSeconds(60)).get(0);
        assertThat(new String(deadLetter.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .contains("cannot connect");
        assertThat(EventEnvelope.fromRecord(deadLetter).getId()).as("the suite itself, ready for a replay").isEqualTo(suite.suiteId());
        assertThat(KafkaBroker.get().readAll(Topics.TEST_RESULTS, Duration.ofSeconds(2)))
                .noneMatch(record -> suite.suiteId().equals(EventJson.read(record.value(),
                        dev.schemawatch.contracts.result.TestRunResult.class).suiteId()));
    }
}
