package org.orggroups.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.GroupId;
import org.orggroups.command.InvalidCustomerNameException;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.tree.InMemoryGroupTree;

class CustomerTest {

    private static final CustomerId CUSTOMER = new CustomerId(UUID.fromString("c0000000-0000-0000-0000-000000000001"));
    // Ordered by uuid text: A < B < C, and C sorts after A although UUID.compareTo would put it first.
    private static final GroupId A = GroupId.parse("10000000-0000-0000-0000-000000000000");
    private static final GroupId B = GroupId.parse("20000000-0000-0000-0000-000000000000");
    private static final GroupId C = GroupId.parse("f0000000-0000-0000-0000-000000000000");

    private AggregateTestFixture<Customer> fixture;
    private InMemoryGroupTree tree;
    /** The providers whose offerings the customer's delete asked to delete (ProviderOfferingCascadeTest does it). */
    private final List<CustomerId> offeringsDeletedWith = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        tree = new InMemoryGroupTree().group(A, null).group(B, null).group(C, null);
        fixture.registerInjectableResource(tree);
        fixture.registerInjectableResource((OfferingCascade) offeringsDeletedWith::add);
    }

    @Nested
    class Create {

        @Test
        void customerIsCreated() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(CUSTOMER, "Acme"))
                    .expectEvents(new CustomerCreated(CUSTOMER, "Acme"));
        }

        @Test
        void blankNameIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(CUSTOMER, " "))
                    .expectNoEvents()
                    .expectException(InvalidCustomerNameException.class)
                    .expectExceptionMessage("Customer name may not be blank.");
        }

        @Test
        void nameOver150CodePointsIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCustomer(CUSTOMER, "\uD83D\uDE00".repeat(151)))
                    .expectNoEvents()
                    .expectException(InvalidCustomerNameException.class)
                    .expectExceptionMessage("Customer name may have at most 150 characters, it has 151.");
        }
    }

    @Nested
    class Rename {

        @Test
        void renameRecordsNewAndPreviousName() {
            fixture.given(new CustomerCreated(CUSTOMER, "Old"))
                    .when(new RenameCustomer(CUSTOMER, "New"))
                    .expectEvents(new CustomerRenamed(CUSTOMER, "New", "Old"));
        }

        @Test
        void renameToCurrentNameRecordsNothing() {
            fixture.given(new CustomerCreated(CUSTOMER, "Same"))
                    .when(new RenameCustomer(CUSTOMER, "Same"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void renameToBlankNameIsRejected() {
            fixture.given(new CustomerCreated(CUSTOMER, "Old"))
                    .when(new RenameCustomer(CUSTOMER, ""))
                    .expectNoEvents()
                    .expectException(InvalidCustomerNameException.class)
                    .expectExceptionMessage("Customer name may not be blank.");
        }
    }

    @Nested
    class UpdateGroups {

        @Test
        void joinsAreRecordedInUuidOrder() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"))
                    .when(new UpdateCustomerGroups(CUSTOMER, Set.of(C, A, B)))
                    .expectEvents(new CustomerJoinedGroup(CUSTOMER, A), new CustomerJoinedGroup(CUSTOMER, B),
                            new CustomerJoinedGroup(CUSTOMER, C));
            // The groups' rows are locked before the customer's, by the interceptor; the shape lock is not taken.
            assertThat(tree.shapeLocks()).isZero();
        }

        @Test
        void replacingTheSetLeavesDroppedGroupsThenJoinsNewOnes() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerJoinedGroup(CUSTOMER, C),
                            new CustomerJoinedGroup(CUSTOMER, A))
                    .when(new UpdateCustomerGroups(CUSTOMER, Set.of(A, B)))
                    .expectEvents(new CustomerLeftGroup(CUSTOMER, C, false), new CustomerJoinedGroup(CUSTOMER, B));
        }

        @Test
        void emptySetLeavesEveryGroup() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerJoinedGroup(CUSTOMER, B),
                            new CustomerJoinedGroup(CUSTOMER, A))
                    .when(new UpdateCustomerGroups(CUSTOMER, Set.of()))
                    .expectEvents(new CustomerLeftGroup(CUSTOMER, A, false), new CustomerLeftGroup(CUSTOMER, B, false));
        }

        @Test
        void unchangedSetRecordsNothingAndTakesNoLock() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerJoinedGroup(CUSTOMER, A))
                    .when(new UpdateCustomerGroups(CUSTOMER, Set.of(A)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(tree.shapeLocks()).isZero();
        }

        @Test
        void joiningUnknownGroupIsRejected() {
            GroupId unknown = GroupId.parse("30000000-0000-0000-0000-000000000000");
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"))
                    .when(new UpdateCustomerGroups(CUSTOMER, Set.of(A, unknown)))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + unknown + " does not exist or is deleted.");
        }

        @Test
        void joiningDeletedGroupIsRejected() {
            tree.deletedGroup(B, null);
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerJoinedGroup(CUSTOMER, A))
                    .when(new UpdateCustomerGroups(CUSTOMER, Set.of(B)))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + B + " does not exist or is deleted.");
        }

        @Test
        void groupsAlreadyJoinedAreNotCheckedAgain() {
            // Only a join can race with a group delete; staying a member is the delete's business.
            tree.deletedGroup(A, null);
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerJoinedGroup(CUSTOMER, A))
                    .when(new UpdateCustomerGroups(CUSTOMER, Set.of(A, B)))
                    .expectEvents(new CustomerJoinedGroup(CUSTOMER, B));
        }
    }

    @Nested
    class Delete {

        @Test
        void deleteLeavesEveryGroupThenDeletes() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerJoinedGroup(CUSTOMER, C),
                            new CustomerJoinedGroup(CUSTOMER, A))
                    .when(new DeleteCustomer(CUSTOMER))
                    .expectEvents(new CustomerLeftGroup(CUSTOMER, A, false), new CustomerLeftGroup(CUSTOMER, C, false),
                            new CustomerDeleted(CUSTOMER));
            assertThat(tree.shapeLocks()).isEqualTo(1);
        }

        @Test
        void deleteWithoutMembershipsRecordsOnlyTheDelete() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"))
                    .when(new DeleteCustomer(CUSTOMER))
                    .expectEvents(new CustomerDeleted(CUSTOMER));
        }

        @Test
        void deleteDeletesTheOfferingsItProvidesUnderTheShapeLock() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"))
                    .when(new DeleteCustomer(CUSTOMER))
                    .expectEvents(new CustomerDeleted(CUSTOMER));
            assertThat(offeringsDeletedWith).containsExactly(CUSTOMER);
            assertThat(tree.shapeLocks()).isEqualTo(1);
        }

        @Test
        void deletedCustomerIsNotDeletedAgain() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerDeleted(CUSTOMER))
                    .when(new DeleteCustomer(CUSTOMER))
                    .expectNoEvents()
                    .expectException(AggregateDeletedException.class);
            assertThat(offeringsDeletedWith).isEmpty();
        }

        @Test
        void deletedCustomerIsNotFound() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerDeleted(CUSTOMER))
                    .when(new RenameCustomer(CUSTOMER, "New"))
                    .expectNoEvents()
                    .expectException(AggregateDeletedException.class);
        }
    }

    @Nested
    class LeaveDeletedGroups {

        @Test
        void leavesOnlyTheDeletedGroupsItBelongedTo() {
            fixture.given(new CustomerCreated(CUSTOMER, "Acme"), new CustomerJoinedGroup(CUSTOMER, C),
                            new CustomerJoinedGroup(CUSTOMER, A), new CustomerJoinedGroup(CUSTOMER, B))
                    .whenInvoking(CUSTOMER.toString(), customer -> customer.leaveDeletedGroups(List.of(C, A), B))
                    .expectEvents(new CustomerLeftGroup(CUSTOMER, A, true), new CustomerLeftGroup(CUSTOMER, C, true));
        }
    }
}
