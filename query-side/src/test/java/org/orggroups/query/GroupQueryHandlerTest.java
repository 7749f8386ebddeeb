package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.GroupOrder;
import org.orggroups.api.query.GroupSortField;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;

class GroupQueryHandlerTest {

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
    void unknownGroupIsNotFound() {
        assertThat(readSide.groups.handle(new FindGroup(GroupId.random()))).isEmpty();
    }

    @Test
    void nameContainsIgnoresCase() {
        readSide.createGroup("Research Lab");
        readSide.createGroup("Teaching");

        assertThat(names(list("rESEARCH", null, null, List.of(), FIRST_PAGE))).containsExactly("Research Lab");
    }

    @Test
    void nameContainsTakesPercentUnderscoreAndBackslashLiterally() {
        readSide.createGroup("100% sure");
        readSide.createGroup("100 percent");
        readSide.createGroup("a_b");
        readSide.createGroup("axb");
        readSide.createGroup("back\\slash");
        readSide.createGroup("backslash");

        assertThat(names(list("%", null, null, List.of(), FIRST_PAGE))).containsExactly("100% sure");
        assertThat(names(list("0%", null, null, List.of(), FIRST_PAGE))).containsExactly("100% sure");
        assertThat(names(list("A_B", null, null, List.of(), FIRST_PAGE))).containsExactly("a_b");
        assertThat(names(list("_", null, null, List.of(), FIRST_PAGE))).containsExactly("a_b");
        assertThat(names(list("\\", null, null, List.of(), FIRST_PAGE))).containsExactly("back\\slash");
    }

    @Test
    void emptyNameFilterFiltersNothing() {
        readSide.createGroup("alpha");
        readSide.createGroup("beta");

        assertThat(names(list("", "", null, List.of(), FIRST_PAGE))).containsExactly("alpha", "beta");
    }

    @Test
    void nameExactIsExactAndCaseSensitive() {
        readSide.createGroup("Lab");
        readSide.createGroup("lab");
        readSide.createGroup("Lab 2");

        assertThat(names(list(null, "Lab", null, List.of(), FIRST_PAGE))).containsExactly("Lab");
    }

    @Test
    void parentFilterKeepsDirectChildrenOnly() {
        GroupId root = readSide.createGroup("root");
        readSide.createGroup("child", root);
        GroupId other = readSide.createGroup("other child", root);
        readSide.createGroup("grandchild", other);

        assertThat(names(list(null, null, root, List.of(), FIRST_PAGE))).containsExactly("child", "other child");
    }

    @Test
    void defaultOrderIsNameAscendingThenUuidAscending() {
        List<GroupId> tied = createTiedGroups("b");
        GroupId a = readSide.createGroup("a");

        List<GroupId> expected = Stream.concat(Stream.of(a), byUuid(tied).stream()).toList();
        assertThat(ids(list(null, null, null, List.of(), FIRST_PAGE))).isEqualTo(expected);
    }

    @Test
    void descendingTermsStillBreakTiesByUuidAscending() {
        GroupId a = readSide.createGroup("a");
        List<GroupId> tied = createTiedGroups("b");

        List<GroupId> expected = Stream.concat(byUuid(tied).stream(), Stream.of(a)).toList();
        assertThat(ids(list(null, null, null, List.of(new GroupOrder(GroupSortField.NAME, true)), FIRST_PAGE)))
                .isEqualTo(expected);
    }

