package org.orggroups.api.query.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One recorded event as the audit log shows it.
 *
 * @param globalIndex   the event's position in the event store, unique and increasing
 * @param eventType     simple name of the event class, e.g. {@code GroupRenamed}
 * @param aggregateType the aggregate that recorded it, e.g. {@code OrganizationGroup} or {@code Customer}
 * @param aggregateId   that aggregate's id
 * @param sequence      the event's sequence number within its aggregate, from 0
 * @param timestamp     when the event was stored, microsecond precision
 * @param userId        the user who caused it, or {@code null} for a system action
 * @param username      that user's name at the time, or {@code null}
 * @param correlationId the correlation id of the request that caused it, or {@code null}
 * @param payload       the event's fields, keys in snake case in declaration order; values are strings,
 *                      booleans, numbers or {@code null}; ids are {@link UUID}s, lists of ids lists of them
 */
public record AuditEvent(long globalIndex, String eventType, String aggregateType, UUID aggregateId, long sequence,
                         Instant timestamp, UUID userId, String username, String correlationId,
                         Map<String, Object> payload) {

    /**
     * Keys whose values are ids ({@link UUID}) or lists of ids ({@code List<UUID>}, the offering events' groups):
     * every typed id an event records, listed here so that renderers need not guess. {@code AuditPayloadsTest}
     * checks every event type against it.
     */
    public static final Set<String> ID_KEYS =
            Set.of("group_id", "parent_id", "previous_parent_id", "deleted_by", "customer_id", "offering_id",
                    "plan_id", "provider_id", "group_ids", "previous_group_ids");
}
