package org.orggroups.command.customer;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.command.offering.Providers;
import org.springframework.stereotype.Component;

/**
 * {@link Providers} from the customer aggregates themselves: a customer is live when its stream exists and does not
 * end with its delete. Loading the aggregate reads its events in the caller's transaction; no view is involved, so
 * the answer cannot lag behind the event store.
 */
@Component
class CustomerProviders implements Providers {

    private final Repository<Customer> customers;

    CustomerProviders(Repository<Customer> customers) {
        this.customers = customers;
    }

    @Override
    public boolean isLive(CustomerId providerId) {
        try {
            customers.load(providerId.toString());
            return true;
        } catch (AggregateNotFoundException unknownOrDeleted) {
            // AggregateDeletedException, a deleted customer, is a subtype.
            return false;
        }
    }
}
