package dev.schemawatch.analyzer.config;

import dev.schemawatch.analyzer.rules.Thresholds;
import dev.schemawatch.contracts.impact.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the analyzer judges changes: which live databases it may look into, how long it may look,
 * what counts as large, which severities are overridden, and when a person must approve.
 *
 * @param databases         the monitored databases, each under the name events carry; a change to a
 *                          database not listed here is judged on its event alone and reported partial
 * @param statementTimeout  longest a data check or count may run
 * @param lockTimeout       longest query replay waits for a lock before it gives up on a query
 * @param connectTimeout    longest to wait for a connection before the database counts as unreachable
 * @param replayQueries     re-validate recorded application queries with PREPARE
 * @param replayLimit       at most this many recorded queries per report
 * @param largeTableRows    tables with at least this many rows count as large for the locking rules
 * @param largeTableSize    ... or at least this size
 * @param severityOverrides rule code to severity, e.g. {@code SW502: LOW}
 * @param approval          when a report requires a person's approval
 * @param maxReportBytes    above this serialized size a report's change definitions are left out
 */
@Validated
@ConfigurationProperties("schemawatch.analyzer")
public record AnalyzerProperties(
        @DefaultValue @Valid List<LiveDatabaseConnection> databases,
        @NotNull @DefaultValue("2s") Duration statementTimeout,
        @NotNull @DefaultValue("200ms") Duration lockTimeout,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("true") boolean replayQueries,
        @Min(0) @DefaultValue("200") int replayLimit,
        @Min(1) @DefaultValue("100000") long largeTableRows,
        @NotNull @DefaultValue("100MB") DataSize largeTableSize,
        @DefaultValue Map<String, Severity> severityOverrides,
        @NotNull @DefaultValue @Valid Approval approval,
        @Min(10_000) @DefaultValue("900000") int maxReportBytes) {

    public Thresholds thresholds() {
        return new Thresholds(largeTableRows, largeTableSize.toBytes());
    }

    /**
     * A read-only connection to a monitored database. Give it a role that can read the catalog,
     * {@code pg_stat_statements} (pg_read_all_stats) and the tables' rows (for data checks), and
     * nothing more: the analyzer never writes.
     *
     * @param name the database's name in schema-change events (schema-monitor's {@code databases[].name})
     */
    public record LiveDatabaseConnection(@NotBlank String name, @NotBlank String url, @NotBlank String username, String password) {
    }

    /**
     * @param minSeverity a report at or above this severity requires approval
     * @param tables      glob patterns on {@code database.schema.table}; a change to a matching table requires approval
     */
    public record Approval(@NotNull @DefaultValue("BREAKING") Severity minSeverity, @DefaultValue List<String> tables) {
    }
}
