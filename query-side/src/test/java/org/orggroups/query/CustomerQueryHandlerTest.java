package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListCustomers;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;

class CustomerQueryHandlerTest {

    private static final PageRequest FIRST_PAGE = new PageRequest(1, 300);

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
    void customerShowsItsGroupsOrderedByNameThenUuidWithTheirCounts() {
        GroupId zeta = readSide.createGroup("zeta");
        GroupId alphaHigh = readSide.createGroup(GroupId.parse("ffffffff-0000-4000-8000-000000000000"), "alpha", null);
        GroupId alphaLow = readSide.createGroup(GroupId.parse("00000000-0000-4000-8000-000000000000"), "alpha", null);
        GroupId middle = readSide.createGroup("middle", zeta);
        GroupId notJoined = readSide.createGroup("not joined");
        CustomerId alice = readSide.createCustomer("Alice");
        CustomerId bob = readSide.createCustomer("Bob");
        readSide.join(alice, zeta, alphaHigh, middle, alphaLow);
        readSide.join(bob, middle);

        CustomerSummary found = readSide.customer(alice);

        assertThat(found.name()).isEqualTo("Alice");
        assertThat(found.groups()).extracting(GroupSummary::groupId)
                .containsExactly(alphaLow, alphaHigh, middle, zeta)
                .doesNotContain(notJoined);
        assertThat(found.groups().get(2)).isEqualTo(new GroupSummary(middle, "middle", zeta, "zeta", 2, 0));
    }

    @Test
    void renamedCustomerShowsItsNewNameAndDeletedOneIsNotFound() {
        CustomerId alice = readSide.createCustomer("Alice");
        CustomerId bob = readSide.createCustomer("Bob");

        readSide.renameCustomer(alice, "Alicia");
        readSide.deleteCustomer(bob);

        assertThat(readSide.customer(alice).name()).isEqualTo("Alicia");
        assertThat(readSide.customers.handle(new FindCustomer(bob))).isEmpty();
        assertThat(readSide.customers.handle(new FindCustomer(CustomerId.random()))).isEmpty();
    }

