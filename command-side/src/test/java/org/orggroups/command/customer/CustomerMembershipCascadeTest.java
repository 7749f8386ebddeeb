package org.orggroups.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.group.GroupId;
import org.orggroups.command.EventStreams;
import org.orggroups.command.tree.GroupTree;
import org.orggroups.command.tree.InMemoryGroupTree;

/** Members leaving deleted groups, through a real Axon configuration, since it spans several customers. */
class CustomerMembershipCascadeTest {

    private static final GroupId A = GroupId.parse("10000000-0000-0000-0000-000000000000");
    private static final GroupId B = GroupId.parse("20000000-0000-0000-0000-000000000000");
    private static final GroupId C = GroupId.parse("30000000-0000-0000-0000-000000000000");
    private static final CustomerId FIRST = CustomerId.parse("c1000000-0000-0000-0000-000000000000");
    private static final CustomerId SECOND = CustomerId.parse("c2000000-0000-0000-0000-000000000000");
    private static final CustomerId OUTSIDER = CustomerId.parse("c3000000-0000-0000-0000-000000000000");

    private final InMemoryGroupTree tree = new InMemoryGroupTree().group(A, null).group(B, null).group(C, A);
    private final List<EventMessage<?>> recorded = new ArrayList<>();
    private final List<String> locked = new ArrayList<>();
    private Configuration axon;
    private CustomerMembershipCascade cascade;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Customer.class)
                .registerComponent(GroupTree.class, c -> tree)
                .registerComponent(OfferingCascade.class, c -> provider -> { })
                .eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                        .registerEventHandler(c -> tree))
                .buildConfiguration();
        axon.start();
        axon.eventBus().subscribe(recorded::addAll);
        cascade = new CustomerMembershipCascade(tree, axon.repository(Customer.class), new EventStreams() {
            @Override
            public Map<String, Long> lastSequenceNumbers(Collection<String> aggregateIds) {
                throw new UnsupportedOperationException("the cascade loads each member");
            }

            @Override
            public void lock(List<String> aggregateIds) {
                locked.addAll(aggregateIds);
            }

            @Override
            public java.util.Optional<Long> lockAndReadLastSequenceNumber(String aggregateId) {
                throw new UnsupportedOperationException("the cascade locks its members all at once");
            }
        });
        join(SECOND, Set.of(C, A, B));
        join(FIRST, Set.of(C));
        join(OUTSIDER, Set.of(B));
        recorded.clear();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void eachMemberLeavesEachDeletedGroupItBelongedTo() {
        DefaultUnitOfWork.startAndGet(null).execute(() -> cascade.leaveDeletedGroups(List.of(C, A), A));

        assertThat(recorded).extracting(EventMessage::getPayload).map(Object.class::cast).containsExactly(
                new CustomerLeftGroup(FIRST, C, true),
                new CustomerLeftGroup(SECOND, A, true),
                new CustomerLeftGroup(SECOND, C, true));
        assertThat(recorded).allSatisfy(event ->
                assertThat(event.getMetaData()).containsEntry(MetadataKeys.CAUSED_BY_GROUP, A.toString()));
        assertThat(tree.membersOf(List.of(A, C))).isEmpty();
        assertThat(tree.membersOf(List.of(B))).containsExactly(SECOND, OUTSIDER);
        assertThat(locked).as("the members, locked in uuid order before they are read")
                .containsExactly(FIRST.toString(), SECOND.toString());
    }

    @Test
    void aMemberDeletedSinceItWasReadIsLeftAlone() {
        axon.commandGateway().sendAndWait(new DeleteCustomer(FIRST));
        // The member row as a group delete read it before it waited for the customer's lock.
        tree.member(C, FIRST);
        recorded.clear();

        DefaultUnitOfWork.startAndGet(null).execute(() -> cascade.leaveDeletedGroups(List.of(C, A), A));

        assertThat(recorded).extracting(EventMessage::getPayload).map(Object.class::cast).containsExactly(
                new CustomerLeftGroup(SECOND, A, true),
                new CustomerLeftGroup(SECOND, C, true));
    }

    @Test
    void groupsWithoutMembersRecordNothing() {
        tree.group(GroupId.parse("40000000-0000-0000-0000-000000000000"), null);

        DefaultUnitOfWork.startAndGet(null).execute(() -> cascade.leaveDeletedGroups(
                List.of(GroupId.parse("40000000-0000-0000-0000-000000000000")), A));

        assertThat(recorded).isEmpty();
    }

    private void join(CustomerId customer, Set<GroupId> groups) {
        axon.commandGateway().sendAndWait(new CreateCustomer(customer, "Customer " + customer));
        axon.commandGateway().sendAndWait(new UpdateCustomerGroups(customer, groups));
    }
}
