package org.orggroups.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to register a customer.
 *
 * @param customerId the id the new customer gets, chosen by the sender
 * @param name       the name, trimmed, 1..150 code points
 */
public record CreateCustomer(@TargetAggregateIdentifier CustomerId customerId, String name) {
}
