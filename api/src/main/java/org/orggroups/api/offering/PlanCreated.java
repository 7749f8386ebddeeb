package org.orggroups.api.offering;

import java.util.List;

import org.axonframework.serialization.Revision;
import org.orggroups.api.group.GroupId;

/**
 * A plan was added to an offering (stored in the offering's stream).
 *
 * @param planId                  the plan
 * @param offeringId              its offering
 * @param name                    its name
 * @param groupIds                the groups it is restricted to, in {@link GroupSets#ORDER}; empty when open
 * @param includeDescendantGroups whether members of the groups' descendants qualify too
 */
@Revision("1")
public record PlanCreated(PlanId planId, OfferingId offeringId, String name, List<GroupId> groupIds,
                          boolean includeDescendantGroups) {

    public PlanCreated {
        groupIds = GroupSets.normalized(groupIds);
    }
}
