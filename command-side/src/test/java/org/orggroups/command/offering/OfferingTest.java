package org.orggroups.command.offering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.ClearOfferingGroups;
import org.orggroups.api.offering.ClearPlanGroups;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.NewPlan;
import org.orggroups.api.offering.OfferingAccessOpened;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanAccessOpened;
import org.orggroups.api.offering.PlanAccessRestricted;
import org.orggroups.api.offering.PlanCreated;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdateOfferingGroups;
import org.orggroups.api.offering.UpdatePlanGroups;
import org.orggroups.command.InvalidOfferingNameException;
import org.orggroups.command.InvalidPlanNameException;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.PlanNotFoundException;
import org.orggroups.command.ProviderNotFoundException;
import org.orggroups.command.tree.InMemoryGroupTree;

/** The rules of API.md 12.4 and 12.10 on one offering and its plans. */
class OfferingTest {

    private static final OfferingId OFFERING = OfferingId.parse("0f000000-0000-0000-0000-000000000001");
    private static final CustomerId PROVIDER = CustomerId.parse("c0000000-0000-0000-0000-000000000001");
    private static final PlanId BASIC = PlanId.parse("b1000000-0000-0000-0000-000000000001");
    private static final PlanId GOLD = PlanId.parse("b2000000-0000-0000-0000-000000000002");
    // Ordered by uuid text: A < B < C < D, and C sorts after A although UUID.compareTo would put it first.
    private static final GroupId A = GroupId.parse("10000000-0000-0000-0000-000000000000");
    private static final GroupId B = GroupId.parse("20000000-0000-0000-0000-000000000000");
    private static final GroupId UNKNOWN = GroupId.parse("30000000-0000-0000-0000-000000000000");
    private static final GroupId C = GroupId.parse("f0000000-0000-0000-0000-000000000000");

