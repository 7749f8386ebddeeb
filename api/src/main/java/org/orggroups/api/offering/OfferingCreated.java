package org.orggroups.api.offering;

import java.util.List;

import org.axonframework.serialization.Revision;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;

/**
 * An offering was created. The restriction is part of the creation, so an offering created restricted is never
 * open, not even in its history (API.md 12.10).
 *
 * @param offeringId              the offering
 * @param providerId              its provider
 * @param name                    its name
 * @param shared                  whether other customers than the provider may order it
 * @param groupIds                the groups it is restricted to, in {@link GroupSets#ORDER}; empty when open
 * @param includeDescendantGroups whether members of the groups' descendants qualify too
 */
@Revision("1")
public record OfferingCreated(OfferingId offeringId, CustomerId providerId, String name, boolean shared,
                              List<GroupId> groupIds, boolean includeDescendantGroups) {

    public OfferingCreated {
        groupIds = GroupSets.normalized(groupIds);
    }
}
