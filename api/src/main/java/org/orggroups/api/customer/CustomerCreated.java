package org.orggroups.api.customer;

import org.axonframework.serialization.Revision;

/**
 * A customer was registered.
 *
 * @param customerId the new customer
 * @param name       its name
 */
@Revision("1")
public record CustomerCreated(CustomerId customerId, String name) {
}
