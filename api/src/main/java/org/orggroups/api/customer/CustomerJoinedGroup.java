package org.orggroups.api.customer;

import org.axonframework.serialization.Revision;
import org.orggroups.api.group.GroupId;

/**
 * A customer became a direct member of a group.
 *
 * @param customerId the customer
 * @param groupId    the group joined
 */
@Revision("1")
public record CustomerJoinedGroup(CustomerId customerId, GroupId groupId) {
}
