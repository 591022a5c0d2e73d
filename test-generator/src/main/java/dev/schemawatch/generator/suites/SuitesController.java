package dev.schemawatch.generator.suites;

import dev.schemawatch.contracts.api.PagedResponse;
import dev.schemawatch.contracts.suite.CaseCategory;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.export.ExportFormat;
import dev.schemawatch.generator.config.GeneratorProperties;
import dev.schemawatch.generator.export.SuiteExport;
import dev.schemawatch.generator.export.SuiteExports;
import dev.schemawatch.generator.suites.SuiteStore.StoredSuite;
import dev.schemawatch.generator.suites.SuiteStore.SuiteQuery;
import dev.schemawatch.generator.suites.SuiteStore.SuiteSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;

/** The suites the generator owns, and their exports. */
@RestController
@RequestMapping("/api/v1/suites")
public class SuitesController {

    private final SuiteStore store;
    private final SuiteExports exports;

    private final OnDemandSuites onDemand;
    private final long defaultSeed;

    public SuitesController(SuiteStore store, SuiteExports exports, OnDemandSuites onDemand, GeneratorProperties properties) {
        this.store = store;
        this.exports = exports;
        this.onDemand = onDemand;
        this.defaultSeed = properties.seed();
    }

    @PostMapping
    @Operation(summary = "Generate a full suite for the current schema of a table (with its parents) or of a whole schema;"
            + " it is stored and published like any other")
    public ResponseEntity<TestSuite> generate(@Valid @RequestBody SuiteRequest request) throws SQLException {
        TestSuite suite;
        try {
            suite = onDemand.generate(request.database(), request.schema(), request.table(),
                    request.seed() == null ? defaultSeed : request.seed());
        } catch (OnDemandSuites.UnknownSourceException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage(), e);
        }
        return ResponseEntity.created(URI.create("/api/v1/suites/" + suite.suiteId())).body(suite);
    }

    /**
     * @param table null for every table of the schema
     * @param seed  the test-data seed; the configured one when null
     */
    public record SuiteRequest(@NotBlank String database, @NotBlank String schema, String table, Long seed) {
    }

    @GetMapping
    @Operation(summary = "Suites, newest first, filtered and paged (without their SQL)")
    public PagedResponse<SuiteSummary> suites(
            @RequestParam(required = false) String database,
            @Parameter(description = "schema.table") @RequestParam(required = false) String table,
            @RequestParam(required = false) CaseCategory category,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @Parameter(description = "the originating DDL event id that every stage carries")
            @RequestParam(required = false) String correlationId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        Page<StoredSuite> found = store.search(new SuiteQuery(database, table, category == null ? null : category.name(), from, to,
                correlationId), PageRequest.of(page, size));
        return PagedResponse.of(found.getContent(), page, size, found.getTotalElements(), StoredSuite::summary);
    }

    @GetMapping("/{suiteId}")
    @Operation(summary = "One suite with every case and its SQL")
    public TestSuite suite(@PathVariable String suiteId) {
        return stored(suiteId).suite();
    }

    @GetMapping("/{suiteId}/export")
    @Operation(summary = "The suite as a pgTAP script (format=pgtap) or a JUnit 5 test class (format=junit)")
    public ResponseEntity<String> export(@PathVariable String suiteId, @RequestParam String format) {
        ExportFormat exportFormat;
        try {
            exportFormat = ExportFormat.fromParameter(format);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
        }
        SuiteExport export = exports.export(stored(suiteId).suite(), exportFormat);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .body(export.content());
    }

    private StoredSuite stored(String suiteId) {
        return store.find(suiteId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no suite with id " + suiteId));
    }
}
