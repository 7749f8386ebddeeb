package org.orggroups.query;

import org.orggroups.api.query.PageResponseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListCustomers;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.offering.AllowedCustomer;
import org.orggroups.api.query.offering.CheckOrder;
import org.orggroups.api.query.offering.FindOffering;
import org.orggroups.api.query.offering.FindPlanOffering;
import org.orggroups.api.query.offering.ListAllowedCustomers;
import org.orggroups.api.query.offering.ListPlans;
import org.orggroups.api.query.offering.ListPublicOfferings;
import org.orggroups.api.query.offering.OfferingFilter;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.OrderCheck;
import org.orggroups.api.query.offering.OrderReason;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.api.query.offering.Viewer;

/** The handlers answer through Axon's query bus with the response types that callers are expected to use. */
class QueryBusRegistrationTest {

    private TestDatabase database;
    private ReadSide readSide;
    private QueryGateway gateway;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        readSide = new ReadSide(database.jdbc());
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(readSide.groups).subscribe(bus);
        new AnnotationQueryHandlerAdapter<>(readSide.customers).subscribe(bus);
        new AnnotationQueryHandlerAdapter<>(readSide.offerings).subscribe(bus);
        gateway = DefaultQueryGateway.builder().queryBus(bus).build();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void findQueriesAnswerAnOptional() {
        GroupId group = readSide.createGroup("group");
        CustomerId customer = readSide.createCustomer("customer");
        readSide.join(customer, group);

        Optional<GroupSummary> found = gateway.query(new FindGroup(group),
                ResponseTypes.optionalInstanceOf(GroupSummary.class)).join();
        Optional<GroupSummary> missing = gateway.query(new FindGroup(GroupId.random()),
                ResponseTypes.optionalInstanceOf(GroupSummary.class)).join();
        Optional<CustomerSummary> customerFound = gateway.query(new FindCustomer(customer),
                ResponseTypes.optionalInstanceOf(CustomerSummary.class)).join();

        assertThat(found).map(GroupSummary::customersCount).contains(1L);
        assertThat(missing).isEmpty();
        assertThat(customerFound.orElseThrow().groups()).hasSize(1);
    }

    @Test
    void listQueriesAnswerAPageOfTheirItems() {
        GroupId group = readSide.createGroup("group");
        CustomerId customer = readSide.createCustomer("customer");

        Page<GroupSummary> groups = gateway.query(
                new ListGroups(null, null, null, List.of(), new PageRequest(1, 10)),
                PageResponseType.pageOf(GroupSummary.class)).join();
        Page<CustomerSummary> customers = gateway.query(
                new ListCustomers(null, null, Set.of(), null, false, new PageRequest(1, 10)),
                PageResponseType.pageOf(CustomerSummary.class)).join();

        assertThat(groups.items()).extracting(GroupSummary::groupId).containsExactly(group);
        assertThat(customers.items()).extracting(CustomerSummary::customerId).containsExactly(customer);
    }

    @Test
    void offeringQueriesAnswerWithTheTypesTheirRecordsName() {
        CustomerId provider = readSide.createCustomer("provider");
        OfferingId offering = readSide.createOffering("offering", provider, true, false);
        PlanId plan = readSide.createPlan(offering, "plan", false);

        Optional<OfferingSummary> found = gateway.query(new FindOffering(offering),
                ResponseTypes.optionalInstanceOf(OfferingSummary.class)).join();
        Page<OfferingSummary> listed = gateway.query(new ListPublicOfferings(Viewer.PUBLIC, OfferingFilter.none(),
                new PageRequest(1, 10)), PageResponseType.pageOf(OfferingSummary.class)).join();
        Page<PlanSummary> plans = gateway.query(new ListPlans(offering, new PageRequest(1, 10)),
                PageResponseType.pageOf(PlanSummary.class)).join();
        Optional<OrderCheck> check = gateway.query(new CheckOrder(offering, provider, plan),
                ResponseTypes.optionalInstanceOf(OrderCheck.class)).join();
        Page<AllowedCustomer> allowed = gateway.query(new ListAllowedCustomers(offering, null, null,
                new PageRequest(1, 10)), PageResponseType.pageOf(AllowedCustomer.class)).join();
        Optional<OfferingId> stream = gateway.query(new FindPlanOffering(plan),
                ResponseTypes.optionalInstanceOf(OfferingId.class)).join();

        assertThat(found).map(OfferingSummary::plans).hasValueSatisfying(p -> assertThat(p).hasSize(1));
        assertThat(listed.items()).hasSize(1);
        assertThat(plans.items()).extracting(PlanSummary::planId).containsExactly(plan);
        assertThat(check).map(OrderCheck::reason).contains(OrderReason.OPEN);
        assertThat(allowed.items()).extracting(AllowedCustomer::customerId).containsExactly(provider);
        assertThat(stream).contains(offering);
    }

    @Test
    void aPageOfAnotherItemTypeIsNoMatch() {
        assertThatThrownBy(() -> gateway.query(
                new ListGroups(null, null, null, List.of(), new PageRequest(1, 10)),
                PageResponseType.pageOf(CustomerSummary.class)).join())
                .hasCauseInstanceOf(NoHandlerForQueryException.class);
    }
}
