package org.orggroups.api.offering;

import java.util.List;

import org.axonframework.serialization.Revision;
import org.orggroups.api.group.GroupId;

/**
 * Staff opened a restricted offering to every customer, explicitly (API.md 12.4). The only way a
 * restriction ends: deleting its groups never opens it. Its descendant flag goes back to {@code false}.
 *
 * @param offeringId       the offering
 * @param previousGroupIds the set recorded before (deleted groups included), in {@link GroupSets#ORDER}
 */
@Revision("1")
public record OfferingAccessOpened(OfferingId offeringId, List<GroupId> previousGroupIds) {

    public OfferingAccessOpened {
        previousGroupIds = GroupSets.normalized(previousGroupIds);
    }
}
