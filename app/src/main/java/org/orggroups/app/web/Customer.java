package org.orggroups.app.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A customer as the API renders it (API.md section 4), keys in exactly this order. Built by
 * {@link Representations#customerOf}.
 *
 * @param uuid               32 lowercase hex digits
 * @param url                {@code <base>/api/customers/<uuid>/}
 * @param name               1 to 150 code points
 * @param organizationGroups the groups it is a direct member of, ordered by name
 */
@Schema(name = "Customer")
@JsonPropertyOrder({"uuid", "url", "name", "organization_groups"})
public record Customer(
        @Schema(format = "uuid", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String uuid,
        @Schema(format = "uri", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Schema(maxLength = 150, requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @JsonProperty("organization_groups")
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        List<OrganizationGroup> organizationGroups) {
}
