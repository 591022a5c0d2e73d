package dev.schemawatch.monitor.capture;

import dev.schemawatch.monitor.config.MonitorProperties;
import dev.schemawatch.monitor.config.MonitorProperties.MonitoredDatabase;

import java.util.Properties;

/** The Debezium PostgreSQL connector configuration for one monitored database. */
final class DebeziumSettings {

    static final String PUBLICATION = "schemawatch_ddl";
    static final String HEARTBEAT_UPSERT = "INSERT INTO schemawatch.heartbeat (id, beat_at) VALUES (1, now())"
            + " ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at";

    private DebeziumSettings() {
    }

    static Properties forDatabase(MonitoredDatabase database, MonitorProperties properties, String bootstrapServers) {
        Properties config = new Properties();
        config.setProperty("name", "schemawatch-monitor-" + database.name());
        config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        config.setProperty("offset.storage.topic", properties.offsetsTopic());
        config.setProperty("offset.storage.partitions", "1");
        config.setProperty("offset.storage.replication.factor", "-1");
        config.setProperty("offset.flush.interval.ms", "1000");
        config.setProperty("offset.flush.timeout.ms", "10000");
        config.setProperty("bootstrap.servers", bootstrapServers);
        config.setProperty("database.hostname", database.host());
        config.setProperty("database.port", Integer.toString(database.port()));
        config.setProperty("database.user", database.username());
        config.setProperty("database.password", database.password() == null ? "" : database.password());
        config.setProperty("database.dbname", database.database());
        config.setProperty("topic.prefix", "schemawatch_" + database.name().replace('-', '_'));
        config.setProperty("plugin.name", "pgoutput");
        config.setProperty("slot.name", database.effectiveSlotName());
        config.setProperty("publication.name", PUBLICATION);
        config.setProperty("publication.autocreate.mode", "disabled");
        config.setProperty("table.include.list", "schemawatch\\.ddl_log,schemawatch\\.heartbeat");
        config.setProperty("snapshot.mode", "no_data");
        config.setProperty("tombstones.on.delete", "false");
        config.setProperty("heartbeat.interval.ms", Long.toString(properties.heartbeatInterval().toMillis()));
        config.setProperty("heartbeat.action.query", HEARTBEAT_UPSERT);
        config.setProperty("status.update.interval.ms", "1000");
        config.setProperty("poll.interval.ms", "10");
        config.setProperty("max.batch.size", "512");
        return config;
    }
}
