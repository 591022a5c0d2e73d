package dev.schemawatch.analyzer.report;

import dev.schemawatch.analyzer.report.ImpactStore.ImpactQuery;
import dev.schemawatch.analyzer.report.ImpactStore.StoredImpact;
import dev.schemawatch.contracts.api.PagedResponse;
import dev.schemawatch.contracts.impact.Severity;
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

/** The impact reports the analyzer owns, with the decision on each. */
@RestController
@RequestMapping("/api/v1/impacts")
public class ImpactsController {

    private final ImpactStore store;

    public ImpactsController(ImpactStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "Impact reports, newest first, filtered and paged")
    public PagedResponse<StoredImpact> impacts(
            @RequestParam(required = false) String database,
            @Parameter(description = "table name, or schema.table") @RequestParam(required = false) String table,
            @Parameter(description = "reports at or above this severity") @RequestParam(required = false) Severity severity,
            @Parameter(description = "a rule code, e.g. SW103") @RequestParam(required = false) String rule,
            @RequestParam(required = false) Boolean requiresApproval,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @Parameter(description = "the originating DDL event id that every stage carries")
            @RequestParam(required = false) String correlationId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        Page<StoredImpact> found = store.search(
                new ImpactQuery(database, table, severity, rule, requiresApproval, from, to, correlationId), PageRequest.of(page, size));
        return PagedResponse.of(found.getContent(), page, size, found.getTotalElements(), impact -> impact);
    }

    @GetMapping("/{reportId}")
    @Operation(summary = "One impact report")
    public StoredImpact impact(@PathVariable String reportId) {
        return store.find(reportId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no impact report with id " + reportId));
    }
}
