package dev.schemawatch.executor.runs;

import dev.schemawatch.contracts.api.PagedResponse;
import dev.schemawatch.contracts.result.TestRunResult;
import dev.schemawatch.executor.config.SuiteExecutors;
import dev.schemawatch.executor.execution.SuiteExecutor;
import dev.schemawatch.executor.execution.ValidationResult;
import dev.schemawatch.executor.report.HtmlReport;
import dev.schemawatch.executor.report.JUnitXmlReport;
import dev.schemawatch.executor.runs.RunStore.RunQuery;
import dev.schemawatch.executor.runs.RunStore.StoredRun;
import dev.schemawatch.executor.runs.RunStore.StoredSuite;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The runs the executor owns: results, JUnit XML and HTML reports, re-runs and dry-run validation. */
@RestController
public class RunsController {

    private final RunStore store;
    private final SuiteRuns runs;
    private final Map<String, SuiteExecutor> executors;

    public RunsController(RunStore store, SuiteRuns runs, SuiteExecutors executors) {
        this.store = store;
        this.runs = runs;
        this.executors = executors.byName();
    }

    @GetMapping("/api/v1/runs")
    @Operation(summary = "Runs, newest first, filtered and paged")
    public PagedResponse<TestRunResult> runs(
            @RequestParam(required = false) String database,
            @RequestParam(required = false) String suiteId,
            @RequestParam(required = false) TestRunResult.RunStatus status,
            @RequestParam(required = false) Boolean failedOnly,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String correlationId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        Page<StoredRun> found = store.search(new RunQuery(database, suiteId, status, failedOnly, from, to, correlationId),
                PageRequest.of(page, size));
        return PagedResponse.of(found.getContent(), page, size, found.getTotalElements(), StoredRun::result);
    }

    @GetMapping("/api/v1/runs/{runId}")
    @Operation(summary = "One run with every case's result")
    public TestRunResult run(@PathVariable String runId) {
        return stored(runId).result();
    }

    @GetMapping(value = "/api/v1/runs/{runId}/junit.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "The run as JUnit XML, for CI systems")
    public String junitXml(@PathVariable String runId) {
        return JUnitXmlReport.render(stored(runId).result());
    }

    @GetMapping(value = "/api/v1/runs/{runId}/report.html", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The run as a self-contained HTML report: failures first, with their SQL and messages")
    public String report(@PathVariable String runId) {
        TestRunResult result = stored(runId).result();
        return HtmlReport.render(result, suite(result.suiteId()).suite());
    }

    @PostMapping("/api/v1/runs")
    @Operation(summary = "Run a suite the executor has seen again; the result is published like any other")
    public ResponseEntity<TestRunResult> rerun(@Valid @RequestBody RunRequest request) {
        TestRunResult result = runs.rerun(suite(request.suiteId()), UUID.randomUUID().toString());
        return ResponseEntity.created(URI.create("/api/v1/runs/" + result.runId())).body(result);
    }

    @PostMapping("/api/v1/suites/{suiteId}:validate")
    @Operation(summary = "Dry run: PREPARE every step of the suite, execute nothing")
    public ValidationResult validate(@PathVariable String suiteId) {
        StoredSuite stored = suite(suiteId);
        SuiteExecutor executor = executors.get(stored.suite().database());
        if (executor == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "database '" + stored.suite().database() + "' is not configured");
        }
        try {
            return executor.validate(stored.suite());
        } catch (SQLException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "database '" + stored.suite().database()
                    + "' cannot be reached: " + e.getMessage(), e);
        }
    }

    public record RunRequest(@NotBlank String suiteId) {
    }

    private StoredRun stored(String runId) {
        return store.find(runId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run with id " + runId));
    }

    private StoredSuite suite(String suiteId) {
        return store.suite(suiteId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no suite with id " + suiteId));
    }
}
