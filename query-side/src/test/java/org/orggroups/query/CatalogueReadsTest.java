package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.CheckOrder;
import org.orggroups.api.query.offering.FindPublicOffering;
import org.orggroups.api.query.offering.ListOfferings;
import org.orggroups.api.query.offering.ListPlans;
import org.orggroups.api.query.offering.ListPublicOfferings;
import org.orggroups.api.query.offering.OfferingFilter;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.api.query.offering.Viewer;
import org.orggroups.query.offering.CatalogueReads;
import org.orggroups.query.offering.OfferingQueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The offering lists read through the connections of {@link CatalogueReads} alone, each statement on its own, with
 * no transaction and no {@code SET} around it (the generic plans are the connections' own, decision record 10a),
 * one connection at a time, and answer as when everything reads through one template.
 */
class CatalogueReadsTest {

    private TestDatabase database;
    private ReadSide readSide;
    /** What the handler did on the catalogue's connections: each statement's SQL, and any transaction call. */
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** The catalogue's connections open now, and the most open at once. */
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

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
    void aNarrowedListRunsItsStatementsOnTheCatalogueConnectionsWithoutATransaction() {
        GroupId parent = readSide.createGroup("Parent");
        GroupId child = readSide.createGroup("Child", parent);
        GroupId other = readSide.createGroup("Other");
        CustomerId provider = readSide.createCustomer("Provider");
        CustomerId customer = readSide.createCustomer("Customer");
        readSide.join(customer, child);
        OfferingId open = readSide.createOffering("Open", provider, true, false);
        OfferingId throughParent = readSide.createOffering("Through parent", provider, true, true, parent);
        OfferingId elsewhere = readSide.createOffering("Elsewhere", provider, true, false, other);
        PlanId small = readSide.createPlan(throughParent, "Small", false);
        readSide.createPlan(throughParent, "Closed", false, other);

        OfferingQueryHandler oneTemplate = new OfferingQueryHandler(database.jdbc());
        OfferingQueryHandler handler = new OfferingQueryHandler(database.jdbc(),
                new CatalogueReads(new JdbcTemplate(recording(database.jdbc().getDataSource()))));
        ListPublicOfferings narrowed = new ListPublicOfferings(Viewer.STAFF, new OfferingFilter(null, null, null, null,
                Set.of(), customer, false), new PageRequest(1, 10));

        Page<OfferingSummary> page = handler.handle(narrowed);

        assertThat(page.items()).extracting(OfferingSummary::offeringId).containsExactly(open, throughParent);
        assertThat(page.items().get(1).plans()).extracting(PlanSummary::planId).containsExactly(small);
        assertThat(page).isEqualTo(oneTemplate.handle(narrowed));
        assertThat(calls).as("one statement for the page, its plans and groups").hasSize(1)
                .allSatisfy(call -> assertThat(call).startsWith("with recursive "));

        calls.clear();
        assertThat(handler.handle(new FindPublicOffering(elsewhere, Viewer.PUBLIC, null))).isPresent();
        assertThat(handler.handle(new ListOfferings(OfferingFilter.none(), new PageRequest(1, 10))).items())
                .hasSize(3);
        assertThat(calls).hasSize(2).noneMatch(call -> call.startsWith("set") || call.startsWith("transaction"));
        // Without a transaction, a read that held one connection while asking for the next could wait for itself
        // once every connection of the pool was held so (seen under load with a pool of 4).
        assertThat(mostOpen).as("connections held at once").hasValue(1);

        calls.clear();
        assertThat(handler.handle(new CheckOrder(throughParent, customer, small))).isPresent();
        assertThat(calls).as("the order check is not a list").isEmpty();
    }

    @Test
    void thePlanListHoldsOneConnectionAtATimeToo() {
        GroupId group = readSide.createGroup("Group");
        CustomerId provider = readSide.createCustomer("Provider");
        OfferingId offering = readSide.createOffering("Compute", provider, true, false);
        PlanId plan = readSide.createPlan(offering, "Small", false, group);
        JdbcTemplate recorded = new JdbcTemplate(recording(database.jdbc().getDataSource()));
        OfferingQueryHandler handler = new OfferingQueryHandler(recorded, new CatalogueReads(recorded));

        Page<PlanSummary> page = handler.handle(new ListPlans(offering, new PageRequest(1, 10)));

        assertThat(page.items()).extracting(PlanSummary::planId).containsExactly(plan);
        assertThat(page.items().get(0).groups()).hasSize(1);
        assertThat(calls).hasSize(2);
        assertThat(mostOpen).as("connections held at once").hasValue(1);
    }

    /**
     * @return a data source whose connections record in {@link #calls} every statement prepared or executed and
     *         every call that would begin or end a transaction
     */
    private DataSource recording(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (c, m, a) -> {
                                switch (m.getName()) {
                                    case "prepareStatement", "prepareCall" -> calls.add(((String) a[0]).strip());
                                    case "createStatement" -> calls.add("statement");
                                    case "commit", "rollback", "setSavepoint" -> calls.add("transaction " + m.getName());
                                    case "close" -> open.decrementAndGet();
                                    case "setAutoCommit" -> {
                                        if (!(Boolean) a[0]) {
                                            calls.add("transaction begin");
                                        }
                                    }
                                    default -> {
                                    }
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
