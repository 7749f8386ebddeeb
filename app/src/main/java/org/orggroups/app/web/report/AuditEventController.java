package org.orggroups.app.web.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.audit.AuditEvent;
import org.orggroups.api.query.audit.ListAuditEvents;
import org.orggroups.app.projections.ProjectionPositions;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Timestamps;
import org.orggroups.app.web.support.Uuids;
import org.orggroups.query.audit.AuditEventProjection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit-events/} (staff only): every recorded event, newest first, paged like every list.
 * Served from the audit projection, so it is eventually consistent; the response says how far it reflects the
 * store ({@code X-Event-Position}, {@code X-Projection-Lag}).
 */
@RestController
public class AuditEventController {

    private static final String LIST = "/api/audit-events";

    private final Messaging messaging;
    private final ProjectionPositions positions;

    public AuditEventController(Messaging messaging, ProjectionPositions positions) {
        this.messaging = messaging;
        this.positions = positions;
    }

    /**
     * Lists events. Filters: {@code aggregate_uuid}, {@code user_uuid} (400 {@code ["Enter a valid UUID."]} when
     * malformed), {@code event_type} (e.g. {@code GroupRenamed}), {@code correlation_id}, {@code created_before}
     * and {@code created_after} (exclusive, any ISO 8601 form; 400 {@code "Invalid timestamp format."}, a string
     * as Waldur answers it).
     */
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<Map<String, Object>>> list(HttpServletRequest request) {
        UUID aggregate = Paging.uuidFilter(request, "aggregate_uuid").orElse(null);
        UUID user = Paging.uuidFilter(request, "user_uuid").orElse(null);
        Instant before = Timestamps.optionalParameter(request, "created_before");
        Instant after = Timestamps.optionalParameter(request, "created_after");
        PageRequest pageRequest = Paging.pageRequest(request);
        HttpHeaders position = positions.headers(AuditEventProjection.PROCESSING_GROUP);
        Page<AuditEvent> page = messaging.page(new ListAuditEvents(aggregate, Paging.textFilter(request, "event_type"),
                user, Paging.textFilter(request, "correlation_id"), before, after, pageRequest), AuditEvent.class);
        ResponseEntity<List<Map<String, Object>>> response = Paging.respond(request, page, pageRequest.size(),
                page.items().stream().map(AuditEventController::render).toList());
        return ResponseEntity.ok().headers(response.getHeaders()).headers(position).body(response.getBody());
    }

    /** Fields in the documented order: id, event_type, aggregate_type, aggregate_uuid, sequence, timestamp, user, correlation_id, payload. */
    static Map<String, Object> render(AuditEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.globalIndex());
        json.put("event_type", event.eventType());
        json.put("aggregate_type", event.aggregateType());
        json.put("aggregate_uuid", event.aggregateId() == null ? null : Uuids.hex(event.aggregateId()));
        json.put("sequence", event.sequence());
        json.put("timestamp", Timestamps.render(event.timestamp()));
        if (event.userId() == null) {
            json.put("user", null);
        } else {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("uuid", Uuids.hex(event.userId()));
            user.put("username", event.username());
            json.put("user", user);
        }
        json.put("correlation_id", event.correlationId());
        Map<String, Object> payload = new LinkedHashMap<>();
        event.payload().forEach((key, value) -> payload.put(key, value instanceof UUID id ? Uuids.hex(id) : value));
        json.put("payload", payload);
        return json;
    }
}
