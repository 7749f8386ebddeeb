package org.orggroups.api.offering;

import java.util.List;

import org.axonframework.serialization.Revision;
import org.orggroups.api.group.GroupId;

/**
 * Staff opened a restricted plan, explicitly (stored in its offering's stream); as {@link OfferingAccessOpened}.
 *
 * @param planId           the plan
 * @param offeringId       its offering
 * @param previousGroupIds the set recorded before (deleted groups included), in {@link GroupSets#ORDER}
 */
@Revision("1")
public record PlanAccessOpened(PlanId planId, OfferingId offeringId, List<GroupId> previousGroupIds) {

    public PlanAccessOpened {
        previousGroupIds = GroupSets.normalized(previousGroupIds);
    }
}
