package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/organization-groups/} (API.md section 3, "Listing"): filters, ordering, Waldur's page-number
 * paging with its {@code X-Result-Count} and {@code Link} headers, HEAD, and the methods the list does not have.
 * Names are chosen so that their order is the same in every collation.
 */
class GroupListingIntegrationTest extends WebIntegrationTest {

    private static final String INVALID_PAGE = "Invalid page.";

    /** Creates {@code count} root groups named {@code <prefix>001, <prefix>002...} and returns their uuids in that order. */
    private List<String> newGroups(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> newGroup(prefix + String.format("%03d", i))).toList();
    }

    private static List<String> names(Response response) {
        return StreamSupport.stream(response.json().spliterator(), false).map(g -> g.get("name").asText()).toList();
    }

    private static List<String> uuids(Response response) {
        return StreamSupport.stream(response.json().spliterator(), false).map(g -> g.get("uuid").asText()).toList();
    }

    private String link(String query, String rel) {
        return "<" + baseUrl() + GROUPS + query + ">; rel=\"" + rel + "\"";
    }

    private static String links(String... parts) {
        return String.join(", ", parts);
    }

    // ---- the page and its headers

    @Test
    void emptyListIsPageOneWithCountAndLinks() {
        Response list = get(GROUPS);

        assertResponse(list, 200, array());
        assertThat(list.header("X-Result-Count")).isEqualTo("0");
        assertThat(list.header("Link")).isEqualTo(links(link("", "first"), link("", "last")));
        assertResponse(get(GROUPS + "?page=1"), 200, array());
        assertResponse(get(GROUPS + "?page=last"), 200, array());
        assertResponse(get(GROUPS + "?page=2"), 404, detail(INVALID_PAGE));
    }

    @Test
    void listShowsFullRepresentationsInNameOrder() {
        String root = newGroup("root");
        String child = newGroup("child", root);
        String customer = newCustomer("member");
        setGroups(customer, root);

        Response list = get(GROUPS);

        assertResponse(list, 200, array(group(child, "child", root, "root", 0), group(root, "root", null, null, 1)));
        assertThat(list.header("X-Result-Count")).isEqualTo("2");
        assertThat(list.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void defaultPageHasTenGroupsAndLinksToTheNext() {
        List<String> groups = newGroups("g", 12);

        Response first = get(GROUPS);
        assertThat(uuids(first)).isEqualTo(groups.subList(0, 10));
        assertThat(first.header("X-Result-Count")).isEqualTo("12");
        assertThat(first.header("Link")).isEqualTo(links(link("", "first"), link("?page=2", "next"),
                link("?page=2", "last")));

        Response second = get(GROUPS + "?page=2");
        assertThat(uuids(second)).isEqualTo(groups.subList(10, 12));
        assertThat(second.header("X-Result-Count")).isEqualTo("12");
        assertThat(second.header("Link")).isEqualTo(links(link("", "first"), link("", "prev"),
                link("?page=2", "last")));

        Response last = get(GROUPS + "?page=last");
        assertThat(uuids(last)).isEqualTo(groups.subList(10, 12));
        assertThat(last.header("Link")).isEqualTo(links(link("", "first"), link("", "prev"),
                link("?page=2", "last")));
    }

    @Test
    void pageSizeFallsBackToTenWhenNotAPositiveInteger() {
        List<String> groups = newGroups("g", 11);

        for (String size : List.of("0", "-1", "-300", "abc", "NaN", "1.5", "", "99999999999999999999x")) {
            Response page = get(GROUPS + "?page_size=" + size);
            assertThat(uuids(page)).as("page_size=%s", size).isEqualTo(groups.subList(0, 10));
            assertThat(page.header("Link")).as("page_size=%s", size).isEqualTo(links(
                    link("?page_size=" + size, "first"), link("?page=2&page_size=" + size, "next"),
                    link("?page=2&page_size=" + size, "last")));
        }
        assertThat(uuids(get(GROUPS + "?page_size=3&page=4"))).isEqualTo(groups.subList(9, 11));
        assertThat(uuids(get(GROUPS + "?page_size=11"))).isEqualTo(groups);
    }

    @Test
    void pageSizeAbove300IsClampedTo300() {
        List<String> groups = newGroups("g", 301);

        Response page = get(GROUPS + "?page_size=1000");

        assertThat(uuids(page)).isEqualTo(groups.subList(0, 300));
        assertThat(page.header("X-Result-Count")).isEqualTo("301");
        assertThat(page.header("Link")).isEqualTo(links(link("?page_size=1000", "first"),
                link("?page=2&page_size=1000", "next"), link("?page=2&page_size=1000", "last")));
        assertThat(uuids(get(GROUPS + "?page_size=1000&page=2"))).isEqualTo(groups.subList(300, 301));
        assertThat(uuids(get(GROUPS + "?page_size=300&page=last"))).isEqualTo(groups.subList(300, 301));
        assertThat(get(GROUPS + "?page_size=99999999999999999999").json()).hasSize(300);
    }

    @Test
    void pageThatIsNotAPositiveIntegerOrPastTheEndIsInvalid() {
        newGroups("g", 3);

        for (String page : List.of("0", "-1", "abc", "1.5", "2", "99", "LAST", "first")) {
            assertResponse(get(GROUPS + "?page_size=3&page=" + page), 404, detail(INVALID_PAGE));
        }
        assertResponse(get(GROUPS + "?page="), 200, get(GROUPS).body());
        // Django's paginator reads the page with Python's int(), which allows blanks around it and a sign.
        for (String page : List.of("%201", "1%20", "%2B1")) {
            assertResponse(get(GROUPS + "?page_size=3&page=" + page), 200, get(GROUPS + "?page_size=3").body());
        }
        // ... and single underscores between digits (PEP 515), in page_size too, which DRF reads with int() as well
        assertResponse(get(GROUPS + "?page_size=0_3&page=0_1"), 200, get(GROUPS + "?page_size=3").body());
        for (String page : List.of("_1", "1_", "0__1", "1_%2B")) {
            assertResponse(get(GROUPS + "?page_size=3&page=" + page), 404, detail(INVALID_PAGE));
        }
    }

    @Test
    void linkHeaderReencodesTheQueryWithSortedKeys() {
        List<String> groups = newGroups("a b", 7);

        // keys out of order, a raw comma and a space: the links sort the keys, send , as %2C and space as +
        Response middle = get(GROUPS + "?page_size=2&o=-customers_count,name&name=a%20b&zeta=z&page=2");

        assertThat(uuids(middle)).isEqualTo(groups.subList(2, 4));
        assertThat(middle.header("X-Result-Count")).isEqualTo("7");
        String query = "name=a+b&o=-customers_count%2Cname";
        assertThat(middle.header("Link")).isEqualTo(links(
                link("?" + query + "&page_size=2&zeta=z", "first"),
                link("?" + query + "&page_size=2&zeta=z", "prev"),
                link("?" + query + "&page=3&page_size=2&zeta=z", "next"),
                link("?" + query + "&page=4&page_size=2&zeta=z", "last")));

        Response third = get(GROUPS + "?page=3&page_size=2");
        assertThat(third.header("Link")).isEqualTo(links(link("?page_size=2", "first"),
                link("?page=2&page_size=2", "prev"), link("?page=4&page_size=2", "next"),
                link("?page=4&page_size=2", "last")));
        // Waldur's clients split the header on commas: no URL may hold a raw one
        assertThat(middle.header("Link").split(",")).hasSize(4);

        Response lastIsFirst = get(GROUPS + "?page_size=7&page=1");
        assertThat(lastIsFirst.header("Link")).isEqualTo(links(link("?page_size=7", "first"),
                link("?page_size=7", "last")));
    }

    @Test
    void headOfTheListGivesTheSameHeadersAndNoBody() {
        newGroups("g", 3);
        String query = "?page_size=1&page=2&o=-name";
        Response get = get(GROUPS + query);

        Response head = call("HEAD", GROUPS + query, null, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("X-Result-Count")).isEqualTo("3").isEqualTo(get.header("X-Result-Count"));
        assertThat(head.header("Link")).isEqualTo(get.header("Link"));
        Response headOfBadPage = call("HEAD", GROUPS + "?page=9", null, null);
        assertThat(headOfBadPage.status()).isEqualTo(404);
        assertThat(headOfBadPage.body()).isEmpty();
        assertThat(call("HEAD", GROUPS + "?parent=bad", null, null).status()).isEqualTo(400);
    }

    // ---- filters

    @Test
    void nameFilterIsACaseInsensitiveSubstring() {
        newGroup("Alpha team");
        newGroup("alphabet");
        newGroup("beta");
        newGroup("the ALPHA");

        Response filtered = get(GROUPS + "?name=ALP");

        assertThat(names(filtered)).containsExactlyInAnyOrder("Alpha team", "alphabet", "the ALPHA");
        assertThat(filtered.header("X-Result-Count")).isEqualTo("3");
        assertThat(names(get(GROUPS + "?name=ha%20t"))).containsExactly("Alpha team");
        assertThat(names(get(GROUPS + "?name=zzz"))).isEmpty();
    }

    @Test
    void textFiltersAreTrimmedAsDjangoFormsTrimThem() {
        newGroup("Team");
        newGroup("Team A");
        newGroup("other");

        assertThat(names(get(GROUPS + "?name_exact=%20Team%09"))).containsExactly("Team");
        assertThat(names(get(GROUPS + "?name=+team+"))).containsExactly("Team", "Team A");
        assertThat(get(GROUPS + "?name=%20%20&name_exact=+").header("X-Result-Count")).isEqualTo("3");
    }

    @Test
    void percentUnderscoreAndBackslashInNameFilterMatchLiterally() {
        newGroup("50% off");
        newGroup("500 off");
        newGroup("a_b");
        newGroup("axb");
        newGroup("back\\slash");

        assertThat(names(get(GROUPS + "?name=%25"))).containsExactly("50% off");
        assertThat(names(get(GROUPS + "?name=0%25%20"))).containsExactly("50% off");
        assertThat(names(get(GROUPS + "?name=_"))).containsExactly("a_b");
        assertThat(names(get(GROUPS + "?name=a_b"))).containsExactly("a_b");
        assertThat(names(get(GROUPS + "?name=%5C"))).containsExactly("back\\slash");
        assertThat(names(get(GROUPS + "?name_exact=a_b"))).containsExactly("a_b");
    }

    @Test
    void emptyFiltersFilterNothing() {
        newGroups("g", 3);
        String all = get(GROUPS).body();

        for (String query : List.of("?name=", "?name_exact=", "?parent=", "?o=", "?page=", "?unknown=1")) {
            Response response = get(GROUPS + query);
            assertResponse(response, 200, all);
            assertThat(response.header("X-Result-Count")).isEqualTo("3");
        }
    }

    @Test
    void nameExactIsExactAndCaseSensitive() {
        String team = newGroup("Team");
        newGroup("team");
        newGroup("Team A");

        assertResponse(get(GROUPS + "?name_exact=Team"), 200, array(group(team, "Team", null, null, 0)));
        assertThat(names(get(GROUPS + "?name_exact=Tea"))).isEmpty();
        assertThat(names(get(GROUPS + "?name_exact=Team&name=team"))).containsExactly("Team");
    }

    @Test
    void parentFilterListsDirectChildrenOnly() {
        String root = newGroup("root");
        String first = newGroup("first", root);
        String second = newGroup("second", root);
        newGroup("grandchild", first);
        newGroup("other");

        JsonNode children = array(group(first, "first", root, "root", 0), group(second, "second", root, "root", 0));
        assertResponse(get(GROUPS + "?parent=" + root), 200, children);
        assertResponse(get(GROUPS + "?parent=" + root.toUpperCase()), 200, children);
        assertResponse(get(GROUPS + "?parent=" + dashedUpper(root)), 200, children);
        assertThat(get(GROUPS + "?parent=" + root).header("X-Result-Count")).isEqualTo("2");
        assertThat(names(get(GROUPS + "?parent=" + first))).containsExactly("grandchild");
        assertResponse(get(GROUPS + "?parent=" + unknownUuid()), 200, array());
    }

    @Test
    void malformedParentFilterIsABadRequest() {
        newGroup("root");

        for (String bad : List.of("abc", unknownUuid().substring(1), "root", unknownUuid() + "0")) {
            assertResponse(get(GROUPS + "?parent=" + bad), 400, fieldErrors("parent", "Enter a valid UUID."));
        }
    }

    // ---- ordering

    @Test
    void orderingByNameAndCustomersCountInBothDirections() {
        String a = newGroup("a");
        String b = newGroup("b");
        String c = newGroup("c");
        String d = newGroup("d");
        String one = newCustomer("one");
        String two = newCustomer("two");
        String three = newCustomer("three");
        setGroups(one, b, c, d);
        setGroups(two, c, d);
        setGroups(three, c);
        // counts: a=0, b=1, c=3, d=2

        assertThat(uuids(get(GROUPS + "?o=name"))).containsExactly(a, b, c, d);
        assertThat(uuids(get(GROUPS + "?o=-name"))).containsExactly(d, c, b, a);
        assertThat(uuids(get(GROUPS + "?o=customers_count"))).containsExactly(a, b, d, c);
        assertThat(uuids(get(GROUPS + "?o=-customers_count"))).containsExactly(c, d, b, a);
        assertThat(uuids(get(GROUPS + "?o=unknown,-customers_count"))).containsExactly(c, d, b, a);
        assertThat(uuids(get(GROUPS + "?o=unknown"))).containsExactly(a, b, c, d);
        assertThat(uuids(get(GROUPS + "?o=uuid"))).containsExactly(a, b, c, d);
        assertThat(uuids(get(GROUPS + "?o=name&o=-name"))).containsExactly(d, c, b, a);
        assertThat(uuids(get(GROUPS + "?o=-name&o=customers_count"))).containsExactly(a, b, d, c);
    }

    @Test
    void combinedOrderingAppliesTermsInTurn() {
        String x1 = newGroup("x");
        String y1 = newGroup("y");
        String x2 = newGroup("x");
        String y2 = newGroup("y");
        String member = newCustomer("member");
        setGroups(member, x1, y2);
        // x1: x/1, x2: x/0, y1: y/0, y2: y/1

        assertThat(uuids(get(GROUPS + "?o=name,-customers_count"))).containsExactly(x1, x2, y2, y1);
        assertThat(uuids(get(GROUPS + "?o=-customers_count,-name"))).containsExactly(y2, x1, y1, x2);
        assertThat(uuids(get(GROUPS + "?o=customers_count,name"))).containsExactly(x2, y1, x1, y2);
    }

    @Test
    void tiesAreBrokenByUuidAscendingWhateverTheDirection() {
        List<String> same = new ArrayList<>(IntStream.range(0, 6).mapToObj(i -> newGroup("same")).toList());
        same.sort(Comparator.naturalOrder());

        for (String o : List.of("", "name", "-name", "customers_count", "-customers_count", "-name,-customers_count")) {
            assertThat(uuids(get(GROUPS + "?page_size=300&o=" + o))).as("o=%s", o).isEqualTo(same);
            List<String> paged = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                paged.addAll(uuids(get(GROUPS + "?page_size=2&o=" + o + "&page=" + page)));
            }
            assertThat(paged).as("pages of o=%s", o).isEqualTo(same);
        }
    }

    // ---- methods the list and the detail do not have

    @Test
    void otherMethodsAreNotAllowed() {
        String uuid = newGroup("root");
        String before = state();

        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            Response response = call(method, GROUPS, adminToken(), json(Map.of("name", "x")));
            assertResponse(response, 405, detail("Method \"" + method + "\" not allowed."));
            assertThat(response.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        }
        Response post = call("POST", groupPath(uuid), adminToken(), json(Map.of("name", "x")));
        assertResponse(post, 405, detail("Method \"POST\" not allowed."));
        assertThat(post.header("Allow")).isEqualTo("GET, PUT, PATCH, DELETE, HEAD, OPTIONS");
        assertThat(state()).isEqualTo(before);
    }
}
