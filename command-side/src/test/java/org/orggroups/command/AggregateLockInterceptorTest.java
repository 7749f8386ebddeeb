package org.orggroups.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.ClearOfferingGroups;
import org.orggroups.api.offering.ClearPlanGroups;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdateOfferingGroups;
import org.orggroups.api.offering.UpdatePlanGroups;

/**
 * Which commands the interceptor treats as creations, and which take the shape lock before their aggregate's; and that
 * a command on an existing aggregate hands the number read under its lock on to the repository.
 */
class AggregateLockInterceptorTest {

    private static final OfferingId OFFERING = OfferingId.random();
    private static final PlanId PLAN = PlanId.random();
    private static final CustomerId PROVIDER = CustomerId.random();
    private static final Set<GroupId> GROUPS = Set.of(GroupId.random());

    @Test
    void aCommandOnAnAggregateHandsTheNumberReadUnderItsLockToTheRepository() throws Exception {
        List<String> locked = new ArrayList<>();
        EventStreams streams = new EventStreams() {
            @Override
            public Map<String, Long> lastSequenceNumbers(Collection<String> aggregateIds) {
                throw new UnsupportedOperationException("not a subtree delete");
            }

            @Override
            public void lock(List<String> aggregateIds) {
                throw new UnsupportedOperationException("not a subtree delete");
            }

            @Override
            public Optional<Long> lockAndReadLastSequenceNumber(String aggregateId) {
                locked.add(aggregateId);
                return Optional.of(7L);
            }
        };
        AggregateLockInterceptor interceptor =
                new AggregateLockInterceptor(null, null, streams, new CachingCommandTargetResolver());
        UnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(
                GenericCommandMessage.asCommandMessage(new RenameCustomer(PROVIDER, "Renamed")));
        try {
            Object handed = interceptor.handle(unitOfWork, () -> LockedSequenceNumber.take(locked.get(0), () -> {
                throw new AssertionError("the repository would have asked the event store again");
            }));

            assertThat(handed).isEqualTo(Optional.of(7L));
            assertThat(locked).containsExactly(PROVIDER.toString());
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void offeringCreationIsACreationThatChecksItsProviderUnderTheShapeLock() {
        CreateOffering open = new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(), false, List.of());

        assertThat(AggregateLockInterceptor.createsAggregate(open)).isTrue();
        assertThat(AggregateLockInterceptor.checksLiveness(open)).isTrue();
    }

    @Test
    void onlyCreationsThatLockRowsBeforeTheirAppendWaitAtTheEventTableFirst() {
        GroupId parent = GroupId.random();
        assertThat(AggregateLockInterceptor.locksRowsBeforeAppend(new CreateGroup(GroupId.random(), "Child", parent)))
                .isTrue();
        assertThat(AggregateLockInterceptor.locksRowsBeforeAppend(
                new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(), false, List.of()))).isTrue();
        assertThat(AggregateLockInterceptor.locksRowsBeforeAppend(new CreateGroup(GroupId.random(), "Root", null)))
                .isFalse();
        assertThat(AggregateLockInterceptor.locksRowsBeforeAppend(new CreateCustomer(PROVIDER, "Provider"))).isFalse();
    }

    @Test
    void planCreationAndRestrictionsNamingGroupsTakeTheShapeLock() {
        assertThat(List.<Object>of(new CreatePlan(OFFERING, PLAN, "Basic", GROUPS, false),
                new UpdateOfferingGroups(OFFERING, GROUPS, null), new UpdatePlanGroups(OFFERING, PLAN, GROUPS, true)))
                .allSatisfy(command -> {
                    assertThat(AggregateLockInterceptor.checksLiveness(command)).isTrue();
                    assertThat(AggregateLockInterceptor.createsAggregate(command)).isFalse();
                });
    }

    @Test
    void openingsAndOpenPlansTakeOnlyTheOfferingsLock() {
        assertThat(List.<Object>of(new CreatePlan(OFFERING, PLAN, "Basic", Set.of(), true),
                new UpdateOfferingGroups(OFFERING, Set.of(), null), new UpdatePlanGroups(OFFERING, PLAN, Set.of(), null),
                new ClearOfferingGroups(OFFERING), new ClearPlanGroups(OFFERING, PLAN)))
                .allSatisfy(command -> {
                    assertThat(AggregateLockInterceptor.checksLiveness(command)).isFalse();
                    assertThat(AggregateLockInterceptor.changesTreeShape(command)).isFalse();
                    assertThat(AggregateLockInterceptor.createsAggregate(command)).isFalse();
                });
    }

    @Test
    void customerDeleteKeepsTheShapeLockThatKeepsItsOfferingsFromGrowing() {
        assertThat(AggregateLockInterceptor.changesTreeShape(new DeleteCustomer(PROVIDER))).isTrue();
        assertThat(AggregateLockInterceptor.changesTreeShape(new RenameCustomer(PROVIDER, "New"))).isFalse();
        assertThat(AggregateLockInterceptor.checksLiveness(new RenameCustomer(PROVIDER, "New"))).isFalse();
    }
}
