package org.orggroups.app.web.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.api.query.audit.AuditEvent;
import org.orggroups.app.web.support.Timestamps;
import org.orggroups.app.web.support.Uuids;

/**
 * One recorded event as {@code GET /api/audit-events/} renders it (API.md section 8), fields in this order.
 *
 * @param id            the event's global index
 * @param eventType     e.g. {@code GroupRenamed}
 * @param aggregateType {@code OrganizationGroup} or {@code Customer}
 * @param aggregateUuid the group or customer, 32 hex digits
 * @param sequence      the event's number within its group or customer, from 0
 * @param timestamp     when it was recorded, {@code 2026-11-29T12:45:09.392000Z}
 * @param user          who caused it, or {@code null} (rendered) for operator tools
 * @param correlationId the correlation id of the request that caused it, or {@code null} (rendered)
 * @param payload       the event's fields in their recorded order, uuids as 32 hex digits
 */
@Schema(name = "AuditEvent")
@JsonPropertyOrder({"id", "event_type", "aggregate_type", "aggregate_uuid", "sequence", "timestamp", "user",
        "correlation_id", "payload"})
public record AuditEventResponse(
        long id,
        @JsonProperty("event_type")
        @Schema(allowableValues = {"GroupCreated", "GroupRenamed", "GroupReparented", "GroupDeleted",
                "CustomerCreated", "CustomerRenamed", "CustomerDeleted", "CustomerJoinedGroup",
                "CustomerLeftGroup", "OfferingCreated", "OfferingAccessRestricted", "OfferingAccessOpened",
                "OfferingDeleted", "PlanCreated", "PlanAccessRestricted", "PlanAccessOpened"})
        String eventType,
        @JsonProperty("aggregate_type") @Schema(allowableValues = {"OrganizationGroup", "Customer", "Offering"})
        String aggregateType,
        @JsonProperty("aggregate_uuid") @Schema(format = "uuid") String aggregateUuid,
        long sequence,
        @Schema(format = "date-time", example = "2026-11-29T12:45:09.392000Z") String timestamp,
        AuditUser user,
        @JsonProperty("correlation_id") String correlationId,
        @Schema(description = "The event's fields; keys depend on event_type (API.md section 8)")
        Map<String, Object> payload) {

    /** @return the event as the wire shows it */
    static AuditEventResponse of(AuditEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        event.payload().forEach((key, value) -> payload.put(key, rendered(value)));
        return new AuditEventResponse(event.globalIndex(), event.eventType(), event.aggregateType(),
                event.aggregateId() == null ? null : Uuids.hex(event.aggregateId()), event.sequence(),
                Timestamps.render(event.timestamp()),
                event.userId() == null ? null : new AuditUser(Uuids.hex(event.userId()), event.username()),
                event.correlationId(), payload);
    }

    /** @return an id as 32 hex digits (API.md section 8), a list's ids each so, any other value as is */
    private static Object rendered(Object value) {
        if (value instanceof UUID id) {
            return Uuids.hex(id);
        }
        if (value instanceof List<?> values) {
            return values.stream().map(AuditEventResponse::rendered).toList();
        }
        return value;
    }

    /**
     * The user whose request caused an event, as recorded then.
     *
     * @param uuid     32 hex digits
     * @param username the username of that time
     */
    @Schema(name = "AuditEventUser", nullable = true, description = "null for an event of the operator's tools")
    @JsonPropertyOrder({"uuid", "username"})
    public record AuditUser(String uuid, String username) {
    }
}
