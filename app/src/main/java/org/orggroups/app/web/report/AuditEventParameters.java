package org.orggroups.app.web.report;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Timestamps;

/**
 * The query parameters of {@code GET /api/audit-events/} (API.md section 8). Every filter is optional; an empty one
 * is no filter; text values are trimmed.
 *
 * @param aggregateUuid  events of that group or customer, or {@code null}
 * @param eventType      exact event type, e.g. {@code GroupRenamed}, or {@code null}
 * @param userUuid       events caused by that user, or {@code null}
 * @param correlationId  exact correlation id, or {@code null}
 * @param createdBefore  exclusive upper bound of the time, or {@code null}
 * @param createdAfter   exclusive lower bound of the time, or {@code null}
 * @param page           the page asked for
 */
@FromRequest
public record AuditEventParameters(UUID aggregateUuid, String eventType, UUID userUuid, String correlationId,
                                   Instant createdBefore, Instant createdAfter, PageRequest page) {

    /**
     * Reads the parameters, one error at a time in the contract's order: {@code aggregate_uuid}, {@code user_uuid},
     * {@code created_before}, {@code created_after}, a malformed {@code page}; the text filters last.
     *
     * @throws ApiException 400 {@code {"aggregate_uuid":["Enter a valid UUID."]}} (or {@code user_uuid}); 400
     *                      {@code {"created_before":"Invalid timestamp format."}} (a string, as in section 6); 400
     *                      {@code {"<name>":["Null characters are not allowed."]}}; 404
     *                      {@code {"detail":"Invalid page."}}
     */
    public static AuditEventParameters from(HttpServletRequest request) {
        UUID aggregate = Paging.uuidFilter(request, "aggregate_uuid").orElse(null);
        UUID user = Paging.uuidFilter(request, "user_uuid").orElse(null);
        Instant before = Timestamps.optionalParameter(request, "created_before");
        Instant after = Timestamps.optionalParameter(request, "created_after");
        PageRequest page = Paging.pageRequest(request);
        return new AuditEventParameters(aggregate, Paging.textFilter(request, "event_type"), user,
                Paging.textFilter(request, "correlation_id"), before, after, page);
    }
}
