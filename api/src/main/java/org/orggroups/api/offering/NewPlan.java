package org.orggroups.api.offering;

import java.util.Set;

import org.orggroups.api.group.GroupId;

/**
 * A plan created with its offering (an item of Waldur's nested {@code plans} in the offering's create body, API.md
 * 12.3), restricted from birth when groups are given, as a plan of E6 is.
 *
 * @param planId                  the new plan's id
 * @param name                    its name, trimmed, 1..150 code points
 * @param groupIds                the restriction, copied; empty for an open plan; every group must be live
 * @param includeDescendantGroups whether members of the groups' descendants qualify too (2.9); recorded only with
 *                                groups
 */
public record NewPlan(PlanId planId, String name, Set<GroupId> groupIds, boolean includeDescendantGroups) {

    public NewPlan {
        groupIds = Set.copyOf(groupIds);
    }
}
