package org.orggroups.app.web.report;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.audit.AuditEvent;
import org.orggroups.api.query.audit.ListAuditEvents;
import org.orggroups.app.projections.ProjectionPositions;
import org.orggroups.app.web.binding.ErrorSchemas;
import org.orggroups.app.web.binding.PagedResponses;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.StaffOnlyResponses;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Messaging;
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
                    "CustomerLeftGroup"}))
    @Parameter(name = "user_uuid", in = ParameterIn.QUERY, description = "Events caused by that user",
            schema = @Schema(type = "string", format = "uuid"))
    @Parameter(name = "correlation_id", in = ParameterIn.QUERY, description = "Exact",
            schema = @Schema(type = "string"))
    @Parameter(name = "created_after", in = ParameterIn.QUERY, description = "Exclusive; any ISO 8601 form",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "created_before", in = ParameterIn.QUERY, description = "Exclusive; any ISO 8601 form",
            schema = @Schema(type = "string", format = "date-time"))
    @PagingParameters
    @ApiResponse(responseCode = "200", description = "A page of events, newest first",
            headers = {
                    @Header(name = ReportDocs.RESULT_COUNT, schema = @Schema(type = "integer")),
                    @Header(name = ReportDocs.LINK, description = ReportDocs.LINK_DESCRIPTION,
                            schema = @Schema(type = "string")),
                    @Header(name = ReportDocs.EVENT_POSITION, description = ReportDocs.EVENT_POSITION_DESCRIPTION,
                            schema = @Schema(type = "integer")),
                    @Header(name = ReportDocs.PROJECTION_LAG, description = ReportDocs.PROJECTION_LAG_DESCRIPTION,
                            schema = @Schema(type = "integer"))},
            content = @Content(mediaType = "application/json",
                    array = @ArraySchema(schema = @Schema(implementation = AuditEventResponse.class))))
    @ApiResponse(responseCode = "400",
            description = "A malformed uuid filter ({\"aggregate_uuid\": [\"Enter a valid UUID.\"]}), a time filter "
                    + "that is not a time ({\"created_before\": \"Invalid timestamp format.\"}, a string), a NUL "
                    + "character",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object", types = "object",
                    description = ErrorSchemas.TIMESTAMP_ERROR)))
    @ApiResponse(responseCode = "404", description = "{\"detail\": \"Invalid page.\"}",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = ErrorSchemas.ERROR_DETAIL)))
    @StaffOnlyResponses
    public ResponseEntity<List<AuditEventResponse>> list(@Parameter(hidden = true) AuditEventParameters parameters) {
        HttpHeaders position = positions.headers(AuditEventProjection.PROCESSING_GROUP);
        Page<AuditEvent> page = messaging.page(new ListAuditEvents(parameters.aggregateUuid(),
                parameters.eventType(), parameters.userUuid(), parameters.correlationId(),
                parameters.createdBefore(), parameters.createdAfter(), parameters.page()), AuditEvent.class);
        ResponseEntity<List<AuditEventResponse>> response = PagedResponses.of(page, parameters.page(),
                page.items().stream().map(AuditEventResponse::of).toList());
        return ResponseEntity.ok().headers(response.getHeaders()).headers(position).body(response.getBody());
    }
}
