package org.orggroups.command.customer;

import org.orggroups.api.customer.CustomerId;

/**
 * Deletes the offerings of a customer that is deleted (API.md 12.10: {@code OfferingDeleted} only by
 * cascade from the provider's {@code CustomerDeleted}, Waldur's {@code on_delete=CASCADE}). Implemented next to the
 * offering aggregate, which records it; called by {@link Customer} in the delete's own unit of work.
 */
public interface OfferingCascade {

    /**
     * Deletes every live offering of the provider, with its plans: one {@code OfferingDeleted} per offering, with
     * the metadata {@code causedByCustomer}. Must run under the shape lock, which every offering's creation takes,
     * so that no offering of this provider can be created between this read and the commit.
     *
     * @param providerId the customer being deleted
     */
    void deleteOfferingsOf(CustomerId providerId);
}
