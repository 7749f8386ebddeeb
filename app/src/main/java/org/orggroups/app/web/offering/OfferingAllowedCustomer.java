package org.orggroups.app.web.offering;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A customer that may order an offering (and plan), an item of {@code .../allowed_customers/} (API.md section
 * 12.6), keys in this order.
 *
 * @param uuid      32 lowercase hex digits
 * @param url       {@code <base>/api/customers/<uuid>/}
 * @param name      its current name
 * @param grantedBy the groups through which it qualifies for the offering's and the plan's restrictions; empty when
 *                  both are open
 */
@Schema(name = "OfferingAllowedCustomer")
@JsonPropertyOrder({"uuid", "url", "name", "granted_by"})
public record OfferingAllowedCustomer(
        @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String uuid,
        @Schema(format = "uri", requiredMode = Schema.RequiredMode.REQUIRED) String url,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @JsonProperty("granted_by") @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        List<OrderGrant> grantedBy) {
}
