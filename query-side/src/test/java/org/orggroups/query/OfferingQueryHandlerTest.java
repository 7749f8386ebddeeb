package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.AllowedCustomer;
import org.orggroups.api.query.offering.CheckOrder;
import org.orggroups.api.query.offering.FindPlan;
import org.orggroups.api.query.offering.FindPlanOffering;
import org.orggroups.api.query.offering.FindPublicOffering;
import org.orggroups.api.query.offering.Grant;
import org.orggroups.api.query.offering.ListAllowedCustomers;
import org.orggroups.api.query.offering.ListOfferings;
import org.orggroups.api.query.offering.ListPlans;
import org.orggroups.api.query.offering.ListPublicOfferings;
import org.orggroups.api.query.offering.OfferingFilter;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.OrderCheck;
import org.orggroups.api.query.offering.OrderReason;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.api.query.offering.Viewer;

/**
 * The offering views and their queries (API.md 12.1 to 12.9) on the real database: rows per event, the
 * access rule's every row, deleted and moved groups, the public listings' visibility and paging.
 */
class OfferingQueryHandlerTest {

    private TestDatabase database;
    private ReadSide readSide;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        readSide = new ReadSide(database.jdbc());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void eachEventShapesTheOfferingAndItsPlansWithVersionsOfTheStream() {
        GroupId beta = readSide.createGroup("Beta");
        GroupId alpha = readSide.createGroup("Alpha");
        CustomerId provider = readSide.createCustomer("Provider");
        OfferingId offering = readSide.createOffering("Compute", provider, true, false, beta, alpha);
        PlanId small = readSide.createPlan(offering, "Small", false);
        PlanId large = readSide.createPlan(offering, "Large", true, beta);

        OfferingSummary created = readSide.offering(offering);
        assertThat(created.name()).isEqualTo("Compute");
        assertThat(created.providerId()).isEqualTo(provider);
        assertThat(created.providerName()).isEqualTo("Provider");
        assertThat(created.shared()).isTrue();
        assertThat(created.restricted()).isTrue();
        assertThat(created.includeDescendantGroups()).isFalse();
        assertThat(created.groups()).extracting(GroupSummary::name).containsExactly("Alpha", "Beta");
        assertThat(created.plans()).extracting(PlanSummary::name).containsExactly("Large", "Small");
        assertThat(created.plans().get(0).restricted()).isTrue();
        assertThat(created.plans().get(0).includeDescendantGroups()).isTrue();
        assertThat(created.plans().get(0).groups()).extracting(GroupSummary::groupId).containsExactly(beta);
        assertThat(created.plans()).extracting(PlanSummary::version).containsExactly(2L, 1L);
        assertThat(created.version()).isEqualTo(2);

        readSide.restrictPlan(offering, small, false, alpha);
        readSide.openOffering(offering);
        readSide.renameGroup(alpha, "Aardvark");
        readSide.renameCustomer(provider, "Provider Ltd");
        OfferingSummary opened = readSide.offering(offering);
        assertThat(opened.restricted()).isFalse();
        assertThat(opened.groups()).isEmpty();
        assertThat(opened.providerName()).isEqualTo("Provider Ltd");
        assertThat(opened.version()).isEqualTo(4);
        PlanSummary smallNow = readSide.offerings.handle(new FindPlan(small)).orElseThrow();
        assertThat(smallNow.version()).isEqualTo(3);
        assertThat(smallNow.restricted()).isTrue();
        assertThat(smallNow.groups()).extracting(GroupSummary::name).containsExactly("Aardvark");

        readSide.restrictOffering(offering, true, beta);
        readSide.openPlan(offering, large);
        OfferingSummary last = readSide.offering(offering);
        assertThat(last.restricted()).isTrue();
        assertThat(last.includeDescendantGroups()).isTrue();
        assertThat(last.version()).isEqualTo(6);
        PlanSummary largeNow = readSide.offerings.handle(new FindPlan(large)).orElseThrow();
        assertThat(largeNow.restricted()).isFalse();
        assertThat(largeNow.includeDescendantGroups()).isFalse();
        assertThat(largeNow.groups()).isEmpty();
        assertThat(largeNow.version()).isEqualTo(6);
    }