    @Test
    void orderingTermsApplyInTurn() {
        GroupId busyB = readSide.createGroup("b");
        GroupId busyA = readSide.createGroup("a");
        GroupId quietA1 = readSide.createGroup("a");
        GroupId quietA2 = readSide.createGroup("a");
        CustomerId alice = readSide.createCustomer("Alice");
        CustomerId bob = readSide.createCustomer("Bob");
        readSide.join(alice, busyA, busyB);
        readSide.join(bob, busyB);

        List<GroupOrder> byCountDescThenName = List.of(
                new GroupOrder(GroupSortField.CUSTOMERS_COUNT, true), new GroupOrder(GroupSortField.NAME, false));
        List<GroupId> expected = Stream.concat(Stream.of(busyB, busyA), byUuid(List.of(quietA1, quietA2)).stream()).toList();
        assertThat(ids(list(null, null, null, byCountDescThenName, FIRST_PAGE))).isEqualTo(expected);
        assertThat(list(null, null, null, byCountDescThenName, FIRST_PAGE).items())
                .extracting(GroupSummary::customersCount).containsExactly(2L, 1L, 0L, 0L);
    }

    @Test
    void pagesSliceTheOrderedListAndNullMeansTheLastPage() {
        for (String name : List.of("e", "d", "c", "b", "a")) {
            readSide.createGroup(name);
        }

        Page<GroupSummary> first = list(null, null, null, List.of(), new PageRequest(1, 2));
        assertThat(names(first)).containsExactly("a", "b");
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.exists()).isTrue();
        assertThat(names(list(null, null, null, List.of(), new PageRequest(2, 2)))).containsExactly("c", "d");

