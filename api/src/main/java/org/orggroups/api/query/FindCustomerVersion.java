package org.orggroups.api.query;

import java.time.Instant;

import org.orggroups.api.customer.CustomerId;

/**
 * Finds the latest version of a customer whose revision date is at or before an instant, deleted customers
 * included (API.md section 6, {@code history/at/}). Answer: {@code Optional<CustomerVersion>}, empty when the
 * customer had no version yet at that instant, or is unknown.
 *
 * @param customerId the customer
 * @param at         the instant, or {@code null} for the latest version of all
 */
public record FindCustomerVersion(CustomerId customerId, Instant at) {
}
