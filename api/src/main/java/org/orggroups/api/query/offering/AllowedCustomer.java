package org.orggroups.api.query.offering;

import java.util.List;

import org.orggroups.api.customer.CustomerId;

/**
 * A customer that may order an offering (and plan), with the groups through which it qualifies (E15).
 *
 * @param customerId the customer
 * @param name       its name
 * @param grantedBy  the grants of the offering's and the plan's restrictions together, as {@link AccessDecision};
 *                   empty when both are open
 */
public record AllowedCustomer(CustomerId customerId, String name, List<Grant> grantedBy) {

    public AllowedCustomer {
        grantedBy = List.copyOf(grantedBy);
    }
}