        Page<GroupSummary> last = list(null, null, null, List.of(), new PageRequest(null, 2));
        assertThat(last.page()).isEqualTo(3);
        assertThat(last.exists()).isTrue();
        assertThat(names(last)).containsExactly("e");
    }

    @Test
    void pagePastTheEndDoesNotExist() {
        readSide.createGroup("a");
        readSide.createGroup("b");

        Page<GroupSummary> past = list(null, null, null, List.of(), new PageRequest(2, 2));

        assertThat(past.exists()).isFalse();
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(2);
        assertThat(past.page()).isEqualTo(2);
    }

    @Test
    void aNumberedPageAndItsTotalAreOneStatementEvenPastTheEnd() {
        for (String name : List.of("c", "b", "a", "blue")) {
            readSide.createGroup(name);
        }
        CountingJdbcTemplate jdbc = new CountingJdbcTemplate(database.jdbc());
        GroupQueryHandler groups = new GroupQueryHandler(jdbc);

        Page<GroupSummary> second = groups.handle(new ListGroups(null, null, null, List.of(), new PageRequest(2, 2)));
        assertThat(names(second)).containsExactly("blue", "c");
        assertThat(second.total()).isEqualTo(4);
        assertThat(jdbc.statements).isEqualTo(1);

        Page<GroupSummary> past = groups.handle(new ListGroups("B", null, null, List.of(), new PageRequest(3, 1)));
        assertThat(past).isEqualTo(new Page<GroupSummary>(List.of(), 2, 3, false));
        assertThat(jdbc.statements).isEqualTo(2);

        // The offset of the last page depends on the total, which is therefore read first.
        Page<GroupSummary> last = groups.handle(new ListGroups("B", null, null, List.of(), new PageRequest(null, 1)));
        assertThat(names(last)).containsExactly("blue");
        assertThat(last.page()).isEqualTo(2);
        assertThat(jdbc.statements).isEqualTo(4);
    }

    /**
     * A name filter takes the matching rows first and sorts them (GroupQueryHandler#countedFromMatches); every
     * page, ordering and the total must still be those of the whole list filtered afterwards.
     */
    @Test
    void nameFilterPagesAreThoseOfTheWholeOrderedListFiltered() {
        CustomerId alice = readSide.createCustomer("Alice");
        GroupId parent = readSide.createGroup("Parent Lab");
        for (int i = 0; i < 24; i++) {
            // Ties on name and on count, matches and non-matches interleaved in name order.
            GroupId id = readSide.createGroup((i % 3 == 0 ? "Other " : "Bio LAB ") + (i % 5), i % 2 == 0 ? parent : null);
            if (i % 4 == 0) {
                readSide.join(alice, id);
            }
        }
        List<GroupOrder> byCountDescThenName = List.of(
                new GroupOrder(GroupSortField.CUSTOMERS_COUNT, true), new GroupOrder(GroupSortField.NAME, false));
        for (List<GroupOrder> ordering : List.of(List.<GroupOrder>of(), byCountDescThenName)) {
            for (GroupId parentFilter : java.util.Arrays.asList(null, parent)) {
                List<GroupId> expected = list(null, null, parentFilter, ordering, FIRST_PAGE).items().stream()
                        .filter(g -> g.name().toLowerCase().contains("lab")).map(GroupSummary::groupId).toList();
                assertThat(expected).hasSizeGreaterThan(5);
                for (int page = 1; page <= expected.size() / 4 + 1; page++) {
                    Page<GroupSummary> slice = list("Lab", null, parentFilter, ordering, new PageRequest(page, 4));
                    assertThat(slice.total()).isEqualTo(expected.size());
                    assertThat(ids(slice)).isEqualTo(
                            expected.subList((page - 1) * 4, Math.min(page * 4, expected.size())));
                }
            }
        }
    }

    @Test
    void nameContainsIgnoresTheCaseOfNonAsciiLetters() {
        readSide.createGroup("Åsvik Lab");
        readSide.createGroup("Asvik Desk");
        readSide.createGroup("Ωmega team");

        assertThat(names(list("åSVIK", null, null, List.of(), FIRST_PAGE))).containsExactly("Åsvik Lab");
        assertThat(names(list("ωMEGA", null, null, List.of(), FIRST_PAGE))).containsExactly("Ωmega team");
    }

    @Test
    void emptyResultHasAnEmptyFirstPage() {
        readSide.createGroup("a");

        Page<GroupSummary> first = list("nothing like it", null, null, List.of(), new PageRequest(1, 10));
        Page<GroupSummary> last = list("nothing like it", null, null, List.of(), new PageRequest(null, 10));
        Page<GroupSummary> second = list("nothing like it", null, null, List.of(), new PageRequest(2, 10));

        assertThat(first).isEqualTo(new Page<GroupSummary>(List.of(), 0, 1, true));
        assertThat(last).isEqualTo(new Page<GroupSummary>(List.of(), 0, 1, true));
        assertThat(second.exists()).isFalse();
    }

    private Page<GroupSummary> list(String nameContains, String nameExact, GroupId parent, List<GroupOrder> ordering,
                                    PageRequest page) {
        return readSide.groups.handle(new ListGroups(nameContains, nameExact, parent, ordering, page));
    }

    private static List<String> names(Page<GroupSummary> page) {
        return page.items().stream().map(GroupSummary::name).toList();
    }

    private static List<GroupId> ids(Page<GroupSummary> page) {
        return page.items().stream().map(GroupSummary::groupId).toList();
    }

    /**
     * Groups of one name, created out of uuid order, whose uuids a signed comparison (as
     * {@link UUID#compareTo} does) would order differently from the databases' uuid order.
     */
    private List<GroupId> createTiedGroups(String name) {
        return Stream.of("ffffffff-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000001",
                        "80000000-0000-4000-8000-000000000000", "00000000-0000-4000-0000-000000000001",
                        "7fffffff-0000-4000-8000-000000000000")
                .map(text -> readSide.createGroup(GroupId.parse(text), name, null))
                .toList();
    }

    /** The databases' uuid order: by the hex digits, which {@link UUID#compareTo} is not. */
    static List<GroupId> byUuid(List<GroupId> ids) {
        return ids.stream().sorted(Comparator.comparing(GroupId::toString)).toList();
    }

    /** Counts the prepared statements run through it: every query of the handlers is one. */
    private static final class CountingJdbcTemplate extends JdbcTemplate {

        private int statements;

        CountingJdbcTemplate(JdbcTemplate of) {
            super(of.getDataSource());
        }

        @Override
        public <T> T query(PreparedStatementCreator creator, PreparedStatementSetter setter,
                           ResultSetExtractor<T> extractor) {
            statements++;
            return super.query(creator, setter, extractor);
        }
    }
}
