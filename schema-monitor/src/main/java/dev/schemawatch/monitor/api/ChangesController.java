package dev.schemawatch.monitor.api;

import dev.schemawatch.contracts.api.PagedResponse;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.monitor.publish.ChangeHistory;
import dev.schemawatch.monitor.publish.ChangeHistory.ChangeQuery;
import dev.schemawatch.monitor.publish.ChangeHistory.StoredChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;

/** The change history the monitor owns: every schema-change event, untruncated. */
@RestController
@RequestMapping("/api/v1/changes")
public class ChangesController {

    private final ChangeHistory history;

    public ChangesController(ChangeHistory history) {
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "Schema changes, newest first, filtered and paged")
    public PagedResponse<ChangeView> changes(
            @RequestParam(required = false) String database,
            @Parameter(description = "table name, or schema.table") @RequestParam(required = false) String table,
            @RequestParam(required = false) ChangeType changeType,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @Parameter(description = "the originating DDL event id that every stage carries")
            @RequestParam(required = false) String correlationId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        Page<StoredChange> found = history.search(new ChangeQuery(database, table, changeType, from, to, correlationId),
                PageRequest.of(page, size));
        return PagedResponse.of(found.getContent(), page, size, found.getTotalElements(), ChangeView::of);
    }

    @GetMapping("/{eventId}")
    @Operation(summary = "One schema change with its full definitions")
    public ChangeView change(@PathVariable String eventId) {
        return history.find(eventId).map(ChangeView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no schema change with id " + eventId));
    }

    /** A published change: the full event, when its DDL committed and when Kafka acknowledged it. */
    public record ChangeView(SchemaChangeEvent event, Instant commitTime, Instant publishedAt) {

        static ChangeView of(StoredChange stored) {
            return new ChangeView(stored.event(), stored.commitTime(), stored.publishedAt());
        }
    }
}
