package dev.schemawatch.notifier.delivery;

import dev.schemawatch.contracts.api.PagedResponse;
import dev.schemawatch.notifier.delivery.DeliveryStore.DeliveryQuery;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.function.Function;

/** Every delivery the notifier made or owes; failed ones can be replayed (admin, X-API-Key). */
@RestController
public class DeliveriesController {

    private final DeliveryStore store;
    private final Deliveries deliveries;

    public DeliveriesController(DeliveryStore store, Deliveries deliveries) {
        this.store = store;
        this.deliveries = deliveries;
    }

    @GetMapping("/api/v1/deliveries")
    @Operation(summary = "Deliveries, newest first, filtered and paged; ?status=FAILED lists what awaits a replay")
    public PagedResponse<Delivery> deliveries(
            @RequestParam(required = false) Delivery.Status status,
            @RequestParam(required = false) String channelId,
            @RequestParam(required = false) String correlationId,
            @RequestParam(required = false) String inputEventId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        Page<Delivery> found = store.search(new DeliveryQuery(status, channelId, correlationId, inputEventId, from, to), PageRequest.of(page, size));
        return PagedResponse.of(found.getContent(), page, size, found.getTotalElements(), Function.identity());
    }

    @GetMapping("/api/v1/deliveries/{id}")
    @Operation(summary = "One delivery with its items, rendered body and last answer")
    public Delivery delivery(@PathVariable String id) {
        return store.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no delivery " + id));
    }

    @PostMapping("/api/v1/deliveries/{id}:retry")
    @Operation(summary = "Replays a FAILED or SUPPRESSED delivery with the same webhook-id; 409 for any other")
    public Delivery retry(@PathVariable String id) {
        if (store.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no delivery " + id);
        }
        try {
            return deliveries.replay(id);
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
    }
}
