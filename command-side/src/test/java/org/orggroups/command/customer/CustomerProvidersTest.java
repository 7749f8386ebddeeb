package org.orggroups.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.command.tree.GroupTree;
import org.orggroups.command.tree.InMemoryGroupTree;

/** A provider is live when its customer's stream exists and does not end with its delete. */
class CustomerProvidersTest {

    private Configuration axon;
    private CustomerProviders providers;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Customer.class)
                .registerComponent(GroupTree.class, c -> new InMemoryGroupTree())
                .registerComponent(OfferingCascade.class, c -> provider -> { })
                .buildConfiguration();
        axon.start();
        providers = new CustomerProviders(axon.repository(Customer.class));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void createdAndRenamedCustomerIsLive() {
        CustomerId customer = CustomerId.random();
        axon.commandGateway().sendAndWait(new CreateCustomer(customer, "Acme"));
        axon.commandGateway().sendAndWait(new RenameCustomer(customer, "Acme Ltd"));

        assertThat(isLive(customer)).isTrue();
    }

    @Test
    void deletedCustomerIsNotLive() {
        CustomerId customer = CustomerId.random();
        axon.commandGateway().sendAndWait(new CreateCustomer(customer, "Acme"));
        axon.commandGateway().sendAndWait(new DeleteCustomer(customer));

        assertThat(isLive(customer)).isFalse();
    }

    @Test
    void unknownCustomerIsNotLive() {
        assertThat(isLive(CustomerId.random())).isFalse();
    }

    /** Asked, as the offering's creation asks, within a unit of work. */
    private boolean isLive(CustomerId customer) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> providers.isLive(customer)).getPayload();
    }
}
