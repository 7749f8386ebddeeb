package org.orggroups.app.web.offering;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Whether a customer may order an offering, and a plan of it: the answer of {@code .../order_check/} (API.md section
 * 12.7), keys in this order. Allowed and denied both answer 200.
 *
 * @param allowed      whether the order is allowed
 * @param reason       the first matching row of the access rule, lower case: {@code private_offering},
 *                     {@code offering_groups_deleted}, {@code not_in_offering_groups}, {@code plan_groups_deleted},
 *                     {@code not_in_plan_groups}, {@code provider}, {@code granted} or {@code open}
 * @param detail       the refusal in Waldur's words; {@code null} when allowed
 * @param customerUuid the customer, 32 lowercase hex digits
 * @param offering     the offering's own decision
 * @param plan         the plan's own decision; {@code null} when no plan was asked about
 */
@Schema(name = "OfferingOrderCheck")
@JsonPropertyOrder({"allowed", "reason", "detail", "customer_uuid", "offering", "plan"})
public record OfferingOrderCheck(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean allowed,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"private_offering",
                "offering_groups_deleted", "not_in_offering_groups", "plan_groups_deleted", "not_in_plan_groups",
                "provider", "granted", "open"})
        String reason,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Why the order is refused; null when allowed.")
        String detail,
        @JsonProperty("customer_uuid") @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED)
        String customerUuid,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Decision offering,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The plan's decision; null when no plan_uuid was given.")
        Decision plan) {

    /**
     * One resource's own decision, evaluated even when the other one fails.
     *
     * @param uuid       the offering or plan, 32 lowercase hex digits
     * @param allowed    whether the customer passes this resource's rows of the rule
     * @param restricted whether the resource has a restriction recorded
     * @param grantedBy  the live groups of the restriction through which the customer qualifies
     */
    @Schema(name = "OrderCheckDecision")
    @JsonPropertyOrder({"uuid", "allowed", "restricted", "granted_by"})
    public record Decision(
            @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String uuid,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean allowed,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean restricted,
            @JsonProperty("granted_by") @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<OrderGrant> grantedBy) {
    }
}
