package org.orggroups.api.customer;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.orggroups.api.group.GroupId;

/**
 * Asks to replace the whole set of groups a customer is a direct member of (Waldur's
 * {@code update_organization_groups}). Every group must exist and not be deleted. Groups left get a
 * {@link CustomerLeftGroup}, groups joined a {@link CustomerJoinedGroup}; an unchanged set records nothing.
 *
 * @param customerId the customer
 * @param groupIds   the complete new set, possibly empty, never {@code null}
 */
public record UpdateCustomerGroups(@TargetAggregateIdentifier CustomerId customerId, Set<GroupId> groupIds) {

    public UpdateCustomerGroups {
        groupIds = Set.copyOf(groupIds);
    }
}
