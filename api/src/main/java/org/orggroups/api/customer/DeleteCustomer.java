package org.orggroups.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to delete a customer; its memberships end first.
 *
 * @param customerId the customer
 */
public record DeleteCustomer(@TargetAggregateIdentifier CustomerId customerId) {
}
