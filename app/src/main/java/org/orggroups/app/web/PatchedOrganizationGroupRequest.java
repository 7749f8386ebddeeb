package org.orggroups.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/organization-groups/{uuid}/} as sent: only the keys present change (API.md
 * section 3). Raw JSON values for the reason given on {@link OrganizationGroupRequest}.
 *
 * @param name   the new name, trimmed, 1 to 150 code points; {@code null} when absent (unchanged)
 * @param parent a hyperlink to the new parent, JSON {@code null} or {@code ""} for a root; {@code null} when absent
 */
@Schema(name = "PatchedOrganizationGroupRequest")
public record PatchedOrganizationGroupRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = 150)
        JsonNode name,
        @Schema(implementation = String.class, format = "uri", nullable = true,
                description = "Hyperlink to the parent group; null for a root group.")
        JsonNode parent) implements GroupBody {

    @Override
    public ObjectNode json() {
        return GroupBody.json(name, parent);
    }
}