    private AggregateTestFixture<Offering> fixture;
    private InMemoryGroupTree tree;
    private final Set<CustomerId> liveCustomers = new HashSet<>(Set.of(PROVIDER));

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Offering.class);
        tree = new InMemoryGroupTree().group(A, null).group(B, null).group(C, A);
        fixture.registerInjectableResource(tree);
        fixture.registerInjectableResource((Providers) liveCustomers::contains);
    }

    private static OfferingCreated open() {
        return new OfferingCreated(OFFERING, PROVIDER, "Cloud", true, List.of(), false);
    }

    private static OfferingCreated restrictedTo(boolean includeDescendantGroups, GroupId... groups) {
        return new OfferingCreated(OFFERING, PROVIDER, "Cloud", true, List.of(groups), includeDescendantGroups);
    }

    private static NewPlan openPlan(PlanId plan, String name) {
        return new NewPlan(plan, name, Set.of(), false);
    }

    private static PlanCreated plan(PlanId plan, GroupId... groups) {
        return new PlanCreated(plan, OFFERING, "Plan " + plan, List.of(groups), false);
    }

    @Nested
    class Create {

        @Test
        void openOfferingIsCreatedWithItsPlansInTheGivenOrder() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", false, Set.of(), false,
                            List.of(openPlan(GOLD, "Gold"), openPlan(BASIC, "Basic"))))
                    .expectEvents(new OfferingCreated(OFFERING, PROVIDER, "Cloud", false, List.of(), false),
                            new PlanCreated(GOLD, OFFERING, "Gold", List.of(), false),
                            new PlanCreated(BASIC, OFFERING, "Basic", List.of(), false));
            assertThat(tree.shapeLocks()).isPositive();
        }

        @Test
        void restrictionIsPartOfTheCreationInUuidOrder() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(C, A), true, List.of()))
                    .expectEvents(new OfferingCreated(OFFERING, PROVIDER, "Cloud", true, List.of(A, C), true));
        }

        @Test
        void descendantFlagWithoutGroupsIsNotRecorded() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(), true, List.of()))
                    .expectEvents(open());
        }

        @Test
        void blankNameIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, " ", true, Set.of(), false, List.of()))
                    .expectNoEvents()
                    .expectException(InvalidOfferingNameException.class)
                    .expectExceptionMessage("Offering name may not be blank.");
        }

        @Test
        void nameOver150CodePointsIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "\uD83D\uDE00".repeat(151), true, Set.of(), false,
                            List.of()))
                    .expectNoEvents()
                    .expectException(InvalidOfferingNameException.class)
                    .expectExceptionMessage("Offering name may have at most 150 characters, it has 151.");
        }

        @Test
        void blankPlanNameRejectsTheWholeCreation() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(), false,
                            List.of(openPlan(BASIC, "Basic"), openPlan(GOLD, ""))))
                    .expectNoEvents()
                    .expectException(InvalidPlanNameException.class)
                    .expectExceptionMessage("Plan name may not be blank.");
        }

        @Test
        void onePlanIdGivenTwiceIsAProgrammingError() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(), false,
                            List.of(openPlan(BASIC, "Basic"), openPlan(BASIC, "Again"))))
                    .expectNoEvents()
                    .expectException(IllegalArgumentException.class)
                    .expectExceptionMessage("Plan " + BASIC + " is given twice.");
        }

        @Test
        void unknownOrDeletedProviderIsRejected() {
            liveCustomers.clear();
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(), false, List.of()))
                    .expectNoEvents()
                    .expectException(ProviderNotFoundException.class)
                    .expectExceptionMessage("Customer " + PROVIDER + " does not exist or is deleted.");
        }

        @Test
        void firstUnknownOrDeletedGroupInUuidOrderIsRejected() {
            tree.deletedGroup(C, A);
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(C, UNKNOWN, A), false,
                            List.of()))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + UNKNOWN + " does not exist or is deleted.");
        }

        @Test
        void deletedGroupIsRejected() {
            tree.deletedGroup(C, A);
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(C), false, List.of()))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + C + " does not exist or is deleted.");
        }

        @Test
        void nestedPlansAreRestrictedFromBirthInUuidOrder() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", false, Set.of(), false,
                            List.of(new NewPlan(GOLD, "Gold", Set.of(C, B), true), openPlan(BASIC, "Basic"))))
                    .expectEvents(new OfferingCreated(OFFERING, PROVIDER, "Cloud", false, List.of(), false),
                            new PlanCreated(GOLD, OFFERING, "Gold", List.of(B, C), true),
                            new PlanCreated(BASIC, OFFERING, "Basic", List.of(), false));
            assertThat(tree.shapeLocks()).isPositive();
        }

        @Test
        void nestedPlanAndOfferingKeepTheirOwnRestrictions() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(A), false,
                            List.of(new NewPlan(GOLD, "Gold", Set.of(B), false))))
                    .expectEvents(restrictedTo(false, A), new PlanCreated(GOLD, OFFERING, "Gold", List.of(B), false));
        }

        @Test
        void nestedPlanDescendantFlagWithoutGroupsIsNotRecorded() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", false, Set.of(), false,
                            List.of(new NewPlan(GOLD, "Gold", Set.of(), true))))
                    .expectEvents(new OfferingCreated(OFFERING, PROVIDER, "Cloud", false, List.of(), false),
                            new PlanCreated(GOLD, OFFERING, "Gold", List.of(), false));
        }

        @Test
        void deletedGroupOfANestedPlanRejectsTheWholeCreation() {
            tree.deletedGroup(C, A);
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(A), false,
                            List.of(openPlan(BASIC, "Basic"), new NewPlan(GOLD, "Gold", Set.of(C), false))))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + C + " does not exist or is deleted.");
        }

        @Test
        void firstDeadGroupIsInUuidOrderOverTheOfferingAndAllPlans() {
            // C (deleted) is the offering's and sorts last; UNKNOWN is the second plan's and sorts before it.
            tree.deletedGroup(C, A);
            fixture.givenNoPriorActivity()
                    .when(new CreateOffering(OFFERING, PROVIDER, "Cloud", true, Set.of(C, A), false,
                            List.of(new NewPlan(BASIC, "Basic", Set.of(B), false),
                                    new NewPlan(GOLD, "Gold", Set.of(UNKNOWN), false))))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + UNKNOWN + " does not exist or is deleted.");
        }
    }

    @Nested
    class UpdateGroups {

        @Test
        void openOfferingIsRestrictedToTheWholeSetInUuidOrder() {
            fixture.given(open())
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(C, A), null))
                    .expectEvents(new OfferingAccessRestricted(OFFERING, List.of(A, C), false, List.of()));
            assertThat(tree.shapeLocks()).isPositive();
        }

        @Test
        void newSetReplacesTheOldAndAbsentFlagKeepsTheCurrentOne() {
            fixture.given(restrictedTo(true, A))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(B), null))
                    .expectEvents(new OfferingAccessRestricted(OFFERING, List.of(B), true, List.of(A)));
        }

        @Test
        void flagAloneIsAChange() {
            fixture.given(restrictedTo(true, A))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(A), false))
                    .expectEvents(new OfferingAccessRestricted(OFFERING, List.of(A), false, List.of(A)));
        }

        @Test
        void sameSetAndFlagRecordNothing() {
            fixture.given(restrictedTo(true, A, B))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(B, A), true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void sameSetWithoutFlagRecordsNothing() {
            fixture.given(restrictedTo(true, A))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(A), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void emptySetOpensARestrictedOffering() {
            fixture.given(restrictedTo(true, A, B))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(), true))
                    .expectEvents(new OfferingAccessOpened(OFFERING, List.of(A, B)));
            assertThat(tree.shapeLocks()).isZero();
        }

        @Test
        void emptySetOnAnOpenOfferingRecordsNothing() {
            fixture.given(open())
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void openingResetsTheFlag() {
            fixture.given(restrictedTo(true, A), new OfferingAccessOpened(OFFERING, List.of(A)))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(B), null))
                    .expectEvents(new OfferingAccessRestricted(OFFERING, List.of(B), false, List.of()));
        }

        @Test
        void previousSetKeepsGroupsDeletedSince() {
            // The aggregate never hears of group deletes: the restriction still names A.
            tree.deletedGroup(A, null);
            fixture.given(restrictedTo(false, A, B))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(C), null))
                    .expectEvents(new OfferingAccessRestricted(OFFERING, List.of(C), false, List.of(A, B)));
        }

        @Test
        void restrictionWhoseGroupsWereAllDeletedIsStillOpenedExplicitly() {
            tree.deletedGroup(A, null);
            fixture.given(restrictedTo(false, A))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(), null))
                    .expectEvents(new OfferingAccessOpened(OFFERING, List.of(A)));
        }

        @Test
        void deletedGroupCannotBeLinkedAgainEvenIfAlreadyInTheSet() {
            tree.deletedGroup(A, null);
            fixture.given(restrictedTo(false, A))
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(A, B), null))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + A + " does not exist or is deleted.");
        }

        @Test
        void unknownGroupIsRejected() {
            fixture.given(open())
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(B, UNKNOWN), null))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + UNKNOWN + " does not exist or is deleted.");
        }

        @Test
        void unknownOfferingIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new UpdateOfferingGroups(OFFERING, Set.of(A), null))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class ClearGroups {

        @Test
        void clearOpensARestrictedOffering() {
            fixture.given(restrictedTo(false, B, A))
                    .when(new ClearOfferingGroups(OFFERING))
                    .expectEvents(new OfferingAccessOpened(OFFERING, List.of(A, B)));
        }

        @Test
        void clearOnAnOpenOfferingRecordsNothing() {
            fixture.given(restrictedTo(false, A), new OfferingAccessOpened(OFFERING, List.of(A)))
                    .when(new ClearOfferingGroups(OFFERING))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class CreatePlans {

        @Test
        void openPlanIsAdded() {
            fixture.given(open())
                    .when(new CreatePlan(OFFERING, BASIC, "Basic", Set.of(), true))
                    .expectEvents(new PlanCreated(BASIC, OFFERING, "Basic", List.of(), false));
            assertThat(tree.shapeLocks()).isZero();
        }

        @Test
        void planIsRestrictedFromBirth() {
            fixture.given(open())
                    .when(new CreatePlan(OFFERING, BASIC, "Basic", Set.of(C, B), true))
                    .expectEvents(new PlanCreated(BASIC, OFFERING, "Basic", List.of(B, C), true));
            assertThat(tree.shapeLocks()).isPositive();
        }

        @Test
        void blankNameIsRejected() {
            fixture.given(open())
                    .when(new CreatePlan(OFFERING, BASIC, "", Set.of(), false))
                    .expectNoEvents()
                    .expectException(InvalidPlanNameException.class)
                    .expectExceptionMessage("Plan name may not be blank.");
        }

        @Test
        void deletedGroupIsRejected() {
            tree.deletedGroup(B, null);
            fixture.given(open())
                    .when(new CreatePlan(OFFERING, BASIC, "Basic", Set.of(B), false))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + B + " does not exist or is deleted.");
        }

        @Test
        void existingPlanIdIsAProgrammingError() {
            fixture.given(open(), plan(BASIC))
                    .when(new CreatePlan(OFFERING, BASIC, "Basic", Set.of(), false))
                    .expectNoEvents()
                    .expectException(IllegalArgumentException.class)
                    .expectExceptionMessage("Offering " + OFFERING + " has a plan " + BASIC + " already.");
        }

        @Test
        void deletedOfferingTakesNoPlan() {
            fixture.given(open(), new OfferingDeleted(OFFERING, PROVIDER))
                    .when(new CreatePlan(OFFERING, BASIC, "Basic", Set.of(), false))
                    .expectNoEvents()
                    .expectException(AggregateDeletedException.class);
        }

        @Test
        void unknownOfferingTakesNoPlan() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePlan(OFFERING, BASIC, "Basic", Set.of(), false))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class PlanGroups {

        @Test
        void planIsRestricted() {
            fixture.given(open(), plan(BASIC), plan(GOLD))
                    .when(new UpdatePlanGroups(OFFERING, GOLD, Set.of(C, A), true))
                    .expectEvents(new PlanAccessRestricted(GOLD, OFFERING, List.of(A, C), true, List.of()));
        }

        @Test
        void eachPlanKeepsItsOwnRestriction() {
            fixture.given(open(), plan(BASIC, A), plan(GOLD),
                            new PlanAccessRestricted(GOLD, OFFERING, List.of(B), true, List.of()))
                    .when(new UpdatePlanGroups(OFFERING, BASIC, Set.of(B), null))
                    .expectEvents(new PlanAccessRestricted(BASIC, OFFERING, List.of(B), false, List.of(A)));
        }

        @Test
        void sameSetAndFlagRecordNothing() {
            fixture.given(open(), plan(BASIC),
                            new PlanAccessRestricted(BASIC, OFFERING, List.of(A, B), true, List.of()))
                    .when(new UpdatePlanGroups(OFFERING, BASIC, Set.of(A, B), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void emptySetOpensARestrictedPlan() {
            fixture.given(open(), plan(BASIC, A, B))
                    .when(new UpdatePlanGroups(OFFERING, BASIC, Set.of(), null))
                    .expectEvents(new PlanAccessOpened(BASIC, OFFERING, List.of(A, B)));
        }

        @Test
        void openingAPlanResetsItsFlag() {
            fixture.given(open(), plan(BASIC), new PlanAccessRestricted(BASIC, OFFERING, List.of(A), true, List.of()),
                            new PlanAccessOpened(BASIC, OFFERING, List.of(A)))
                    .when(new UpdatePlanGroups(OFFERING, BASIC, Set.of(A), null))
                    .expectEvents(new PlanAccessRestricted(BASIC, OFFERING, List.of(A), false, List.of()));
        }

        @Test
        void unknownPlanIsNotFoundBeforeGroupsAreChecked() {
            fixture.given(open(), plan(BASIC))
                    .when(new UpdatePlanGroups(OFFERING, GOLD, Set.of(UNKNOWN), null))
                    .expectNoEvents()
                    .expectException(PlanNotFoundException.class)
                    .expectExceptionMessage("Plan " + GOLD + " does not exist.");
        }

        @Test
        void unknownGroupIsRejected() {
            fixture.given(open(), plan(BASIC))
                    .when(new UpdatePlanGroups(OFFERING, BASIC, Set.of(UNKNOWN), null))
                    .expectNoEvents()
                    .expectException(MemberGroupNotFoundException.class)
                    .expectExceptionMessage("Organization group " + UNKNOWN + " does not exist or is deleted.");
        }

        @Test
        void clearOpensARestrictedPlan() {
            fixture.given(open(), plan(BASIC, B))
                    .when(new ClearPlanGroups(OFFERING, BASIC))
                    .expectEvents(new PlanAccessOpened(BASIC, OFFERING, List.of(B)));
        }

        @Test
        void clearOnAnOpenPlanRecordsNothing() {
            fixture.given(open(), plan(BASIC))
                    .when(new ClearPlanGroups(OFFERING, BASIC))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void clearOfAnUnknownPlanIsNotFound() {
            fixture.given(open(), plan(BASIC))
                    .when(new ClearPlanGroups(OFFERING, GOLD))
                    .expectNoEvents()
                    .expectException(PlanNotFoundException.class)
                    .expectExceptionMessage("Plan " + GOLD + " does not exist.");
        }
    }

    @Nested
    class DeleteWithProvider {

        @Test
        void deleteNamesTheProviderAsItsCause() {
            fixture.given(open(), plan(BASIC))
                    .whenInvoking(OFFERING.toString(), offering -> offering.deleteWithProvider(PROVIDER))
                    .expectEvents(GenericEventMessage.asEventMessage(new OfferingDeleted(OFFERING, PROVIDER))
                            .withMetaData(Map.of(MetadataKeys.CAUSED_BY_CUSTOMER, PROVIDER.toString())));
        }

        @Test
        void deletedOfferingIsNotFound() {
            fixture.given(open(), plan(BASIC), new OfferingDeleted(OFFERING, PROVIDER))
                    .when(new ClearPlanGroups(OFFERING, BASIC))
                    .expectNoEvents()
                    .expectException(AggregateDeletedException.class);
        }
    }
}
