package org.orggroups.api.query.audit;

import java.time.Instant;
import java.util.UUID;

import org.orggroups.api.query.PageRequest;

/**
 * Lists recorded events, newest first (highest global index first). Answer: {@code Page<AuditEvent>}.
 * Every filter is optional ({@code null} for none) and they combine with "and".
 *
 * @param aggregateId   only events of this aggregate (a group or a customer)
 * @param eventType     only events of this type, the simple name of the event class, e.g. {@code GroupRenamed}
 * @param userId        only events caused by this user
 * @param correlationId only events caused by the request with this correlation id
 * @param createdBefore only events stored strictly before this instant
 * @param createdAfter  only events stored strictly after this instant
 * @param page          the page wanted
 */
public record ListAuditEvents(UUID aggregateId, String eventType, UUID userId, String correlationId,
                              Instant createdBefore, Instant createdAfter, PageRequest page) {
}