    @Test
    void deletingTheLastGroupClosesARestrictionAndNeverOpensIt() {
        GroupId kept = readSide.createGroup("Kept");
        GroupId doomed = readSide.createGroup("Doomed");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId member = readSide.createCustomer("Member");
        CustomerId outsider = readSide.createCustomer("Outsider");
        readSide.join(member, doomed);
        OfferingId offering = readSide.createOffering("Compute", provider, true, false, doomed);
        PlanId plan = readSide.createPlan(offering, "Plan", false, doomed, kept);
        OfferingId openOne = readSide.createOffering("Open", provider, true, false);
        PlanId closingPlan = readSide.createPlan(openOne, "Closing", false, doomed);
        assertThat(reason(offering, member, plan)).isEqualTo(OrderReason.GRANTED);
        assertThat(reason(openOne, member, closingPlan)).isEqualTo(OrderReason.GRANTED);

        readSide.deleteSubtree(doomed);

        OfferingSummary closed = readSide.offering(offering);
        assertThat(closed.restricted()).isTrue();
        assertThat(closed.groups()).isEmpty();
        assertThat(closed.version()).isEqualTo(1);
        assertThat(closed.plans().get(0).groups()).extracting(GroupSummary::groupId).containsExactly(kept);
        assertThat(reason(offering, member, null)).isEqualTo(OrderReason.OFFERING_GROUPS_DELETED);
        assertThat(reason(offering, outsider, null)).isEqualTo(OrderReason.OFFERING_GROUPS_DELETED);
        assertThat(reason(offering, provider, null)).isEqualTo(OrderReason.OFFERING_GROUPS_DELETED);
        assertThat(reason(openOne, member, closingPlan)).isEqualTo(OrderReason.PLAN_GROUPS_DELETED);
        assertThat(reason(openOne, member, null)).isEqualTo(OrderReason.OPEN);
        assertThat(allowed(offering, null)).isEmpty();
        assertThat(allowed(openOne, closingPlan)).isEmpty();
        // Only an explicit opening opens it again.
        readSide.openOffering(offering);
        assertThat(reason(offering, outsider, null)).isEqualTo(OrderReason.OPEN);
    }

    @Test
    void aSubtreeDeleteEndsTheAccessItsGroupsGave() {
        GroupId root = readSide.createGroup("Root");
        GroupId child = readSide.createGroup("Child", root);
        GroupId other = readSide.createGroup("Other");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId inChild = readSide.createCustomer("In child");
        CustomerId inOther = readSide.createCustomer("In other");
        readSide.join(inChild, child);
        readSide.join(inOther, other);
        OfferingId offering = readSide.createOffering("Compute", provider, true, false, child, other);
        assertThat(reason(offering, inChild, null)).isEqualTo(OrderReason.GRANTED);

        readSide.deleteSubtree(root);

        assertThat(reason(offering, inChild, null)).isEqualTo(OrderReason.NOT_IN_OFFERING_GROUPS);
        assertThat(reason(offering, inOther, null)).isEqualTo(OrderReason.GRANTED);
        assertThat(readSide.offering(offering).groups()).extracting(GroupSummary::groupId).containsExactly(other);
    }

