package org.orggroups.api.offering;

import java.util.List;

import org.axonframework.serialization.Revision;
import org.orggroups.api.group.GroupId;

/**
 * An offering's restriction was set: from now on only members of these groups qualify (API.md 12.1).
 *
 * @param offeringId              the offering
 * @param groupIds                the whole new set, never empty, in {@link GroupSets#ORDER}
 * @param includeDescendantGroups whether members of the groups' descendants qualify too
 * @param previousGroupIds        the set recorded before (deleted groups included); empty when it was open
 */
@Revision("1")
public record OfferingAccessRestricted(OfferingId offeringId, List<GroupId> groupIds, boolean includeDescendantGroups,
                                       List<GroupId> previousGroupIds) {

    public OfferingAccessRestricted {
        groupIds = GroupSets.normalized(groupIds);
        previousGroupIds = GroupSets.normalized(previousGroupIds);
    }
}
