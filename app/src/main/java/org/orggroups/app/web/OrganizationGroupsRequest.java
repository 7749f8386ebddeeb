package org.orggroups.app.web;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/customers/{uuid}/update_organization_groups/} as sent (API.md section 4); raw for
 * the reason given on {@link OrganizationGroupRequest}.
 *
 * @param organizationGroups the hyperlinks of every group the customer is to be a member of; {@code null} when
 *                           absent
 */
@Schema(name = "OrganizationGroupsRequest")
public record OrganizationGroupsRequest(
        @JsonProperty("organization_groups")
        @ArraySchema(schema = @Schema(implementation = URI.class),
                arraySchema = @Schema(type = "array", requiredMode = Schema.RequiredMode.REQUIRED,
                        description = "Hyperlinks of the groups; replaces the customer's whole set."))
        JsonNode organizationGroups) {
}
