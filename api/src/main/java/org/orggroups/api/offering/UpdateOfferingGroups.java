package org.orggroups.api.offering;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.orggroups.api.group.GroupId;

/**
 * Asks to replace the set of groups an offering is restricted to (Waldur's {@code update_organization_groups},
 * API.md 12.4, E4). A non-empty set records {@link OfferingAccessRestricted} when the set or the flag
 * changes; an empty set opens a restricted offering ({@link OfferingAccessOpened}); otherwise nothing is recorded.
 *
 * @param offeringId              the offering
 * @param groupIds                the complete new set; every group must be live
 * @param includeDescendantGroups the new flag, or {@code null} to keep the current one
 */
public record UpdateOfferingGroups(@TargetAggregateIdentifier OfferingId offeringId, Set<GroupId> groupIds,
                                   Boolean includeDescendantGroups) {

    public UpdateOfferingGroups {
        groupIds = Set.copyOf(groupIds);
    }
}
