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
    void aPageOfAnotherItemTypeIsNoMatch() {
        assertThatThrownBy(() -> gateway.query(
                new ListGroups(null, null, null, List.of(), new PageRequest(1, 10)),
                PageResponseType.pageOf(CustomerSummary.class)).join())
                .hasCauseInstanceOf(NoHandlerForQueryException.class);
    }
}
