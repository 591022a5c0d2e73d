package dev.schemawatch.monitor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Everything the monitor needs to know: which databases to watch, where to publish, and how hard to
 * try when something is down.
 *
 * @param databases             the monitored databases; each gets its own Debezium engine and slot
 * @param topic                 where schema-change events go
 * @param deadLetterTopic       where ddl_log rows the monitor cannot parse go, with the reason in headers
 * @param offsetsTopic          Kafka topic holding Debezium's offsets (never local disk)
 * @param heartbeatInterval     how often the heartbeat writes, so the slot advances without DDL
 * @param reconciliationInterval how often the whole catalog is compared with what the monitor knows
 * @param maxEventBytes         above this serialized size an event's definitions are left out (see docs/events.md)
 * @param installObjects        install or upgrade the capture objects at start (needs a superuser)
 * @param retryInitialBackoff   first wait after a failure to reach PostgreSQL, Kafka or MongoDB
 * @param retryMaxBackoff       longest wait between attempts
 */
@Validated
@ConfigurationProperties("schemawatch.monitor")
public record MonitorProperties(
        @NotEmpty @Valid List<MonitoredDatabase> databases,
        @NotBlank @DefaultValue("schemawatch.schema-changes") String topic,
        @NotBlank @DefaultValue("error.schemawatch.ddl-log.schema-monitor") String deadLetterTopic,
        @NotBlank @DefaultValue("schemawatch.schema-monitor.offsets") String offsetsTopic,
        @NotNull @DefaultValue("10s") Duration heartbeatInterval,
        @NotNull @DefaultValue("5m") Duration reconciliationInterval,
        @Min(10_000) @DefaultValue("900000") int maxEventBytes,
        @DefaultValue("true") boolean installObjects,
        @NotNull @DefaultValue("1s") Duration retryInitialBackoff,
        @NotNull @DefaultValue("30s") Duration retryMaxBackoff) {

    /**
     * @param name            the database's name in events and keys ({@code name.schema.table})
     * @param database        the PostgreSQL database to connect to
     * @param slotName        the logical replication slot; defaults to {@code schemawatch_<name>}
     * @param includeSchemas  regular expressions; a change is published only if its schema matches one (empty: all)
     * @param excludeSchemas  regular expressions; a change whose schema matches one is not published
     * @param includeTables   regular expressions on {@code schema.table}; empty: all
     * @param excludeTables   regular expressions on {@code schema.table}
     */
    public record MonitoredDatabase(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "use letters, digits, '_' or '-' (at most 40)") String name,
            @NotBlank @DefaultValue("localhost") String host,
            @Min(1) @DefaultValue("5432") int port,
            @NotBlank String database,
            @NotBlank String username,
            String password,
            @Pattern(regexp = "[a-z0-9_]{1,63}", message = "PostgreSQL slot names are lower-case letters, digits and '_'") String slotName,
            @DefaultValue List<String> includeSchemas,
            @DefaultValue List<String> excludeSchemas,
            @DefaultValue List<String> includeTables,
            @DefaultValue List<String> excludeTables) {

        public String effectiveSlotName() {
            return slotName != null ? slotName : "schemawatch_" + name.toLowerCase().replace('-', '_');
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }
}
