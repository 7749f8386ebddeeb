package org.orggroups.app.web.offering;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.web.OrganizationGroup;

/**
 * An offering as the provider views render it (Waldur's {@code ProviderOfferingDetails}; API.md section 12.2), keys
 * in Waldur's order.
 *
 * @param url                     {@code <base>/api/marketplace-provider-offerings/<uuid>/}
 * @param uuid                    32 lowercase hex digits
 * @param name                    1 to 150 code points
 * @param customer                the provider, {@code <base>/api/customers/<uuid>/}
 * @param customerUuid            the provider's uuid
 * @param customerName            the provider's current name
 * @param plans                   every plan, ordered by name, then uuid
 * @param shared                  whether other customers than the provider may order it
 * @param organizationGroups      the live groups of its restriction, ordered by name, then uuid
 * @param restricted              whether a restriction is recorded, even when all its groups were deleted
 * @param includeDescendantGroups whether members of the groups' descendants qualify too
 */
@Schema(name = "ProviderOfferingDetails")
@JsonPropertyOrder({"url", "uuid", "name", "customer", "customer_uuid", "customer_name", "plans", "shared",
        "organization_groups", "restricted", "include_descendant_groups"})
public record ProviderOfferingDetails(
        @Schema(format = "uri", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Schema(format = "uuid", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String uuid,
        @Schema(maxLength = 150, requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(format = "uri", requiredMode = Schema.RequiredMode.REQUIRED)
        String customer,
        @JsonProperty("customer_uuid")
        @Schema(format = "uuid", accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String customerUuid,
        @JsonProperty("customer_name")
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        String customerName,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        List<BaseProviderPlan> plans,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Accessible to all customers.")
        boolean shared,
        @JsonProperty("organization_groups")
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED)
        List<OrganizationGroup> organizationGroups,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, requiredMode = Schema.RequiredMode.REQUIRED,
                description = OfferingSchema.RESTRICTED)
        boolean restricted,
        @JsonProperty("include_descendant_groups")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = OfferingSchema.DESCENDANTS)
        boolean includeDescendantGroups) {
}
