package org.orggroups.app.web;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST .../update_organization_groups/} of customers, offerings and plans as sent (API.md
 * sections 4 and 12.4; one component, as in Waldur); raw for the reason given on {@link OrganizationGroupRequest}.
 *
 * @param organizationGroups      the hyperlinks of every group of the new set; {@code null} when absent
 * @param includeDescendantGroups offerings and plans only (ignored for customers): the new descendant flag;
 *                                {@code null} when absent, which keeps the current flag
 */
@Schema(name = "OrganizationGroupsRequest")
public record OrganizationGroupsRequest(
        @JsonProperty("organization_groups")
        @ArraySchema(schema = @Schema(implementation = URI.class),
                arraySchema = @Schema(type = "array", requiredMode = Schema.RequiredMode.REQUIRED,
                        description = "Hyperlinks of the groups; replaces the whole set (a customer's memberships, or "
                                + "an offering's or plan's restriction, where [] opens it)."))
        JsonNode organizationGroups,
        @JsonProperty("include_descendant_groups")
        @Schema(implementation = Boolean.class, nullable = true,
                description = "Offerings and plans only: whether direct members of the groups' current descendants "
                        + "qualify too; absent or null keeps the current setting. Ignored for customers.")
        JsonNode includeDescendantGroups) {
}