    @Test
    void descendantGroupsAdmitTheirMembersOnlyWithTheFlagAndFollowMoves() {
        GroupId universities = readSide.createGroup("Universities");
        GroupId tartu = readSide.createGroup("Tartu", universities);
        GroupId physics = readSide.createGroup("Physics", tartu);
        GroupId elsewhere = readSide.createGroup("Elsewhere");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId lab = readSide.createCustomer("Lab");
        readSide.join(lab, physics);
        OfferingId deep = readSide.createOffering("Deep", provider, true, true, universities);
        OfferingId direct = readSide.createOffering("Direct", provider, true, false, universities);

        OrderCheck check = check(deep, lab, null);
        assertThat(check.reason()).isEqualTo(OrderReason.GRANTED);
        assertThat(check.offering().grantedBy()).containsExactly(new Grant(universities, "Universities", physics));
        assertThat(reason(direct, lab, null)).isEqualTo(OrderReason.NOT_IN_OFFERING_GROUPS);

        readSide.moveGroup(tartu, elsewhere);
        assertThat(reason(deep, lab, null)).isEqualTo(OrderReason.NOT_IN_OFFERING_GROUPS);
        readSide.moveGroup(tartu, universities);
        assertThat(reason(deep, lab, null)).isEqualTo(OrderReason.GRANTED);
        // A group created later under a listed one counts too.
        GroupId later = readSide.createGroup("Later", physics);
        CustomerId newcomer = readSide.createCustomer("Newcomer");
        readSide.join(newcomer, later);
        assertThat(reason(deep, newcomer, null)).isEqualTo(OrderReason.GRANTED);
        assertThat(allowed(deep, null)).extracting(AllowedCustomer::name).containsExactly("Lab", "Newcomer");
        assertThat(allowed(deep, null).get(0).grantedBy())
                .containsExactly(new Grant(universities, "Universities", physics));
        assertThat(allowed(direct, null)).isEmpty();
    }

    @Test
    void everyRowOfTheRuleHasItsReason() {
        GroupId group = readSide.createGroup("Group");
        GroupId other = readSide.createGroup("Other");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId member = readSide.createCustomer("Member");
        CustomerId outsider = readSide.createCustomer("Outsider");
        readSide.join(member, group);
        OfferingId privateOne = readSide.createOffering("Private", provider, false, false, other);
        PlanId privatePlan = readSide.createPlan(privateOne, "P", false, group);
        OfferingId restricted = readSide.createOffering("Restricted", provider, true, false, group);
        PlanId restrictedPlan = readSide.createPlan(restricted, "R", false, other);
        PlanId openPlan = readSide.createPlan(restricted, "O", false);
        OfferingId open = readSide.createOffering("Open", provider, true, false);

        OrderCheck privateCheck = check(privateOne, member, null);
        assertThat(privateCheck.reason()).isEqualTo(OrderReason.PRIVATE_OFFERING);
        assertThat(privateCheck.offeringName()).isEqualTo("Private");
        assertThat(privateCheck.customerName()).isEqualTo("Member");
        assertThat(privateCheck.plan()).isNull();
        // The provider may order its private offering, whose groups are ignored; a plan's groups still apply.
        OrderCheck ownPrivate = check(privateOne, provider, null);
        assertThat(ownPrivate.reason()).isEqualTo(OrderReason.PROVIDER);
        assertThat(ownPrivate.offering().grantedBy()).isEmpty();
        assertThat(reason(privateOne, provider, privatePlan)).isEqualTo(OrderReason.NOT_IN_PLAN_GROUPS);
        assertThat(reason(restricted, provider, null)).isEqualTo(OrderReason.NOT_IN_OFFERING_GROUPS);
        assertThat(reason(restricted, outsider, openPlan)).isEqualTo(OrderReason.NOT_IN_OFFERING_GROUPS);
        OrderCheck bothFail = check(restricted, outsider, restrictedPlan);
        assertThat(bothFail.reason()).isEqualTo(OrderReason.NOT_IN_OFFERING_GROUPS);
        assertThat(bothFail.offering().allowed()).isFalse();
        assertThat(bothFail.plan().allowed()).isFalse();
        OrderCheck planFails = check(restricted, member, restrictedPlan);
        assertThat(planFails.reason()).isEqualTo(OrderReason.NOT_IN_PLAN_GROUPS);
        assertThat(planFails.offering().allowed()).isTrue();
        assertThat(planFails.offering().grantedBy()).containsExactly(new Grant(group, "Group", group));
        assertThat(planFails.plan().restricted()).isTrue();
        assertThat(reason(restricted, member, openPlan)).isEqualTo(OrderReason.GRANTED);
        assertThat(reason(open, outsider, null)).isEqualTo(OrderReason.OPEN);
        OrderCheck openCheck = check(open, outsider, null);
        assertThat(openCheck.offering()).isEqualTo(
                new org.orggroups.api.query.offering.AccessDecision(true, false, List.of()));

        OrderCheck unknownCustomer = check(open, CustomerId.random(), null);
        assertThat(unknownCustomer.customerKnown()).isFalse();
        assertThat(unknownCustomer.reason()).isNull();
        OrderCheck otherPlan = check(open, member, openPlan);
        assertThat(otherPlan.planKnown()).isTrue();
        assertThat(otherPlan.planOfOffering()).isFalse();
        assertThat(otherPlan.reason()).isNull();
        OrderCheck unknownPlan = check(open, member, PlanId.random());
        assertThat(unknownPlan.planKnown()).isFalse();
        assertThat(readSide.offerings.handle(new CheckOrder(OfferingId.random(), member, null))).isEmpty();
    }

