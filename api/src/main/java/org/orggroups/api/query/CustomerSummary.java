package org.orggroups.api.query;

import java.util.List;

import org.orggroups.api.customer.CustomerId;

/**
 * A customer as the read side shows it.
 *
 * @param customerId the customer
 * @param name       its name
 * @param groups     the live groups it is a direct member of, ordered by name then uuid
 */
public record CustomerSummary(CustomerId customerId, String name, List<GroupSummary> groups) {

    public CustomerSummary {
        groups = List.copyOf(groups);
    }
}