    @Test
    void memberOfAnyListsEachMatchingCustomerOnce() {
        GroupId first = readSide.createGroup("first");
        GroupId second = readSide.createGroup("second");
        GroupId third = readSide.createGroup("third");
        CustomerId inBoth = readSide.createCustomer("a in both");
        CustomerId inSecond = readSide.createCustomer("b in second");
        readSide.createCustomer("c in none");
        CustomerId inThird = readSide.createCustomer("d in third");
        readSide.join(inBoth, first, second);
        readSide.join(inSecond, second);
        readSide.join(inThird, third);

        Page<CustomerSummary> page = list(null, null, Set.of(first, second), null, false, FIRST_PAGE);

        assertThat(ids(page)).containsExactly(inBoth, inSecond);
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void groupNameContainsIgnoresCaseAndTakesPercentAndUnderscoreLiterally() {
        GroupId percent = readSide.createGroup("100% Research");
        GroupId plain = readSide.createGroup("100 research");
        GroupId underscore = readSide.createGroup("lab_1");
        CustomerId inPercent = readSide.createCustomer("a");
        CustomerId inPlain = readSide.createCustomer("b");
        CustomerId inUnderscore = readSide.createCustomer("c");
        readSide.join(inPercent, percent);
        readSide.join(inPlain, plain);
        readSide.join(inUnderscore, underscore);

        assertThat(ids(list(null, null, Set.of(), "0% r", false, FIRST_PAGE))).containsExactly(inPercent);
        assertThat(ids(list(null, null, Set.of(), "RESEARCH", false, FIRST_PAGE))).containsExactly(inPercent, inPlain);
        assertThat(ids(list(null, null, Set.of(), "_", false, FIRST_PAGE))).containsExactly(inUnderscore);
    }

    @Test
    void nameFiltersAreSubstringIgnoringCaseAndExactWithCase() {
        CustomerId percent = readSide.createCustomer("50% Off");
        CustomerId plain = readSide.createCustomer("500 off");
        readSide.createCustomer("other");

        assertThat(ids(list("0% o", null, Set.of(), null, false, FIRST_PAGE))).containsExactly(percent);
        assertThat(ids(list("OFF", null, Set.of(), null, false, FIRST_PAGE)))
                .containsExactlyInAnyOrder(percent, plain);
        assertThat(ids(list(null, "500 off", Set.of(), null, false, FIRST_PAGE))).containsExactly(plain);
        assertThat(ids(list(null, "500 OFF", Set.of(), null, false, FIRST_PAGE))).isEmpty();
    }

    @Test
    void nameDescendingStillBreaksTiesByUuidAscending() {
        CustomerId a = readSide.createCustomer("a");
        CustomerId tiedHigh = readSide.createCustomer(CustomerId.parse("ffffffff-0000-4000-8000-000000000000"), "b");
        CustomerId tiedLow = readSide.createCustomer(CustomerId.parse("00000000-0000-4000-8000-000000000000"), "b");
        CustomerId tiedMiddle = readSide.createCustomer(CustomerId.parse("80000000-0000-4000-8000-000000000000"), "b");

        assertThat(ids(list(null, null, Set.of(), null, true, FIRST_PAGE)))
                .containsExactly(tiedLow, tiedMiddle, tiedHigh, a);
        assertThat(ids(list(null, null, Set.of(), null, false, FIRST_PAGE)))
                .containsExactly(a, tiedLow, tiedMiddle, tiedHigh);
    }

    @Test
    void everyCustomerOfAPageGetsItsOwnGroups() {
        GroupId red = readSide.createGroup("red");
        GroupId green = readSide.createGroup("green");
        GroupId blue = readSide.createGroup("blue");
        CustomerId a = readSide.createCustomer("a");
        CustomerId b = readSide.createCustomer("b");
        CustomerId c = readSide.createCustomer("c");
        CustomerId d = readSide.createCustomer("d");
        readSide.join(a, red);
        readSide.join(b, red, green, blue);
        readSide.join(d, green);

        Page<CustomerSummary> second = list(null, null, Set.of(), null, false, new PageRequest(2, 2));
        Page<CustomerSummary> first = list(null, null, Set.of(), null, false, new PageRequest(1, 2));

        assertThat(ids(first)).containsExactly(a, b);
        assertThat(groupNames(first.items().get(0))).containsExactly("red");
        assertThat(groupNames(first.items().get(1))).containsExactly("blue", "green", "red");
        assertThat(ids(second)).containsExactly(c, d);
        assertThat(groupNames(second.items().get(0))).isEmpty();
        assertThat(groupNames(second.items().get(1))).containsExactly("green");
    }

    @Test
    void pagingFollowsTheSameRulesAsForGroups() {
        Stream.of("a", "b", "c").forEach(readSide::createCustomer);

        Page<CustomerSummary> last = list(null, null, Set.of(), null, false, new PageRequest(null, 2));
        Page<CustomerSummary> past = list(null, null, Set.of(), null, false, new PageRequest(3, 2));
        Page<CustomerSummary> none = list("nobody", null, Set.of(), null, false, new PageRequest(1, 2));

        assertThat(last.page()).isEqualTo(2);
        assertThat(last.items()).extracting(CustomerSummary::name).containsExactly("c");
        assertThat(past.exists()).isFalse();
        assertThat(past.total()).isEqualTo(3);
        assertThat(none).isEqualTo(new Page<CustomerSummary>(List.of(), 0, 1, true));
    }

    private Page<CustomerSummary> list(String nameContains, String nameExact, Set<GroupId> memberOfAny,
                                       String groupNameContains, boolean nameDescending, PageRequest page) {
        return readSide.customers.handle(
                new ListCustomers(nameContains, nameExact, memberOfAny, groupNameContains, nameDescending, page));
    }

    private static List<CustomerId> ids(Page<CustomerSummary> page) {
        return page.items().stream().map(CustomerSummary::customerId).toList();
    }

    private static List<String> groupNames(CustomerSummary customer) {
        return customer.groups().stream().map(GroupSummary::name).toList();
    }
}