    @Test
    void publicListingsShowWhatEachViewerMaySee() {
        GroupId group = readSide.createGroup("Group");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId member = readSide.createCustomer("Member");
        CustomerId outsider = readSide.createCustomer("Outsider");
        readSide.join(member, group);
        OfferingId open = readSide.createOffering("A open", provider, true, false);
        PlanId openPlan = readSide.createPlan(open, "open plan", false);
        PlanId memberPlan = readSide.createPlan(open, "member plan", false, group);
        OfferingId restricted = readSide.createOffering("B restricted", provider, true, false, group);
        readSide.createPlan(restricted, "plan", false);
        OfferingId privateWithPlan = readSide.createOffering("C private", provider, false, false);
        readSide.createPlan(privateWithPlan, "plan", false);
        readSide.createOffering("D private without plans", provider, false, false);

        assertThat(names(Viewer.PUBLIC, null)).containsExactly("A open", "B restricted");
        assertThat(plans(Viewer.PUBLIC, null, open)).containsExactly(openPlan);
        assertThat(names(Viewer.STAFF, null)).containsExactly("A open", "B restricted", "C private");
        assertThat(plans(Viewer.STAFF, null, open)).containsExactly(memberPlan, openPlan);
        assertThat(names(Viewer.PUBLIC, member)).containsExactly("A open", "B restricted");
        assertThat(plans(Viewer.STAFF, member, open)).containsExactly(memberPlan, openPlan);
        // Bug e: staff narrowed to a customer see that customer's plans.
        assertThat(plans(Viewer.STAFF, outsider, open)).containsExactly(openPlan);
        assertThat(names(Viewer.STAFF, outsider)).containsExactly("A open");
        // Bug d: the provider's own restricted shared offering is not listed for it; its private one is.
        assertThat(names(Viewer.STAFF, provider)).containsExactly("A open", "C private");
        assertThat(names(Viewer.PUBLIC, provider)).containsExactly("A open");
        // Bug f: an unknown customer gives nothing.
        assertThat(names(Viewer.STAFF, CustomerId.random())).isEmpty();
        assertThat(readSide.offerings.handle(new FindPublicOffering(open, Viewer.PUBLIC, CustomerId.random())))
                .isEmpty();
        assertThat(readSide.offerings.handle(new FindPublicOffering(privateWithPlan, Viewer.PUBLIC, null))).isEmpty();
        assertThat(readSide.offerings.handle(new FindPublicOffering(privateWithPlan, Viewer.STAFF, null))).isPresent();
        assertThat(readSide.offerings.handle(new FindPublicOffering(restricted, Viewer.PUBLIC, outsider))).isEmpty();
        // A restriction whose groups were all deleted is never shown as open.
        readSide.deleteSubtree(group);
        assertThat(names(Viewer.STAFF, member)).containsExactly("A open");
        assertThat(plans(Viewer.STAFF, member, open)).containsExactly(openPlan);
        assertThat(names(Viewer.PUBLIC, null)).containsExactly("A open", "B restricted");
    }

