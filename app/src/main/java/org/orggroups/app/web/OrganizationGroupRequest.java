package org.orggroups.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST} and {@code PUT /api/organization-groups/...} as sent (API.md section 3, "Request
 * bodies"): each key as its raw JSON value, {@code null} when the key is absent. Kept raw because the contract's
 * errors name the JSON type a client sent (a number is taken as its text, a boolean is "Not a valid string."),
 * which a binding to Java types would lose; {@link GroupController} checks it with
 * {@link org.orggroups.app.web.support.RequestBodies} and {@link org.orggroups.app.web.support.Hyperlinks}.
 *
 * @param name   the name: required, trimmed, 1 to 150 code points
 * @param parent a hyperlink to the parent group; JSON {@code null} or {@code ""} for a root; absent on PUT keeps it
 */
@Schema(name = "OrganizationGroupRequest")
public record OrganizationGroupRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = 150,
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode name,
        @Schema(implementation = String.class, format = "uri", nullable = true,
                description = "Hyperlink to the parent group; null for a root group.")
        JsonNode parent) implements GroupBody {

    @Override
    public ObjectNode json() {
        return GroupBody.json(name, parent);
    }
}
