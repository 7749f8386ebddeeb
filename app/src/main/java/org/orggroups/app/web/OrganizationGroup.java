package org.orggroups.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A group as the API renders it (API.md section 3): keys in exactly this order, {@code parent_uuid} and
 * {@code parent_name} absent (never {@code null}) for a root, {@code parent} always present. Built by
 * {@link Representations#organizationGroup}.
 *
 * @param uuid           32 lowercase hex digits
 * @param url            {@code <base>/api/organization-groups/<uuid>/}
 * @param name           1 to 150 code points
 * @param parentUuid     the parent's uuid; {@code null} (key absent) for a root
 * @param parentName     the parent's name (Waldur 2024 gave its type name: a bug); {@code null} (absent) for a root
 * @param parent         the parent's url, {@code null} for a root
 * @param customersCount direct member customers (not those of descendants)
 */
@Schema(name = "OrganizationGroup")
@JsonPropertyOrder({"uuid", "url", "name", "parent_uuid", "parent_name", "parent", "customers_count"})
public record OrganizationGroup(
        @Schema(format = "uuid", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String uuid,
        @Schema(format = "uri", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Schema(maxLength = 150, requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @JsonProperty("parent_uuid") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(format = "uuid", accessMode = Schema.AccessMode.READ_ONLY,
                description = "Absent for a root group.")
        String parentUuid,
        @JsonProperty("parent_name") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "The parent's name. Absent for a root group.")
        String parentName,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(format = "uri", nullable = true, requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The parent group's url; null for a root group.")
        String parent,
        @JsonProperty("customers_count")
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Customers that are direct members of this group.")
        long customersCount) {
}
