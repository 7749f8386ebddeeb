package org.orggroups.api.query;

import java.time.Instant;

import org.orggroups.api.customer.CustomerId;

/**
 * Lists the versions of a customer, newest first, deleted customers included (API.md section 6).
 * Answer: {@code Page<CustomerVersion>}; an unknown customer has no versions.
 *
 * @param customerId    the customer
 * @param createdAfter  only versions strictly after this instant, or {@code null}
 * @param createdBefore only versions strictly before this instant, or {@code null}
 * @param page          the page wanted
 */
public record ListCustomerHistory(CustomerId customerId, Instant createdAfter, Instant createdBefore,
                                  PageRequest page) {
}
