package dev.schemawatch.analyzer.approval;

import dev.schemawatch.contracts.impact.ImpactDecision;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Approve or reject a change whose impact report requires approval. */
@RestController
@RequestMapping("/api/v1/impacts/{reportId}")
public class DecisionsController {

    private final Decisions decisions;

    public DecisionsController(Decisions decisions) {
        this.decisions = decisions;
    }

    @PostMapping("/approve")
    @Operation(summary = "Approve the change; published on schemawatch.impact-decisions with who decided")
    public ImpactDecision approve(@PathVariable String reportId, @Valid @RequestBody DecisionRequest request) {
        return decisions.decide(reportId, ImpactDecision.Decision.APPROVED, request.decidedBy(), request.comment());
    }

    @PostMapping("/reject")
    @Operation(summary = "Reject the change; published on schemawatch.impact-decisions with who decided")
    public ImpactDecision reject(@PathVariable String reportId, @Valid @RequestBody DecisionRequest request) {
        return decisions.decide(reportId, ImpactDecision.Decision.REJECTED, request.decidedBy(), request.comment());
    }

    @ExceptionHandler(DecisionRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(DecisionRejectedException e) {
        HttpStatus status = e.reason() == DecisionRejectedException.Reason.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }

    /** @param decidedBy who decides, e.g. an e-mail address */
    public record DecisionRequest(@NotBlank @Size(max = 200) String decidedBy, @Size(max = 2000) String comment) {
    }
}
