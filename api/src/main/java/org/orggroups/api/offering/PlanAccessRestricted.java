package org.orggroups.api.offering;

import java.util.List;

import org.axonframework.serialization.Revision;
import org.orggroups.api.group.GroupId;

/**
 * A plan's restriction was set (stored in its offering's stream); as {@link OfferingAccessRestricted}.
 *
 * @param planId                  the plan
 * @param offeringId              its offering
 * @param groupIds                the whole new set, never empty, in {@link GroupSets#ORDER}
 * @param includeDescendantGroups whether members of the groups' descendants qualify too
 * @param previousGroupIds        the set recorded before (deleted groups included); empty when it was open
 */
@Revision("1")
public record PlanAccessRestricted(PlanId planId, OfferingId offeringId, List<GroupId> groupIds,
                                   boolean includeDescendantGroups, List<GroupId> previousGroupIds) {

    public PlanAccessRestricted {
        groupIds = GroupSets.normalized(groupIds);
        previousGroupIds = GroupSets.normalized(previousGroupIds);
    }
}
