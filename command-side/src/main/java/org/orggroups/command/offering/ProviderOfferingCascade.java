package org.orggroups.command.offering;

import org.axonframework.modelling.command.Repository;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.command.customer.OfferingCascade;
import org.orggroups.command.tree.GroupTree;
import org.springframework.stereotype.Component;

/**
 * {@link OfferingCascade} through the offering aggregates: each live offering of the deleted provider records its
 * own {@code OfferingDeleted}, in the customer delete's unit of work and transaction.
 */
@Component
class ProviderOfferingCascade implements OfferingCascade {

    private final GroupTree tree;
    private final Repository<Offering> offerings;

    ProviderOfferingCascade(GroupTree tree, Repository<Offering> offerings) {
        this.tree = tree;
        this.offerings = offerings;
    }

    @Override
    public void deleteOfferingsOf(CustomerId providerId) {
        // The caller holds the shape lock, which every creation of an offering takes, so the list cannot grow
        // between this read and the commit.
        for (OfferingId offering : tree.offeringsOf(providerId)) {
            offerings.load(offering.toString()).execute(o -> o.deleteWithProvider(providerId));
        }
    }
}
