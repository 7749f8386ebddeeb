package org.orggroups.api.query.offering;

import org.orggroups.api.offering.PlanId;

/**
 * Finds one plan of a live offering (E8). Answer: {@code Optional<PlanSummary>}, empty when unknown or deleted.
 *
 * @param planId the plan
 */
public record FindPlan(PlanId planId) {
}
