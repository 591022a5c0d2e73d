package dev.schemawatch.generator.config;

import dev.schemawatch.generator.export.SuiteExports;
import dev.schemawatch.generator.generation.SuiteGenerator;
import dev.schemawatch.generator.metrics.GeneratorMetrics;
import dev.schemawatch.generator.suites.SuiteGeneration;
import dev.schemawatch.generator.suites.SuitePublisher;
import dev.schemawatch.generator.suites.SuiteStore;
import dev.schemawatch.generator.templates.Templates;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.function.Consumer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GeneratorProperties.class)
public class GeneratorConfiguration {

    /** The stream function: schemawatch.impact-reports in, schemawatch.test-suites out (bindings in application.yml). */
    @Bean
    Consumer<Message<byte[]>> generateTestSuite(SuiteGeneration generation) {
        return generation;
    }

    @Bean
    SuiteGeneration suiteGeneration(SuiteGenerator generator, SuiteStore store, SuitePublisher publisher, GeneratorMetrics metrics,
                                    GeneratorProperties properties, Clock clock) {
        return new SuiteGeneration(generator, store, publisher, metrics, properties.seed(), clock);
    }

    @Bean
    Templates templates(GeneratorProperties properties) {
        return new Templates(properties.templateDirectory());
    }

    @Bean
    SuiteGenerator suiteGenerator(Templates templates, Clock clock) {
        return new SuiteGenerator(templates, clock);
    }

    @Bean
    SuiteExports suiteExports(Templates templates) {
        return new SuiteExports(templates);
    }

    @Bean
    SuiteStore suiteStore(MongoTemplate mongo) {
        SuiteStore store = new SuiteStore(mongo);
        store.createIndexes();
        return store;
    }

    @Bean
    SuitePublisher suitePublisher(StreamBridge bridge) {
        return new SuitePublisher(bridge);
    }

    @Bean
    GeneratorMetrics generatorMetrics(MeterRegistry registry) {
        return new GeneratorMetrics(registry);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