    @Test
    void listsFilterOrderAndPage() {
        GroupId group = readSide.createGroup("Group");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId other = readSide.createCustomer("Other");
        for (int i = 0; i < 7; i++) {
            readSide.createOffering("Offering " + i, i % 2 == 0 ? provider : other, i != 3, false,
                    i == 5 ? new GroupId[] {group} : new GroupId[0]);
        }
        Page<OfferingSummary> second = readSide.offerings.handle(new ListOfferings(OfferingFilter.none(),
                new PageRequest(2, 3)));
        assertThat(second.total()).isEqualTo(7);
        assertThat(second.items()).extracting(OfferingSummary::name)
                .containsExactly("Offering 3", "Offering 4", "Offering 5");
        Page<OfferingSummary> last = readSide.offerings.handle(new ListOfferings(
                new OfferingFilter(null, null, null, null, Set.of(), null, true), new PageRequest(null, 3)));
        assertThat(last.page()).isEqualTo(3);
        assertThat(last.items()).extracting(OfferingSummary::name).containsExactly("Offering 0");
        Page<OfferingSummary> past = readSide.offerings.handle(new ListOfferings(OfferingFilter.none(),
                new PageRequest(4, 3)));
        assertThat(past.exists()).isFalse();
        assertThat(readSide.offerings.handle(new ListOfferings(
                new OfferingFilter("ING 1", null, null, null, Set.of(), null, false), new PageRequest(1, 10)))
                .items()).extracting(OfferingSummary::name).containsExactly("Offering 1");
        assertThat(readSide.offerings.handle(new ListOfferings(
                new OfferingFilter(null, "Offering 2", provider, true, Set.of(), null, false), new PageRequest(1, 10)))
                .items()).hasSize(1);
        assertThat(readSide.offerings.handle(new ListOfferings(
                new OfferingFilter(null, null, other, false, Set.of(), null, false), new PageRequest(1, 10)))
                .items()).extracting(OfferingSummary::name).containsExactly("Offering 3");
        assertThat(readSide.offerings.handle(new ListOfferings(
                new OfferingFilter(null, null, null, null, Set.of(group, GroupId.random()), null, false),
                new PageRequest(1, 10))).items()).extracting(OfferingSummary::name).containsExactly("Offering 5");
        // Provider views narrowed to a customer: R1 to R3 only; Offering 3 is its own private one.
        assertThat(readSide.offerings.handle(new ListOfferings(
                new OfferingFilter(null, null, null, null, Set.of(), other, false), new PageRequest(1, 10)))
                .items()).extracting(OfferingSummary::name).containsExactly("Offering 0", "Offering 1", "Offering 2",
                "Offering 3", "Offering 4", "Offering 6");

        OfferingId withPlans = readSide.createOffering("With plans", provider, true, false);
        PlanId b = readSide.createPlan(withPlans, "B", false);
        PlanId a = readSide.createPlan(withPlans, "A", false);
        Page<PlanSummary> plans = readSide.offerings.handle(new ListPlans(withPlans, new PageRequest(1, 1)));
        assertThat(plans.total()).isEqualTo(2);
        assertThat(plans.items()).extracting(PlanSummary::planId).containsExactly(a);
        assertThat(readSide.offerings.handle(new ListPlans(null, new PageRequest(2, 1))).items())
                .extracting(PlanSummary::planId).containsExactly(b);
    }

