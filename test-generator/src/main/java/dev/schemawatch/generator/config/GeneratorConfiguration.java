package dev.schemawatch.generator.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.contracts.templates.Templates;
import dev.schemawatch.generator.export.SuiteExports;
import dev.schemawatch.generator.generation.SuiteGenerator;
import dev.schemawatch.generator.metrics.GeneratorMetrics;
import dev.schemawatch.generator.suites.OnDemandSuites;
import dev.schemawatch.generator.suites.SuiteGeneration;
import dev.schemawatch.generator.suites.SuitePublisher;
import dev.schemawatch.generator.suites.SuiteStore;
import dev.schemawatch.generator.templates.GeneratorTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
    OnDemandSuites onDemandSuites(SourceDataSources sources, SuiteGenerator generator, SuitePublisher publisher, SuiteStore store) {
        return new OnDemandSuites(sources.byName(), generator, publisher, store);
    }

    @Bean(destroyMethod = "close")
    SourceDataSources sourceDataSources(GeneratorProperties properties) {
        Map<String, HikariDataSource> dataSources = new LinkedHashMap<>();
        for (GeneratorProperties.SourceDatabase database : properties.databases()) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("source-" + database.name());
            config.setJdbcUrl(database.url());
            config.setUsername(database.username());
            config.setPassword(database.password());
            config.setReadOnly(true);
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(5_000);
            config.setInitializationFailTimeout(-1);
            config.addDataSourceProperty("ApplicationName", "schemawatch-test-generator");
            if (dataSources.put(database.name(), new HikariDataSource(config)) != null) {
                throw new IllegalArgumentException("schemawatch.generator.databases lists '" + database.name() + "' twice");
            }
        }
        return new SourceDataSources(dataSources);
    }

    /** The pools of the configured source databases, closed with the context. */
    record SourceDataSources(Map<String, HikariDataSource> byName) implements AutoCloseable {

        @Override
        public void close() {
            byName.values().forEach(HikariDataSource::close);
        }
    }

    @Bean
    Templates templates(GeneratorProperties properties) {
        return GeneratorTemplates.create(properties.templateDirectory());
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
