package org.orggroups.api.offering;

import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;

/**
 * Asks to create an offering of a provider, with its nested plans, in one transaction (API.md 12.3, E1).
 * The provider must be a live customer; every group must be live. Records {@link OfferingCreated}, then one
 * {@link PlanCreated} per plan, in the given order.
 *
 * @param offeringId              the new offering's id
 * @param providerId              the provider (Waldur's {@code customer})
 * @param name                    trimmed, 1..150 code points
 * @param shared                  whether it is offered to other customers than the provider
 * @param groupIds                the restriction; empty for an open offering
 * @param includeDescendantGroups whether members of the groups' descendants qualify too (2.9)
 * @param plans                   plans created with it, each open or restricted from birth
 */
public record CreateOffering(@TargetAggregateIdentifier OfferingId offeringId, CustomerId providerId, String name,
                             boolean shared, Set<GroupId> groupIds, boolean includeDescendantGroups,
                             List<NewPlan> plans) {

    public CreateOffering {
        groupIds = Set.copyOf(groupIds);
        plans = List.copyOf(plans);
    }
}
