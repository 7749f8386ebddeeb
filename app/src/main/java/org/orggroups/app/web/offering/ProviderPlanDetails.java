package org.orggroups.app.web.offering;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.web.OrganizationGroup;

/**
 * A plan as {@code /api/marketplace-plans/} renders it (Waldur's {@code ProviderPlanDetails}; API.md section 12.2),
 * keys in this order.
 *
 * @param url                     {@code <base>/api/marketplace-plans/<uuid>/}
 * @param uuid                    32 lowercase hex digits
 * @param name                    1 to 150 code points
 * @param organizationGroups      the live groups of its restriction, ordered by name, then uuid
 * @param offering                its offering, {@code <base>/api/marketplace-provider-offerings/<uuid>/}
 * @param restricted              whether a restriction is recorded, even when all its groups were deleted
 * @param includeDescendantGroups whether members of the groups' descendants qualify too
 */
@Schema(name = "ProviderPlanDetails")
@JsonPropertyOrder({"url", "uuid", "name", "organization_groups", "offering", "restricted",
        "include_descendant_groups"})
public record ProviderPlanDetails(
        @Schema(format = "uri", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Schema(format = "uuid", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String uuid,
        @Schema(maxLength = 150, requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @JsonProperty("organization_groups")
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        List<OrganizationGroup> organizationGroups,
        @Schema(format = "uri", requiredMode = Schema.RequiredMode.REQUIRED)
        String offering,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED,
                description = OfferingSchema.RESTRICTED)
        boolean restricted,
        @JsonProperty("include_descendant_groups")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = OfferingSchema.DESCENDANTS)
        boolean includeDescendantGroups) {
}
