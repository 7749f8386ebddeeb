package org.orggroups.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to rename a customer. Renaming to the current name records nothing.
 *
 * @param customerId the customer
 * @param name       the new name, trimmed, 1..150 code points
 */
public record RenameCustomer(@TargetAggregateIdentifier CustomerId customerId, String name) {
}
