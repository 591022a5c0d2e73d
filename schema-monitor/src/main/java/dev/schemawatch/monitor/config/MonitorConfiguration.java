package dev.schemawatch.monitor.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schemawatch.monitor.capture.CaptureHealthIndicator;
import dev.schemawatch.monitor.capture.CaptureScope;
import dev.schemawatch.monitor.capture.Captures;
import dev.schemawatch.monitor.capture.DatabaseCapture;
import dev.schemawatch.monitor.capture.DdlProcessor;
import dev.schemawatch.monitor.change.ChangeDetector;
import dev.schemawatch.monitor.install.CaptureInstaller;
import dev.schemawatch.monitor.metrics.MonitorMetrics;
import dev.schemawatch.monitor.publish.ChangeHistory;
import dev.schemawatch.monitor.publish.DeadLetters;
import dev.schemawatch.monitor.publish.EventSizePolicy;
import dev.schemawatch.monitor.publish.KafkaHealthIndicator;
import dev.schemawatch.monitor.publish.KafkaProbe;
import dev.schemawatch.monitor.publish.SchemaChangePublisher;
import dev.schemawatch.monitor.snapshot.KnownCatalog;
import dev.schemawatch.monitor.snapshot.Reconciliation;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Duration;
import java.util.List;

/** Wires one capture per monitored database around the shared publisher, history and metrics. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MonitorProperties.class)
public class MonitorConfiguration {

    @Bean
    MonitorMetrics monitorMetrics(MeterRegistry registry) {
        return new MonitorMetrics(registry);
    }

    @Bean
    ChangeHistory changeHistory(MongoTemplate mongo) {
        return new ChangeHistory(mongo);
    }

    @Bean
    SchemaChangePublisher schemaChangePublisher(KafkaTemplate<String, byte[]> kafka, MonitorProperties properties) {
        return new SchemaChangePublisher(kafka, properties.topic(), Duration.ofSeconds(30));
    }

    @Bean
    DeadLetters deadLetters(KafkaTemplate<String, byte[]> kafka, MonitorProperties properties) {
        return new DeadLetters(kafka, properties.deadLetterTopic());
    }

    @Bean
    Captures captures(MonitorProperties properties, KafkaProperties kafkaProperties, MongoTemplate mongo,
                      ChangeHistory history, SchemaChangePublisher publisher, DeadLetters deadLetters,
                      KafkaProbe kafkaProbe, MonitorMetrics metrics) {
        CaptureInstaller installer = new CaptureInstaller(properties.installObjects());
        EventSizePolicy sizePolicy = new EventSizePolicy(properties.maxEventBytes());
        String bootstrapServers = String.join(",", kafkaProperties.getBootstrapServers());
        List<DatabaseCapture> captures = properties.databases().stream().map(database -> {
            KnownCatalog catalog = new KnownCatalog(database.name(), mongo);
            CaptureScope scope = CaptureScope.of(database);
            ChangeDetector detector = new ChangeDetector();
            return new DatabaseCapture(database, properties, bootstrapServers, dataSource(database), installer, catalog,
                    installation -> {
                        history.createIndexes();
                        return new DdlProcessor(database.name(), installation, catalog, scope, detector, history,
                                sizePolicy, publisher, metrics);
                    },
                    deadLetters, kafkaProbe, metrics);
        }).toList();
        return new Captures(captures);
    }

    @Bean
    Reconciliation reconciliation(Captures captures, MonitorMetrics metrics) {
        return new Reconciliation(captures, metrics);
    }

    @Bean
    CaptureHealthIndicator captureHealthIndicator(Captures captures) {
        return new CaptureHealthIndicator(captures);
    }

    @Bean
    KafkaProbe kafkaProbe(KafkaAdmin kafkaAdmin) {
        return new KafkaProbe(kafkaAdmin);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProbe kafkaProbe) {
        return new KafkaHealthIndicator(kafkaProbe);
    }

    private static HikariDataSource dataSource(MonitorProperties.MonitoredDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("monitor-" + database.name());
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "schemawatch-monitor");
        return new HikariDataSource(config);
    }
}
