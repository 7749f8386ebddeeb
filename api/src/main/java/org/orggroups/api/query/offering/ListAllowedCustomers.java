package org.orggroups.api.query.offering;

import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.PageRequest;

/**
 * Lists every live customer that {@link CheckOrder} would allow for an offering (and plan) (E15; API.md section 12
 * 2.6). Answer: {@code Page<AllowedCustomer>}, ordered by name then uuid; empty for an unknown offering or plan
 * (the HTTP edge checks those first).
 *
 * @param offeringId   the offering
 * @param planId       the plan, or {@code null}
 * @param nameContains case-insensitive substring of the customer's name; {@code null} for none
 * @param page         the page wanted
 */
public record ListAllowedCustomers(OfferingId offeringId, PlanId planId, String nameContains, PageRequest page) {
}
