package org.orggroups.command.offering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.ClearOfferingGroups;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.NewPlan;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.command.tree.GroupTree;
import org.orggroups.command.tree.InMemoryGroupTree;

/** A provider's offerings deleted with it, through a real Axon configuration, since it spans several offerings. */
class ProviderOfferingCascadeTest {

    private static final CustomerId PROVIDER = CustomerId.parse("c1000000-0000-0000-0000-000000000000");
    private static final CustomerId OTHER = CustomerId.parse("c2000000-0000-0000-0000-000000000000");
    // Sorts after SECOND as text, before it by UUID.compareTo.
    private static final OfferingId FIRST = OfferingId.parse("10000000-0000-0000-0000-000000000000");
    private static final OfferingId SECOND = OfferingId.parse("f0000000-0000-0000-0000-000000000000");
    private static final OfferingId OTHERS = OfferingId.parse("20000000-0000-0000-0000-000000000000");
    private static final GroupId GROUP = GroupId.parse("90000000-0000-0000-0000-000000000000");

    private final InMemoryGroupTree tree = new InMemoryGroupTree().group(GROUP, null);
    private final List<EventMessage<?>> recorded = new ArrayList<>();
    private Configuration axon;
    private ProviderOfferingCascade cascade;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Offering.class)
                .registerComponent(GroupTree.class, c -> tree)
                .registerComponent(Providers.class, c -> provider -> true)
                .eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                        .registerEventHandler(c -> tree))
                .buildConfiguration();
        axon.start();
        axon.eventBus().subscribe(recorded::addAll);
        cascade = new ProviderOfferingCascade(tree, axon.repository(Offering.class));
        create(SECOND, PROVIDER);
        create(FIRST, PROVIDER);
        create(OTHERS, OTHER);
        axon.commandGateway().sendAndWait(new CreatePlan(FIRST, PlanId.random(), "Gold", Set.of(GROUP), false));
        recorded.clear();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void eachLiveOfferingOfTheProviderIsDeletedInUuidOrderNamingTheProvider() {
        DefaultUnitOfWork.startAndGet(null).execute(() -> cascade.deleteOfferingsOf(PROVIDER));

        assertThat(recorded).extracting(EventMessage::getPayload).map(Object.class::cast).containsExactly(
                new OfferingDeleted(FIRST, PROVIDER), new OfferingDeleted(SECOND, PROVIDER));
        assertThat(recorded).allSatisfy(event ->
                assertThat(event.getMetaData()).containsEntry(MetadataKeys.CAUSED_BY_CUSTOMER, PROVIDER.toString()));
        assertThat(tree.offeringsOf(PROVIDER)).isEmpty();
        assertThat(tree.offeringsOf(OTHER)).containsExactly(OTHERS);
        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new ClearOfferingGroups(FIRST)))
                .isInstanceOf(AggregateDeletedException.class);
    }

    @Test
    void providerWithoutOfferingsRecordsNothing() {
        DefaultUnitOfWork.startAndGet(null).execute(() -> cascade.deleteOfferingsOf(CustomerId.random()));

        assertThat(recorded).isEmpty();
    }

    private void create(OfferingId offering, CustomerId provider) {
        axon.commandGateway().sendAndWait(new CreateOffering(offering, provider, "Offering " + offering, true,
                Set.of(), false, List.of(new NewPlan(PlanId.random(), "Basic", Set.of(), false))));
    }
}
