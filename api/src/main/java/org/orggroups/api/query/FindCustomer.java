package org.orggroups.api.query;

import org.orggroups.api.customer.CustomerId;

/**
 * Finds one live customer. Answer: {@code Optional<CustomerSummary>}, empty for an unknown or deleted one.
 *
 * @param customerId the customer
 */
public record FindCustomer(CustomerId customerId) {
}
