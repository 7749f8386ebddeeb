package org.orggroups.api.offering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to open a plan to every customer that may order its offering (API.md 12.4, E10). Records
 * {@link PlanAccessOpened} only when the plan was restricted.
 *
 * @param offeringId the plan's offering, which handles the command
 * @param planId     the plan
 */
public record ClearPlanGroups(@TargetAggregateIdentifier OfferingId offeringId, PlanId planId) {
}
