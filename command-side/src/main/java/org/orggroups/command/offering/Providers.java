package org.orggroups.command.offering;

import org.orggroups.api.customer.CustomerId;

/**
 * Whether a customer can be the provider of a new offering (API.md 12.3, E1: a deleted customer gives
 * "Object does not exist"). Implemented next to the customer aggregate, which knows it; asked by {@link Offering}
 * while its creation holds the shape lock ({@code GroupTree#lockShape()}), which a customer's delete takes too, so
 * the answer stays true until the creation commits and the delete, if one follows, sees the new offering.
 */
public interface Providers {

    /**
     * @param providerId a customer
     * @return whether it exists and is not deleted
     */
    boolean isLive(CustomerId providerId);
}
