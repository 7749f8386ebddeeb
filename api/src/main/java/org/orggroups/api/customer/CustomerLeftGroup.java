package org.orggroups.api.customer;

import org.axonframework.serialization.Revision;
import org.orggroups.api.group.GroupId;

/**
 * A customer stopped being a direct member of a group: it was taken out, the group was deleted, or the
 * customer was deleted.
 *
 * @param customerId   the customer
 * @param groupId      the group left
 * @param groupDeleted whether it left because the group was deleted
 */
@Revision("1")
public record CustomerLeftGroup(CustomerId customerId, GroupId groupId, boolean groupDeleted) {
}
