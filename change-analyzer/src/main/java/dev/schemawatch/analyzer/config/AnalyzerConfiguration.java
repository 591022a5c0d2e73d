package dev.schemawatch.analyzer.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.analyzer.analysis.ImpactAnalyzer;
import dev.schemawatch.analyzer.analysis.SchemaChangeAnalysis;
import dev.schemawatch.analyzer.approval.ApprovalPolicy;
import dev.schemawatch.analyzer.approval.Decisions;
import dev.schemawatch.analyzer.live.LiveDatabase;
import dev.schemawatch.analyzer.live.LiveDatabaseSettings;
import dev.schemawatch.analyzer.live.PostgresLiveDatabase;
import dev.schemawatch.analyzer.metrics.AnalyzerMetrics;
import dev.schemawatch.analyzer.report.ImpactPublisher;
import dev.schemawatch.analyzer.report.ImpactStore;
import dev.schemawatch.analyzer.report.ReportSizePolicy;
import dev.schemawatch.analyzer.rollback.RollbackPlanner;
import dev.schemawatch.analyzer.rules.RuleBook;
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
@EnableConfigurationProperties(AnalyzerProperties.class)
public class AnalyzerConfiguration {

    /** The stream function: schemawatch.schema-changes in, schemawatch.impact-reports out (bindings in application.yml). */
    @Bean
    Consumer<Message<byte[]>> analyzeSchemaChange(SchemaChangeAnalysis analysis) {
        return analysis;
    }

    @Bean
    SchemaChangeAnalysis schemaChangeAnalysis(ImpactAnalyzer analyzer, ImpactStore store, ImpactPublisher publisher,
                                              AnalyzerMetrics metrics, Clock clock) {
        return new SchemaChangeAnalysis(analyzer, store, publisher, metrics, clock);
    }

    @Bean
    ImpactAnalyzer impactAnalyzer(RuleBook rules, LiveDatabases databases, AnalyzerProperties properties, Clock clock) {
        return new ImpactAnalyzer(rules, new RollbackPlanner(),
                new ApprovalPolicy(properties.approval().minSeverity(), properties.approval().tables()),
                databases.byName(), properties.replayQueries(), clock);
    }

    @Bean
    RuleBook ruleBook(AnalyzerProperties properties) {
        return new RuleBook(properties.severityOverrides(), properties.thresholds());
    }

    @Bean(destroyMethod = "close")
    LiveDatabases liveDatabases(AnalyzerProperties properties) {
        LiveDatabaseSettings settings = new LiveDatabaseSettings(properties.statementTimeout(), properties.lockTimeout(),
                properties.replayLimit());
        Map<String, HikariDataSource> dataSources = new LinkedHashMap<>();
        Map<String, LiveDatabase> databases = new LinkedHashMap<>();
        for (AnalyzerProperties.LiveDatabaseConnection connection : properties.databases()) {
            if (databases.containsKey(connection.name())) {
                throw new IllegalArgumentException("schemawatch.analyzer.databases lists '" + connection.name() + "' twice");
            }
            HikariDataSource dataSource = dataSource(connection, properties);
            dataSources.put(connection.name(), dataSource);
            databases.put(connection.name(), new PostgresLiveDatabase(connection.name(), dataSource, settings));
        }
        return new LiveDatabases(databases, dataSources);
    }

    @Bean
    ImpactStore impactStore(MongoTemplate mongo) {
        ImpactStore store = new ImpactStore(mongo);
        store.createIndexes();
        return store;
    }

    @Bean
    ImpactPublisher impactPublisher(StreamBridge bridge, AnalyzerProperties properties) {
        return new ImpactPublisher(bridge, new ReportSizePolicy(properties.maxReportBytes()));
    }

    @Bean
    Decisions decisions(ImpactStore store, ImpactPublisher publisher, AnalyzerMetrics metrics, Clock clock) {
        return new Decisions(store, publisher, metrics, clock);
    }

    @Bean
    AnalyzerMetrics analyzerMetrics(MeterRegistry registry) {
        return new AnalyzerMetrics(registry);
    }

    @Bean
    LiveDatabasesHealthIndicator liveDatabasesHealthIndicator(LiveDatabases databases) {
        return new LiveDatabasesHealthIndicator(databases);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Read-only, small, and quick to give up: an unreachable database must cost a report seconds,
     * not the pool's default half minute, and must not stop the analyzer from starting.
     */
    private static HikariDataSource dataSource(AnalyzerProperties.LiveDatabaseConnection connection, AnalyzerProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("live-" + connection.name());
        config.setJdbcUrl(connection.url());
        config.setUsername(connection.username());
        config.setPassword(connection.password());
        config.setReadOnly(true);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, properties.connectTimeout().toMillis()));
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "schemawatch-change-analyzer");
        config.addDataSourceProperty("connectTimeout", Math.max(1, properties.connectTimeout().toSeconds()));
        return new HikariDataSource(config);
    }
}
