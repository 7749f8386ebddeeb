package org.orggroups.api.offering;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.orggroups.api.group.GroupId;

/**
 * Asks to replace the set of groups a plan is restricted to (API.md 12.4, E9); the same rules as
 * {@link UpdateOfferingGroups}, recording {@link PlanAccessRestricted} or {@link PlanAccessOpened}.
 *
 * @param offeringId              the plan's offering, which handles the command
 * @param planId                  the plan
 * @param groupIds                the complete new set; every group must be live
 * @param includeDescendantGroups the new flag, or {@code null} to keep the current one
 */
public record UpdatePlanGroups(@TargetAggregateIdentifier OfferingId offeringId, PlanId planId,
                               Set<GroupId> groupIds, Boolean includeDescendantGroups) {

    public UpdatePlanGroups {
        groupIds = Set.copyOf(groupIds);
    }
}
