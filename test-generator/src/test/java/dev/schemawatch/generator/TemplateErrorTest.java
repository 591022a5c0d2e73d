package dev.schemawatch.generator;

import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.ImpactSchemasTest;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.SchemawatchInfrastructure;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An overridden template with a mistake: the report goes to the dead-letter topic, and the reason names the template and line. */
@SpringBootTest
class TemplateErrorTest {

    private static final Path OVERRIDES = overrides();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        KafkaBroker.get().createTopics(Topics.IMPACT_REPORTS, Topics.TEST_SUITES);
        SchemawatchInfrastructure.kafkaAndMongo(registry, "generator-template-error-it");
        registry.add("schemawatch.generator.template-directory", OVERRIDES::toString);
        registry.add("spring.cloud.stream.bindings.generateTestSuite-in-0.group", () -> "test-generator-template-error");
    }

    @Test
    void aBrokenTemplateSendsTheReportToTheDeadLetterTopicNamingTemplateAndLine() {
        ImpactReport report = ImpactSchemasTest.sampleReport();
        CloudEvent event = EventEnvelope.originating(report.reportId(), URI.create("/test"), ImpactReport.TYPE, "shop.public.template_error",
                Instant.now(), Instant.now(), EventJson.write(report));
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.IMPACT_REPORTS, "shop.public.template_error", event));

        ConsumerRecord<String, byte[]> deadLetter = KafkaBroker.get().awaitRecords("error." + Topics.IMPACT_REPORTS
                + ".test-generator-template-error", 1, record -> "shop.public.template_error".equals(record.key()), Duration.ofSeconds(30)).get(0);
        assertThat(new String(deadLetter.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .contains("template sql/contract.vm line 2");
    }

    private static Path overrides() {
        try {
            Path directory = Files.createTempDirectory("schemawatch-templates");
            Path template = directory.resolve("templates/sql/contract.vm");
            Files.createDirectories(template.getParent());
            Files.writeString(template, "--@step SUCCEEDS\nSELECT $noSuchValue\n");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
