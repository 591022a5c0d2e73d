package dev.schemawatch.monitor.api;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.monitor.capture.Captures;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The monitor's current knowledge of a relation's definition. */
@RestController
@RequestMapping("/api/v1/snapshots")
public class SnapshotsController {

    private final Captures captures;

    public SnapshotsController(Captures captures) {
        this.captures = captures;
    }

    @GetMapping("/{database}/{schema}/{table}")
    @Operation(summary = "The last known definition of a relation (table, view, sequence...)")
    public RelationDefinition snapshot(@PathVariable String database, @PathVariable String schema, @PathVariable String table) {
        return captures.named(database)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "database " + database + " is not monitored"))
                .catalog().relations().stream()
                .filter(r -> r.schema().equals(schema) && r.name().equals(table))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no relation " + schema + "." + table + " is known in " + database));
    }
}
