package org.orggroups.api.query.offering;

import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.query.PageRequest;

/**
 * Lists the plans of live offerings (E7). Answer: {@code Page<PlanSummary>}, ordered by name then uuid.
 *
 * @param offeringId only this offering's plans; {@code null} for all
 * @param page       the page wanted
 */
public record ListPlans(OfferingId offeringId, PageRequest page) {
}
