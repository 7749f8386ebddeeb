package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.NewPlan;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdateOfferingGroups;
import org.orggroups.app.rebuild.ReadModelRebuilder;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.ProviderNotFoundException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The offering commands on the real event store and database (API.md 12.4 and 12.10): a provider's
 * delete takes its offerings with it, and the liveness checks hold against deletes racing them on real threads,
 * under the one lock order (no deadlock, no offering of a deleted provider, no restriction recorded after its
 * group's delete).
 */
class OfferingCommandsIntegrationTest extends IntegrationTest {

    private static final int ROUNDS = 15;

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore events;
    @Autowired
    private ReadModelRebuilder rebuilder;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void deletingAProviderDeletesItsOfferingsNamingItAsTheCause() {
        CustomerId provider = customer("Provider");
        CustomerId other = customer("Other");
        GroupId group = GroupId.random();
        commands.sendAndWait(new CreateGroup(group, "Universities", null));
        OfferingId first = offering(provider, Set.of(group));
        OfferingId second = offering(provider, Set.of());
        OfferingId others = offering(other, Set.of());
        commands.sendAndWait(new CreatePlan(first, PlanId.random(), "Gold", Set.of(group), true));

        commands.sendAndWait(new DeleteCustomer(provider));

        for (OfferingId deleted : List.of(first, second)) {
            DomainEventMessage<?> last = lastEvent(deleted);
            assertThat(last.getPayload()).isEqualTo(new OfferingDeleted(deleted, provider));
            assertThat(last.getMetaData()).containsEntry(MetadataKeys.CAUSED_BY_CUSTOMER, provider.toString());
        }
        assertThat(jdbc.queryForList("select offering_id from provider_offering", UUID.class))
                .containsExactly(others.uuid());
    }

    @Test
    void rebuildingFromTheEventStoreGivesExactlyTheLiveProviderOfferings() {
        CustomerId kept = customer("Kept");
        CustomerId deleted = customer("Deleted");
        offering(kept, Set.of());
        offering(kept, Set.of());
        offering(deleted, Set.of());
        commands.sendAndWait(new DeleteCustomer(deleted));
        String rows = "select offering_id, provider_id from provider_offering order by offering_id";
        List<Map<String, Object>> live = jdbc.queryForList(rows);
        assertThat(live).hasSize(2);

        rebuilder.rebuildAll();

        assertThat(jdbc.queryForList(rows)).isEqualTo(live);
    }

    @Test
    void anOfferingCreatedWhileItsProviderIsDeletedIsEitherRefusedOrDeletedWithIt() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            CustomerId provider = customer("Provider " + i);
            OfferingId offering = OfferingId.random();
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Throwable> create = threads.submit(outcome(start, () -> commands.sendAndWait(new CreateOffering(
                    offering, provider, "Cloud", true, Set.of(), false, List.of(new NewPlan(PlanId.random(), "B", Set.of(), false))))));
            Future<Throwable> delete = threads.submit(outcome(start,
                    () -> commands.sendAndWait(new DeleteCustomer(provider))));

            assertThat(delete.get(30, TimeUnit.SECONDS)).isNull();
            Throwable created = create.get(30, TimeUnit.SECONDS);
            if (created == null) {
                assertThat(lastEvent(offering).getPayload()).isEqualTo(new OfferingDeleted(offering, provider));
            } else {
                assertThat(created).isInstanceOf(ProviderNotFoundException.class);
                assertThat(events.readEvents(offering.toString()).asStream()).isEmpty();
            }
            assertThat(jdbc.queryForObject("select count(*) from provider_offering where provider_id = ?",
                    Integer.class, provider.uuid())).isZero();
        }
    }

    @Test
    void aRestrictionRacingItsGroupsDeleteIsEitherRefusedOrRecordedBeforeTheDelete() throws Exception {
        CustomerId provider = customer("Provider");
        for (int i = 0; i < ROUNDS; i++) {
            GroupId group = GroupId.random();
            commands.sendAndWait(new CreateGroup(group, "Group " + i, null));
            OfferingId offering = offering(provider, Set.of());
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Throwable> restrict = threads.submit(outcome(start,
                    () -> commands.sendAndWait(new UpdateOfferingGroups(offering, Set.of(group), null))));
            Future<Throwable> delete = threads.submit(outcome(start,
                    () -> commands.sendAndWait(new DeleteGroup(group, null))));

            assertThat(delete.get(30, TimeUnit.SECONDS)).isNull();
            Throwable restricted = restrict.get(30, TimeUnit.SECONDS);
            if (restricted == null) {
                long restriction = globalIndexOfLast(offering.toString());
                long groupDelete = globalIndexOfLast(group.toString());
                assertThat(lastEvent(offering).getPayload())
                        .isEqualTo(new OfferingAccessRestricted(offering, List.of(group), false, List.of()));
                assertThat(restriction).as("round %d: the restriction is recorded before the group's delete", i)
                        .isLessThan(groupDelete);
            } else {
                assertThat(restricted).isInstanceOf(MemberGroupNotFoundException.class);
            }
        }
    }

    private CustomerId customer(String name) {
        CustomerId customer = CustomerId.random();
        commands.sendAndWait(new CreateCustomer(customer, name));
        return customer;
    }

    private OfferingId offering(CustomerId provider, Set<GroupId> groups) {
        OfferingId offering = OfferingId.random();
        commands.sendAndWait(new CreateOffering(offering, provider, "Offering", true, groups, false, List.of()));
        return offering;
    }

    private DomainEventMessage<?> lastEvent(OfferingId offering) {
        List<DomainEventMessage<?>> stream = new ArrayList<>();
        events.readEvents(offering.toString()).asStream().forEach(stream::add);
        return stream.get(stream.size() - 1);
    }

    private long globalIndexOfLast(String aggregateId) {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    /** Waits at the barrier, runs the command, and gives what it threw, or {@code null}. */
    private static Callable<Throwable> outcome(CyclicBarrier start, Runnable command) {
        return () -> {
            start.await(10, TimeUnit.SECONDS);
            try {
                command.run();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        };
    }
}
