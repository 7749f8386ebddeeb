package org.orggroups.api.offering;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.orggroups.api.group.GroupId;

/**
 * Asks to add a plan to a live offering (API.md 12.3, E6). Plans are members of the offering's aggregate.
 * Records {@link PlanCreated}.
 *
 * @param offeringId              the offering, which handles the command
 * @param planId                  the new plan's id
 * @param name                    trimmed, 1..150 code points
 * @param groupIds                the restriction; empty for an open plan; every group must be live
 * @param includeDescendantGroups whether members of the groups' descendants qualify too (2.9)
 */
public record CreatePlan(@TargetAggregateIdentifier OfferingId offeringId, PlanId planId, String name,
                         Set<GroupId> groupIds, boolean includeDescendantGroups) {

    public CreatePlan {
        groupIds = Set.copyOf(groupIds);
    }
}
