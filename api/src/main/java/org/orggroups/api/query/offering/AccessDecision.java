package org.orggroups.api.query.offering;

import java.util.List;

/**
 * Whether one restriction (of an offering or of a plan) admits a customer.
 *
 * @param allowed    whether the customer passes this resource's rows of the rule
 * @param restricted whether the resource has a restriction recorded
 * @param grantedBy  the live groups of the restriction through which the customer qualifies, ordered by group
 *                   name, then uuid, then via uuid; empty when open or not qualified
 */
public record AccessDecision(boolean allowed, boolean restricted, List<Grant> grantedBy) {

    public AccessDecision {
        grantedBy = List.copyOf(grantedBy);
    }
}
