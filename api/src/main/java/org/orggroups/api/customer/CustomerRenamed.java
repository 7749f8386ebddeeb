package org.orggroups.api.customer;

import org.axonframework.serialization.Revision;

/**
 * A customer got a new name.
 *
 * @param customerId   the customer
 * @param name         the new name
 * @param previousName the name before, kept for the audit history
 */
@Revision("1")
public record CustomerRenamed(CustomerId customerId, String name, String previousName) {
}
