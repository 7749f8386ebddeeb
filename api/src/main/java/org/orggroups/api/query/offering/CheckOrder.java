package org.orggroups.api.query.offering;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;

/**
 * Whether a customer may order an offering, and a plan of it (E16; API.md 12.1 and 12.7), read from the
 * synchronous views in one snapshot. Answer: {@code Optional<OrderCheck>}, empty when the offering is unknown or
 * deleted.
 *
 * @param offeringId the offering
 * @param customerId the customer who would order
 * @param planId     the plan, or {@code null} to check the offering only (R1 to R3)
 */
public record CheckOrder(OfferingId offeringId, CustomerId customerId, PlanId planId) {
}
