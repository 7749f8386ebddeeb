package org.orggroups.api.query.offering;

import java.util.List;

import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.GroupSummary;

/**
 * A plan as the read side shows it (API.md 12.2).
 *
 * @param planId                  the plan
 * @param offeringId              its offering
 * @param name                    its name
 * @param restricted              whether a restriction is recorded, even when every group of it was deleted
 * @param includeDescendantGroups the descendant flag (2.9)
 * @param groups                  the live groups of the restriction, ordered by name then uuid
 * @param version                 the offering stream's sequence number of the plan's last change
 */
public record PlanSummary(PlanId planId, OfferingId offeringId, String name, boolean restricted,
                          boolean includeDescendantGroups, List<GroupSummary> groups, long version) {

    public PlanSummary {
        groups = List.copyOf(groups);
    }
}