    @Test
    void aProviderDeleteTakesItsOfferingsAndPlansButNotTheirStreams() {
        GroupId group = readSide.createGroup("Group");
        CustomerId provider = readSide.createCustomer("Provider");
        OfferingId offering = readSide.createOffering("Compute", provider, true, false, group);
        PlanId plan = readSide.createPlan(offering, "Plan", false, group);

        readSide.deleteProvider(provider, offering);

        assertThat(readSide.offerings.handle(new ListOfferings(OfferingFilter.none(), new PageRequest(1, 10)))
                .total()).isZero();
        assertThat(readSide.offerings.handle(new FindPlan(plan))).isEmpty();
        assertThat(readSide.offerings.handle(new CheckOrder(offering, provider, null))).isEmpty();
        assertThat(readSide.offerings.handle(new FindPlanOffering(plan))).contains(offering);
        assertThat(readSide.offerings.handle(new FindPlanOffering(PlanId.random()))).isEmpty();
        for (String table : List.of("offering_view", "offering_group_view", "plan_view", "plan_group_view")) {
            assertThat(database.jdbc().queryForObject("select count(*) from " + table, Long.class)).as(table).isZero();
        }
    }

    @Test
    void allowedCustomersAreFilteredOrderedPagedAndNameTheirGrants() {
        GroupId offeringGroup = readSide.createGroup("Offering group");
        GroupId planGroup = readSide.createGroup("Plan group");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId both = readSide.createCustomer("both");
        CustomerId bothToo = readSide.createCustomer("Both too");
        CustomerId offeringOnly = readSide.createCustomer("Offering only");
        readSide.join(both, offeringGroup, planGroup);
        readSide.join(bothToo, offeringGroup, planGroup);
        readSide.join(offeringOnly, offeringGroup);
        OfferingId offering = readSide.createOffering("Compute", provider, true, false, offeringGroup);
        PlanId plan = readSide.createPlan(offering, "Plan", false, planGroup);

        assertThat(allowed(offering, null)).extracting(AllowedCustomer::customerId)
                .containsExactlyInAnyOrder(both, bothToo, offeringOnly);
        List<AllowedCustomer> forPlan = allowed(offering, plan);
        assertThat(forPlan).extracting(AllowedCustomer::customerId).containsExactlyInAnyOrder(both, bothToo);
        assertThat(forPlan.get(0).grantedBy()).containsExactly(
                new Grant(offeringGroup, "Offering group", offeringGroup), new Grant(planGroup, "Plan group", planGroup));
        Page<AllowedCustomer> page = readSide.offerings.handle(new ListAllowedCustomers(offering, plan, "BOTH",
                new PageRequest(2, 1)));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).hasSize(1);
        assertThat(readSide.offerings.handle(new ListAllowedCustomers(offering, PlanId.random(), null,
                new PageRequest(1, 10))).total()).isZero();
        OfferingId open = readSide.createOffering("Open", provider, true, false);
        assertThat(allowed(open, null)).hasSize(4).allSatisfy(c -> assertThat(c.grantedBy()).isEmpty());
        assertThat(allowed(open, plan)).isEmpty();
    }

    private OrderCheck check(OfferingId offering, CustomerId customer, PlanId plan) {
        return readSide.offerings.handle(new CheckOrder(offering, customer, plan)).orElseThrow();
    }

    private OrderReason reason(OfferingId offering, CustomerId customer, PlanId plan) {
        OrderCheck check = check(offering, customer, plan);
        assertThat(check.reason().allowed()).isEqualTo(check.offering().allowed()
                && (check.plan() == null || check.plan().allowed()));
        return check.reason();
    }

    private List<AllowedCustomer> allowed(OfferingId offering, PlanId plan) {
        return readSide.offerings.handle(new ListAllowedCustomers(offering, plan, null, new PageRequest(1, 100)))
                .items();
    }

    private List<String> names(Viewer viewer, CustomerId customer) {
        return readSide.offerings.handle(new ListPublicOfferings(viewer,
                        new OfferingFilter(null, null, null, null, Set.of(), customer, false), new PageRequest(1, 100)))
                .items().stream().map(OfferingSummary::name).toList();
    }

    private List<PlanId> plans(Viewer viewer, CustomerId customer, OfferingId offering) {
        return readSide.offerings.handle(new FindPublicOffering(offering, viewer, customer)).orElseThrow()
                .plans().stream().map(PlanSummary::planId).toList();
    }
}
