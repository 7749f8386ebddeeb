package org.orggroups.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One version of a group or customer, in the shape of Waldur's {@code VersionHistory} (API.md section 6), fields in
 * this order.
 *
 * @param id              the global index in the event store of the version's last event (a version is one
 *                        request's events on the resource)
 * @param revisionDate    when the request's events were recorded, {@code 2026-11-29T12:45:09.392000Z}
 * @param revisionUser    who made the change, or {@code null} (rendered) for the operator's tools
 * @param revisionComment what happened, in words, each event's joined by {@code "; "}
 * @param serializedData  the resource right after the version's last event as its own endpoint renders it; {@code {}} when the
 *                        service has no record of it
 * @param queriedAt       only on {@code .../history/at/}: the {@code timestamp} parameter exactly as sent; the key
 *                        is absent elsewhere
 */
@Schema(name = "VersionHistory")
@JsonPropertyOrder({"id", "revision_date", "revision_user", "revision_comment", "serialized_data", "queried_at"})
public record VersionHistory(
        long id,
        @JsonProperty("revision_date") @Schema(format = "date-time", example = "2026-11-29T12:45:09.392000Z")
        String revisionDate,
        @JsonProperty("revision_user")
        RevisionUser revisionUser,
        @JsonProperty("revision_comment") @Schema(example = "Renamed from \"Finland\" to \"Suomi\"")
        String revisionComment,
        @JsonProperty("serialized_data")
        @Schema(type = "object", types = "object",
                description = "The resource right after the change, as its own endpoint renders it")
        Object serializedData,
        @JsonProperty("queried_at") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                description = "Only on history/at/: the timestamp parameter as sent")
        String queriedAt) {

    /** @return this version with {@code queried_at} as its last key */
    VersionHistory queriedAt(String timestamp) {
        return new VersionHistory(id, revisionDate, revisionUser, revisionComment, serializedData, timestamp);
    }

    /**
     * The user who made a change.
     *
     * @param uuid     32 lowercase hex digits
     * @param username as recorded with the event, else as stored now
     * @param fullName the user's current full name, {@code ""} when none or when the user is gone
     */
    @Schema(name = "RevisionUser", nullable = true, description = "null for a change made by the operator's tools")
    @JsonPropertyOrder({"uuid", "username", "full_name"})
    public record RevisionUser(
            String uuid,
            String username,
            @JsonProperty("full_name") String fullName) {
    }
}
