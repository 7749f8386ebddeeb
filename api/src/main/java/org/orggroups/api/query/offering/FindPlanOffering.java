package org.orggroups.api.query.offering;

import org.orggroups.api.offering.PlanId;

/**
 * Finds the offering a plan belongs to, deleted ones included (the stream that holds the plan's events), for
 * commands and histories addressed by plan uuid. Answer: {@code Optional<OfferingId>}, empty when no such plan was
 * ever created.
 *
 * @param planId the plan
 */
public record FindPlanOffering(PlanId planId) {
}
