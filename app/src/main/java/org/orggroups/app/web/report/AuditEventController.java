package org.orggroups.app.web.report;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.audit.AuditEvent;
import org.orggroups.api.query.audit.ListAuditEvents;
import org.orggroups.app.projections.ProjectionPositions;
import org.orggroups.app.web.binding.CreatedRangeParameters;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ErrorBody;
import org.orggroups.app.web.schema.Refusal;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.query.audit.AuditEventProjection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit-events/} (staff only): every recorded event, newest first, paged like every list
 * (API.md section 8). Served from the audit projection, so it is eventually consistent; the response says how far
 * it reflects the store ({@code X-Event-Position}, {@code X-Projection-Lag}).
 */
@RestController
@Tag(name = "audit-events")
public class AuditEventController {

    private static final String LIST = "/api/audit-events";

    private final Messaging messaging;
    private final ProjectionPositions positions;

    public AuditEventController(Messaging messaging, ProjectionPositions positions) {
        this.messaging = messaging;
        this.positions = positions;
    }

    /**
     * @return 200, a page of events, newest first, with {@code X-Result-Count}, {@code Link},
     *         {@code X-Event-Position} and {@code X-Projection-Lag}
     * @throws ApiException see {@link AuditEventParameters#from}; 404 {@code {"detail":"Invalid page."}} for a page
     *                      past the end
     */
    @GetMapping({LIST, LIST + "/"})
    @Operation(operationId = "audit_events_list", summary = "Every recorded event, newest first")
    @Parameter(name = "aggregate_uuid", in = ParameterIn.QUERY, description = "Events of that group or customer",
            schema = @Schema(type = "string", format = "uuid"))
    @Parameter(name = "event_type", in = ParameterIn.QUERY, description = "Exact and case-sensitive",
            schema = @Schema(type = "string", allowableValues = {"GroupCreated", "GroupRenamed", "GroupReparented",
                    "GroupDeleted", "CustomerCreated", "CustomerRenamed", "CustomerDeleted", "CustomerJoinedGroup",
                    "CustomerLeftGroup", "OfferingCreated", "OfferingAccessRestricted", "OfferingAccessOpened",
                    "OfferingDeleted", "PlanCreated", "PlanAccessRestricted", "PlanAccessOpened"}))
    @Parameter(name = "user_uuid", in = ParameterIn.QUERY, description = "Events caused by that user",
            schema = @Schema(type = "string", format = "uuid"))
    @Parameter(name = "correlation_id", in = ParameterIn.QUERY, description = "Exact",
            schema = @Schema(type = "string"))
    @CreatedRangeParameters
    @PagingParameters
    @ApiResponsesFor(description = "A page of events, newest first", headers = {ResponseHeader.RESULT_COUNT,
            ResponseHeader.LINK, ResponseHeader.EVENT_POSITION, ResponseHeader.PROJECTION_LAG},
            errors = {401, 403, 404}, refusals = @Refusal(status = 400, body = ErrorBody.TIMESTAMP_ERROR,
                    description = "A malformed uuid filter ({\"aggregate_uuid\": [\"Enter a valid UUID.\"]}), a "
                            + "time filter that is not a time ({\"created_before\": \"Invalid timestamp format.\"}, "
                            + "a string), a NUL character"))
    public ResponseEntity<List<AuditEventResponse>> list(@Parameter(hidden = true) AuditEventParameters parameters) {
        HttpHeaders position = positions.headers(AuditEventProjection.PROCESSING_GROUP);
        Page<AuditEvent> page = messaging.page(new ListAuditEvents(parameters.aggregateUuid(),
                parameters.eventType(), parameters.userUuid(), parameters.correlationId(),
                parameters.createdBefore(), parameters.createdAfter(), parameters.page()), AuditEvent.class);
        ResponseEntity<List<AuditEventResponse>> response = Paging.respond(page, parameters.page().size(),
                page.items().stream().map(AuditEventResponse::of).toList());
        return ResponseEntity.ok().headers(response.getHeaders()).headers(position).body(response.getBody());
    }
}
