package dev.schemawatch.executor.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.executor.execution.ExecutionSettings;
import dev.schemawatch.executor.execution.SuiteExecutor;
import dev.schemawatch.executor.metrics.ExecutorMetrics;
import dev.schemawatch.executor.runs.ResultPublisher;
import dev.schemawatch.executor.runs.RunStore;
import dev.schemawatch.executor.runs.SuiteRuns;
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
@EnableConfigurationProperties(ExecutorProperties.class)
public class ExecutorConfiguration {

    /** The stream function: schemawatch.test-suites in, schemawatch.test-results out (bindings in application.yml). */
    @Bean
    Consumer<Message<byte[]>> runTestSuite(SuiteRuns runs) {
        return runs;
    }

    @Bean
    SuiteRuns suiteRuns(SuiteExecutors executors, RunStore store, ResultPublisher publisher, ExecutorMetrics metrics, Clock clock) {
        return new SuiteRuns(executors.byName(), store, publisher, metrics, clock);
    }

    @Bean
    SuiteExecutors suiteExecutors(TargetDataSources targets, ExecutorProperties properties) {
        Map<String, SuiteExecutor> executors = new LinkedHashMap<>();
        for (ExecutorProperties.TargetDatabase database : properties.databases()) {
            ExecutionSettings settings = new ExecutionSettings(properties.poolSize(), properties.lockTimeout(), properties.statementTimeout(),
                    properties.idleInTransactionTimeout(), properties.caseTimeout(), database.role(), properties.maxCases(), properties.maxRowsTouched(),
                    database.shadowUrl() != null ? ExecutionSettings.Target.SHADOW : ExecutionSettings.Target.MONITORED);
            executors.put(database.name(), new SuiteExecutor(targets.byName().get(database.name()), settings));
        }
        return new SuiteExecutors(executors);
    }

    @Bean(destroyMethod = "close")
    TargetDataSources targetDataSources(ExecutorProperties properties) {
        Map<String, HikariDataSource> dataSources = new LinkedHashMap<>();
        for (ExecutorProperties.TargetDatabase database : properties.databases()) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("target-" + database.name());
            config.setJdbcUrl(database.shadowUrl() != null ? database.shadowUrl() : database.url());
            config.setUsername(database.username());
            config.setPassword(database.password());
            config.setMaximumPoolSize(properties.poolSize() + 1);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(5_000);
            config.setInitializationFailTimeout(-1);
            config.addDataSourceProperty("ApplicationName", "schemawatch-test-executor");
            if (dataSources.put(database.name(), new HikariDataSource(config)) != null) {
                throw new IllegalArgumentException("schemawatch.executor.databases lists '" + database.name() + "' twice");
            }
        }
        return new TargetDataSources(dataSources);
    }

    /** The pools of the configured databases, closed with the context. */
    record TargetDataSources(Map<String, HikariDataSource> byName) implements AutoCloseable {

        @Override
        public void close() {
            byName.values().forEach(HikariDataSource::close);
        }
    }

    @Bean
    RunStore runStore(MongoTemplate mongo) {
        RunStore store = new RunStore(mongo);
        store.createIndexes();
        return store;
    }

    @Bean
    ResultPublisher resultPublisher(StreamBridge bridge) {
        return new ResultPublisher(bridge);
    }

    @Bean
    ExecutorMetrics executorMetrics(MeterRegistry registry) {
        return new ExecutorMetrics(registry);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
