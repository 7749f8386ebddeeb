package org.orggroups.api.customer;

import org.axonframework.serialization.Revision;

/**
 * A customer was deleted. Its memberships ended before, each with a {@link CustomerLeftGroup}.
 *
 * @param customerId the customer
 */
@Revision("1")
public record CustomerDeleted(CustomerId customerId) {
}
