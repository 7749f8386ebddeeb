package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.AllowedCustomer;
import org.orggroups.api.query.offering.CheckOrder;
import org.orggroups.api.query.offering.FindPublicOffering;
import org.orggroups.api.query.offering.Grant;
import org.orggroups.api.query.offering.ListAllowedCustomers;
import org.orggroups.api.query.offering.ListPublicOfferings;
import org.orggroups.api.query.offering.OfferingFilter;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.OrderCheck;
import org.orggroups.api.query.offering.OrderReason;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.api.query.offering.Viewer;
import org.orggroups.query.offering.OfferingAccess;
import org.orggroups.query.offering.OfferingQueryHandler;
import org.orggroups.query.offering.OfferingViewProjection;

/**
 * The access rule is walked from two ends ({@link OfferingAccess}): up from one customer's groups for the order check
 * and the listings narrowed to a customer, down from a restriction's groups for the allowed customers. On random
 * trees, memberships, restrictions (with and without descendants), moves and deletes, every list must agree with
 * the order check of every customer, offering and plan, grants included.
 */
class OfferingAccessConsistencyTest {

    @Test
    void listsAgreeWithTheOrderCheck() {
        Set<OrderReason> seen = new HashSet<>();
        for (long seed : new long[] {61, 64}) {
            try (TestDatabase database = TestDatabase.create()) {
                compare(new EventHistory(seed).randomOfferingSteps(300), database, seen);
            }
        }
        // The random histories reach every row of the rule, so every row was compared.
        assertThat(seen).containsAll(Set.of(OrderReason.values()));
    }

    private static void compare(EventHistory history, TestDatabase database, Set<OrderReason> seen) {
        EventHistory.replayThroughHandlers(history.events(), new GroupViewProjection(database.jdbc()),
                new CustomerViewProjection(database.jdbc()), new OfferingViewProjection(database.jdbc()));
        OfferingQueryHandler handler = new OfferingQueryHandler(database.jdbc());
        List<CustomerId> customers = history.customers();

        for (Map.Entry<OfferingId, List<PlanId>> offering : history.offerings().entrySet()) {
            List<PlanId> plans = new ArrayList<>(offering.getValue());
            plans.add(null);
            for (PlanId plan : plans) {
                Map<CustomerId, List<Grant>> listed = handler.handle(new ListAllowedCustomers(offering.getKey(), plan,
                                null, new PageRequest(1, 10_000))).items().stream()
                        .collect(Collectors.toMap(AllowedCustomer::customerId, AllowedCustomer::grantedBy));
                for (CustomerId customer : customers) {
                    OrderCheck check = handler.handle(new CheckOrder(offering.getKey(), customer, plan)).orElseThrow();
                    seen.add(check.reason());
                    String what = "offering " + offering.getKey() + ", plan " + plan + ", customer " + customer;
                    assertThat(listed.containsKey(customer)).as(what).isEqualTo(check.reason().allowed());
                    if (check.reason().allowed()) {
                        List<Grant> grants = new ArrayList<>(check.offering().grantedBy());
                        if (check.plan() != null) {
                            grants.addAll(check.plan().grantedBy());
                        }
                        assertThat(listed.get(customer)).as(what).isEqualTo(grants);
                    }
                }
            }
        }
        for (CustomerId customer : customers) {
            Set<OfferingId> listed = handler.handle(new ListPublicOfferings(Viewer.STAFF,
                            new OfferingFilter(null, null, null, null, Set.of(), customer, false),
                            new PageRequest(1, 10_000))).items().stream()
                    .map(OfferingSummary::offeringId).collect(Collectors.toSet());
            for (Map.Entry<OfferingId, List<PlanId>> offering : history.offerings().entrySet()) {
                OrderCheck check = handler.handle(new CheckOrder(offering.getKey(), customer, null)).orElseThrow();
                boolean shared = handler.handle(new FindPublicOffering(offering.getKey(), Viewer.STAFF, null))
                        .map(OfferingSummary::shared).orElse(false);
                boolean visibleToStaff = shared || !offering.getValue().isEmpty();
                assertThat(listed.contains(offering.getKey())).as("offering " + offering.getKey())
                        .isEqualTo(check.offering().allowed() && visibleToStaff);
                if (!listed.contains(offering.getKey())) {
                    continue;
                }
                Set<PlanId> plans = handler.handle(new FindPublicOffering(offering.getKey(), Viewer.STAFF, customer))
                        .orElseThrow().plans().stream().map(PlanSummary::planId).collect(Collectors.toSet());
                for (PlanId plan : offering.getValue()) {
                    OrderCheck planCheck = handler.handle(new CheckOrder(offering.getKey(), customer, plan))
                            .orElseThrow();
                    assertThat(plans.contains(plan)).as("plan " + plan).isEqualTo(planCheck.plan().allowed());
                }
            }
        }
    }
}
