package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

/**
 * {@code /api/customers/} (API.md section 4): the customers the service keeps so that groups can count them,
 * their shape, filters, paging, CRUD and {@code update_organization_groups}.
 */
class CustomerIntegrationTest extends WebIntegrationTest {

    private static final String FIELD = "organization_groups";

    private static List<String> uuids(Response response) {
        return StreamSupport.stream(response.json().spliterator(), false).map(c -> c.get("uuid").asText()).toList();
    }

    private Response setGroupsTo(String customer, Object links) {
        return post(membershipPath(customer), fields(FIELD, links));
    }

    private String customerLink(String query, String rel) {
        return "<" + baseUrl() + CUSTOMERS + query + ">; rel=\"" + rel + "\"";
    }

    // ---- shape

    @Test
    void createdCustomerHasItsFieldsInOrderAndALocation() {
        Response created = post(CUSTOMERS, Map.of("name", "  Acme \n"));

        String uuid = created.json().path("uuid").asText();
        assertThat(uuid).matches(HEX_UUID);
        assertResponse(created, 201, customer(uuid, "Acme"));
        assertThat(created.header("Location")).isEqualTo(baseUrl() + customerPath(uuid));
        assertResponse(get(customerPath(uuid)), 200, customer(uuid, "Acme"));
        assertResponse(get(customerPath(dashedUpper(uuid))), 200, customer(uuid, "Acme"));
    }

    @Test
    void customerShowsItsGroupsInFullOrderedByName() {
        String zeta = newGroup("zeta");
        String alpha = newGroup("alpha", zeta);
        String mid = newGroup("mid");
        String customer = newCustomer("acme");
        String other = newCustomer("other");
        setGroups(other, mid);

        setGroups(customer, zeta, alpha, mid);

        assertResponse(get(customerPath(customer)), 200, customer(customer, "acme",
                group(alpha, "alpha", zeta, "zeta", 1), group(mid, "mid", null, null, 2),
                group(zeta, "zeta", null, null, 1)));
        patch(groupPath(zeta), Map.of("name", "beta"));
        assertResponse(get(customerPath(customer)), 200, customer(customer, "acme",
                group(alpha, "alpha", zeta, "beta", 1), group(zeta, "beta", null, null, 1),
                group(mid, "mid", null, null, 2)));
        assertResponse(get(CUSTOMERS + "?name_exact=acme"), 200, array(customer(customer, "acme",
                group(alpha, "alpha", zeta, "beta", 1), group(zeta, "beta", null, null, 1),
                group(mid, "mid", null, null, 2))));
    }

    @Test
    void customerLinksHonourForwardedHeaders() {
        String group = newGroup("group");
        String customer = newCustomer("acme");
        setGroups(customer, group);
        String proxy = "https://proxy.example:8443";

        Response read = call("GET", customerPath(customer), null, null, "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "proxy.example", "X-Forwarded-Port", "8443");

        assertThat(read.json().path("url").asText()).isEqualTo(proxy + customerPath(customer));
        assertThat(canonical(read.json().path(FIELD).get(0)))
                .isEqualTo(canonical(group(proxy, group, "group", null, null, 1)));
    }

    @Test
    void everyPathWorksWithoutItsTrailingSlash() {
        String group = newGroup("group");
        Response created = post("/api/customers", Map.of("name", "acme"));
        String uuid = created.json().path("uuid").asText();
        assertResponse(created, 201, customer(uuid, "acme"));
        String path = "/api/customers/" + uuid;

        assertThat(post(path + "/update_organization_groups", Map.of(FIELD, List.of(groupUrl(group)))).status())
                .isEqualTo(200);
        assertResponse(get(path), 200, customer(uuid, "acme", group(group, "group", null, null, 1)));
        assertResponse(get("/api/customers"), 200, array(customer(uuid, "acme", group(group, "group", null, null, 1))));
        assertResponse(put(path, Map.of("name", "put")), 200, customer(uuid, "put", group(group, "group", null, null, 1)));
        assertResponse(patch(path, Map.of("name", "patched")), 200,
                customer(uuid, "patched", group(group, "group", null, null, 1)));
        assertThat(delete(path).status()).isEqualTo(204);
        assertResponse(get(path), 404, detail(NOT_FOUND));
    }

    // ---- list

    @Test
    void listFiltersByNameAndOrdersByName() {
        String alpha = newCustomer("alpha one");
        String beta = newCustomer("beta");
        String alpha2 = newCustomer("ALPHA two");
        String percent = newCustomer("100% pure");
        String underscore = newCustomer("a_z");

        assertThat(uuids(get(CUSTOMERS + "?name=alpha"))).containsExactlyInAnyOrder(alpha, alpha2);
        assertThat(uuids(get(CUSTOMERS + "?name=%25"))).containsExactly(percent);
        assertThat(uuids(get(CUSTOMERS + "?name=_"))).containsExactly(underscore);
        assertThat(uuids(get(CUSTOMERS + "?name_exact=beta"))).containsExactly(beta);
        assertThat(uuids(get(CUSTOMERS + "?name_exact=Beta"))).isEmpty();
        assertThat(get(CUSTOMERS + "?name=").json()).hasSize(5);
        assertThat(uuids(get(CUSTOMERS + "?o=name&name=e"))).containsExactly(percent, alpha, beta);
        assertThat(uuids(get(CUSTOMERS + "?o=-name&name=e"))).containsExactly(beta, alpha, percent);
        assertThat(uuids(get(CUSTOMERS + "?o=name&o=-name&name=e"))).containsExactly(beta, alpha, percent);
        assertThat(uuids(get(CUSTOMERS + "?o=unknown&name=e"))).containsExactly(percent, alpha, beta);
        assertThat(uuids(get(CUSTOMERS + "?o=-customers_count&name=e"))).containsExactly(percent, alpha, beta);
    }

    @Test
    void equalNamesAreOrderedByUuidAscendingInBothDirections() {
        List<String> same = new ArrayList<>(IntStream.range(0, 4).mapToObj(i -> newCustomer("same")).toList());
        same.sort(Comparator.naturalOrder());

        assertThat(uuids(get(CUSTOMERS + "?o=name"))).isEqualTo(same);
        assertThat(uuids(get(CUSTOMERS + "?o=-name"))).isEqualTo(same);
    }

    @Test
    void organizationGroupUuidFilterIsRepeatableAndMeansMemberOfAny() {
        String first = newGroup("first");
        String second = newGroup("second");
        String child = newGroup("child", first);
        String inFirst = newCustomer("a");
        String inSecond = newCustomer("b");
        String inBoth = newCustomer("c");
        String inChild = newCustomer("d");
        newCustomer("e");
        setGroups(inFirst, first);
        setGroups(inSecond, second);
        setGroups(inBoth, first, second);
        setGroups(inChild, child);

        // direct members only, as groups count them
        assertThat(uuids(get(CUSTOMERS + "?organization_group_uuid=" + first))).containsExactly(inFirst, inBoth);
        Response either = get(CUSTOMERS + "?organization_group_uuid=" + first + "&organization_group_uuid="
                + dashedUpper(second));
        assertThat(uuids(either)).containsExactly(inFirst, inSecond, inBoth);
        assertThat(either.header("X-Result-Count")).isEqualTo("3");
        assertThat(uuids(get(CUSTOMERS + "?organization_group_uuid=&organization_group_uuid=" + child)))
                .containsExactly(inChild);
        assertThat(uuids(get(CUSTOMERS + "?organization_group_uuid=" + unknownUuid()))).isEmpty();
        assertThat(get(CUSTOMERS + "?organization_group_uuid=").json()).hasSize(5);
        assertResponse(get(CUSTOMERS + "?organization_group_uuid=" + first + "&organization_group_uuid=nope"), 400,
                fieldErrors("organization_group_uuid", "Enter a valid UUID."));
    }

    @Test
    void organizationGroupNameFilterIsACaseInsensitiveSubstring() {
        String research = newGroup("Research Dept");
        String lab = newGroup("research lab");
        String sales = newGroup("Sales");
        String inResearch = newCustomer("a");
        String inBothResearch = newCustomer("b");
        String inSales = newCustomer("c");
        setGroups(inResearch, research);
        setGroups(inBothResearch, research, lab, sales);
        setGroups(inSales, sales);

        Response filtered = get(CUSTOMERS + "?organization_group_name=RESEARCH");
        assertThat(uuids(filtered)).containsExactly(inResearch, inBothResearch);
        assertThat(filtered.header("X-Result-Count")).isEqualTo("2");
        assertThat(uuids(get(CUSTOMERS + "?organization_group_name=ales"))).containsExactly(inBothResearch, inSales);
        assertThat(uuids(get(CUSTOMERS + "?organization_group_name=%25"))).isEmpty();
    }

    @Test
    void listIsPagedLikeGroups() {
        List<String> customers = IntStream.rangeClosed(1, 12).mapToObj(i -> newCustomer(String.format("c%02d", i)))
                .toList();

        Response first = get(CUSTOMERS);
        assertThat(uuids(first)).isEqualTo(customers.subList(0, 10));
        assertThat(first.header("X-Result-Count")).isEqualTo("12");
        assertThat(first.header("Link")).isEqualTo(String.join(", ", customerLink("", "first"),
                customerLink("?page=2", "next"), customerLink("?page=2", "last")));
        Response last = get(CUSTOMERS + "?page=last&name=c");
        assertThat(uuids(last)).isEqualTo(customers.subList(10, 12));
        assertThat(last.header("Link")).isEqualTo(String.join(", ", customerLink("?name=c", "first"),
                customerLink("?name=c", "prev"), customerLink("?name=c&page=2", "last")));
        assertThat(uuids(get(CUSTOMERS + "?page_size=5&page=3"))).isEqualTo(customers.subList(10, 12));
        assertThat(get(CUSTOMERS + "?page_size=0").json()).hasSize(10);
        assertResponse(get(CUSTOMERS + "?page=3"), 404, detail("Invalid page."));
        assertResponse(get(CUSTOMERS + "?page=0"), 404, detail("Invalid page."));
        assertResponse(get(CUSTOMERS + "?page=x"), 404, detail("Invalid page."));
        assertResponse(get(CUSTOMERS + "?name=nobody"), 200, array());

        Response head = call("HEAD", CUSTOMERS, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("X-Result-Count")).isEqualTo("12");
        assertThat(head.header("Link")).isEqualTo(first.header("Link"));
    }

    // ---- create, update, delete

    @Test
    void putAndPatchChangeTheNameOnly() {
        String group = newGroup("group");
        String customer = newCustomer("acme");
        setGroups(customer, group);

        assertResponse(put(customerPath(customer), Map.of("name", " renamed ", FIELD, List.of())), 200,
                customer(customer, "renamed", group(group, "group", null, null, 1)));
        assertResponse(patch(customerPath(customer), Map.of("uuid", unknownUuid(), "url", "x")), 200,
                customer(customer, "renamed", group(group, "group", null, null, 1)));
        assertResponse(patch(customerPath(customer), Map.of("name", "patched")), 200,
                customer(customer, "patched", group(group, "group", null, null, 1)));
        assertResponse(get(customerPath(customer)), 200,
                customer(customer, "patched", group(group, "group", null, null, 1)));
    }

    @Test
    void renameThatChangesNothingRecordsNoEvent() {
        String customer = newCustomer("acme");
        long events = events();

        assertResponse(put(customerPath(customer), Map.of("name", "acme")), 200, customer(customer, "acme"));
        assertResponse(patch(customerPath(customer), Map.of("name", " acme ")), 200, customer(customer, "acme"));
        assertResponse(patch(customerPath(customer), Map.of()), 200, customer(customer, "acme"));
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void nameErrorsAreThoseOfGroups() {
        String customer = newCustomer("acme");
        String before = state();

        assertResponse(post(CUSTOMERS, Map.of()), 400, fieldErrors("name", REQUIRED));
        assertResponse(put(customerPath(customer), Map.of()), 400, fieldErrors("name", REQUIRED));
        Map<String, String> errors = Map.of("\"\"", "This field may not be blank.",
                "\"   \"", "This field may not be blank.",
                "null", "This field may not be null.",
                "true", "Not a valid string.",
                "[]", "Not a valid string.",
                "\"" + "x".repeat(151) + "\"", "Ensure this field has no more than 150 characters.");
        errors.forEach((value, message) -> {
            String body = "{\"name\": " + value + "}";
            assertResponse(call("POST", CUSTOMERS, adminToken(), body), 400, fieldErrors("name", message));
            assertResponse(call("PUT", customerPath(customer), adminToken(), body), 400, fieldErrors("name", message));
            assertResponse(call("PATCH", customerPath(customer), adminToken(), body), 400, fieldErrors("name", message));
        });
        assertResponse(call("POST", CUSTOMERS, adminToken(), "[]"), 400,
                fieldErrors("non_field_errors", "Invalid data. Expected a dictionary, but got list."));
        assertThat(call("POST", CUSTOMERS, adminToken(), "{").status()).isEqualTo(400);
        assertThat(state()).isEqualTo(before);
        assertThat(post(CUSTOMERS, Map.of("name", 42)).json().path("name").asText()).isEqualTo("42");
    }

    @Test
    void deletingACustomerEndsItsMemberships() {
        String first = newGroup("first");
        String second = newGroup("second");
        String customer = newCustomer("acme");
        String stays = newCustomer("stays");
        setGroups(customer, first, second);
        setGroups(stays, first);

        Response deleted = delete(customerPath(customer));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertResponse(get(customerPath(customer)), 404, detail(NOT_FOUND));
        assertResponse(get(CUSTOMERS), 200, array(customer(stays, "stays", group(first, "first", null, null, 1))));
        assertResponse(get(groupPath(second)), 200, group(second, "second", null, null, 0));
        assertThat(events("CustomerLeftGroup")).isEqualTo(2);
        assertThat(events("CustomerDeleted")).isEqualTo(1);
        assertResponse(delete(customerPath(customer)), 404, detail(NOT_FOUND));
        assertResponse(setGroupsTo(customer, List.of()), 404, detail(NOT_FOUND));
    }

    @Test
    void unknownOrMalformedCustomerIsNotFound() {
        for (String uuid : List.of(unknownUuid(), "not-a-uuid", unknownUuid().substring(2))) {
            assertResponse(get(customerPath(uuid)), 404, detail(NOT_FOUND));
            assertResponse(put(customerPath(uuid), Map.of("name", "x")), 404, detail(NOT_FOUND));
            assertResponse(patch(customerPath(uuid), Map.of("name", "")), 404, detail(NOT_FOUND));
            assertResponse(delete(customerPath(uuid)), 404, detail(NOT_FOUND));
            assertResponse(setGroupsTo(uuid, List.of()), 404, detail(NOT_FOUND));
            // DRF looks the customer up before it validates the body
            assertResponse(setGroupsTo(uuid, "not a list"), 404, detail(NOT_FOUND));
            assertThat(call("HEAD", customerPath(uuid), null, null).status()).isEqualTo(404);
        }
        assertThat(events()).isZero();
    }

    // ---- update_organization_groups

    @Test
    void updateOrganizationGroupsReplacesTheWholeSet() {
        String a = newGroup("a");
        String b = newGroup("b");
        String c = newGroup("c");
        String customer = newCustomer("acme");

        Response answer = setGroupsTo(customer, List.of(groupUrl(a), groupPath(b)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertResponse(get(customerPath(customer)), 200, customer(customer, "acme",
                group(a, "a", null, null, 1), group(b, "b", null, null, 1)));

        assertThat(setGroupsTo(customer, List.of(b, dashedUpper(c))).status()).isEqualTo(200);
        assertResponse(get(customerPath(customer)), 200, customer(customer, "acme",
                group(b, "b", null, null, 1), group(c, "c", null, null, 1)));
        assertResponse(get(groupPath(a)), 200, group(a, "a", null, null, 0));

        assertThat(setGroupsTo(customer, List.of(groupUrl(c), c, c.toUpperCase(), groupPath(dashedUpper(c))))
                .status()).isEqualTo(200);
        assertResponse(get(customerPath(customer)), 200, customer(customer, "acme", group(c, "c", null, null, 1)));
        assertResponse(get(groupPath(c)), 200, group(c, "c", null, null, 1));

        assertThat(setGroupsTo(customer, List.of()).status()).isEqualTo(200);
        assertResponse(get(customerPath(customer)), 200, customer(customer, "acme"));
        assertResponse(get(GROUPS), 200, array(group(a, "a", null, null, 0), group(b, "b", null, null, 0),
                group(c, "c", null, null, 0)));
    }

    @Test
    void sameSetAgainRecordsNoEvent() {
        String a = newGroup("a");
        String customer = newCustomer("acme");
        setGroups(customer, a);
        long events = events();

        assertThat(setGroupsTo(customer, List.of(a, groupUrl(a))).status()).isEqualTo(200);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void missingOrNullOrganizationGroupsIsRequired() {
        String a = newGroup("a");
        String customer = newCustomer("acme");
        setGroups(customer, a);
        String before = state();

        assertResponse(post(membershipPath(customer), Map.of()), 400, fieldErrors(FIELD, REQUIRED));
        assertResponse(post(membershipPath(customer), Map.of("groups", List.of())), 400, fieldErrors(FIELD, REQUIRED));
        assertResponse(setGroupsTo(customer, null), 400, fieldErrors(FIELD, REQUIRED));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void organizationGroupsThatIsNotAListIsRefusedNamingItsType() {
        String customer = newCustomer("acme");
        String before = state();
        Map<String, String> types = Map.of("\"x\"", "str", "\"\"", "str", "{}", "dict", "1", "int", "1.5", "float",
                "true", "bool");

        types.forEach((value, type) -> assertResponse(
                call("POST", membershipPath(customer), adminToken(), "{\"" + FIELD + "\": " + value + "}"), 400,
                fieldErrors(FIELD, "Expected a list of items but got type \"" + type + "\".")));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void badItemsAreRefusedAndNothingChanges() {
        String a = newGroup("a");
        String gone = newGroup("gone");
        delete(groupPath(gone));
        String customer = newCustomer("acme");
        setGroups(customer, a);
        String before = state();

        Map<Object, String> items = new LinkedHashMap<>();
        items.put(1, "Incorrect type. Expected URL string, received int.");
        items.put(true, "Incorrect type. Expected URL string, received bool.");
        items.put(List.of(), "Incorrect type. Expected URL string, received list.");
        items.put(Map.of(), "Incorrect type. Expected URL string, received dict.");
        items.put("", NO_URL_MATCH);
        items.put("foo", NO_URL_MATCH);
        items.put(customerPath(customer), INCORRECT_URL_MATCH);
        items.put(baseUrl() + GROUPS, INCORRECT_URL_MATCH);
        items.put(groupUrl(unknownUuid()), OBJECT_DOES_NOT_EXIST);
        items.put(groupUrl(gone), OBJECT_DOES_NOT_EXIST);
        items.put(gone, OBJECT_DOES_NOT_EXIST);
        items.forEach((item, message) -> {
            List<Object> list = new ArrayList<>();
            list.add(groupUrl(a));
            list.add(item);
            assertResponse(setGroupsTo(customer, list), 400, fieldErrors(FIELD, message));
        });
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertResponse(setGroupsTo(customer, withNull), 400,
                fieldErrors(FIELD, "Incorrect type. Expected URL string, received NoneType."));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void joinRacingTheDeleteOfTheGroupNeverLeavesAMemberOfADeletedGroup() throws Exception {
        List<String> customers = IntStream.range(0, 6).mapToObj(i -> newCustomer("c" + i)).toList();
        for (int round = 0; round < 3; round++) {
            String group = newGroup("doomed " + round);
            List<Callable<Response>> writes = new ArrayList<>();
            writes.add(() -> delete(groupPath(group)));
            customers.forEach(c -> writes.add(() -> setGroupsTo(c, List.of(groupUrl(group)))));

            List<Response> answers = concurrently(writes);

            assertThat(answers.get(0).status()).isEqualTo(204);
            for (Response join : answers.subList(1, answers.size())) {
                if (join.status() != 200) {
                    assertResponse(join, 400, fieldErrors(FIELD, OBJECT_DOES_NOT_EXIST));
                }
            }
            for (String c : customers) {
                assertResponse(get(customerPath(c)), 200, customer(c, get(customerPath(c)).json().path("name").asText()));
            }
            UUID deleted = UUID.fromString(group.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
            assertThat(jdbc.queryForObject("select count(*) from customer_group_view where group_id = ?", Long.class,
                    deleted)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from group_member where group_id = ?", Long.class,
                    deleted)).isZero();
        }
    }

    // ---- who may do what

    @Test
    void nonStaffCallerIsForbiddenBeforeTheCustomerIsLookedUp() {
        String a = newGroup("a");
        String customer = newCustomer("acme");
        String token = nonStaffToken();
        String before = state();

        for (String uuid : List.of(customer, unknownUuid(), "not-a-uuid")) {
            assertResponse(call("POST", membershipPath(uuid), token, json(Map.of(FIELD, List.of(groupUrl(a))))), 403,
                    detail(PERMISSION_DENIED));
            assertResponse(call("POST", membershipPath(uuid), token, "{}"), 403, detail(PERMISSION_DENIED));
            Response anonymous = call("POST", membershipPath(uuid), null, json(Map.of(FIELD, List.of())));
            assertResponse(anonymous, 401, detail(NOT_AUTHENTICATED));
            assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Token");
        }
        assertResponse(call("POST", CUSTOMERS, token, json(Map.of("name", "x"))), 403, detail(PERMISSION_DENIED));
        assertResponse(call("PATCH", customerPath(customer), token, json(Map.of("name", "x"))), 403,
                detail(PERMISSION_DENIED));
        assertResponse(call("DELETE", customerPath(customer), token, null), 403, detail(PERMISSION_DENIED));
        assertResponse(call("GET", customerPath(customer), token, null), 200, customer(customer, "acme"));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anonymousMayReadButNotWriteCustomers() {
        String customer = newCustomer("acme");
        String before = state();

        assertResponse(call("GET", CUSTOMERS, null, null), 200, array(customer(customer, "acme")));
        assertResponse(call("GET", customerPath(customer), null, null), 200, customer(customer, "acme"));
        for (Response response : List.of(call("POST", CUSTOMERS, null, json(Map.of("name", "x"))),
                call("PUT", customerPath(customer), null, json(Map.of("name", "x"))),
                call("PATCH", customerPath(customer), null, json(Map.of("name", "x"))),
                call("DELETE", customerPath(customer), null, null))) {
            assertResponse(response, 401, detail(NOT_AUTHENTICATED));
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
        }
        assertResponse(call("GET", CUSTOMERS, "not-a-token", null), 401, detail(INVALID_TOKEN));
        assertResponse(call("GET", customerPath(customer), "not-a-token", null), 401, detail(INVALID_TOKEN));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void otherMethodsAreNotAllowed() {
        String customer = newCustomer("acme");
        String before = state();

        Response onList = call("PATCH", CUSTOMERS, adminToken(), json(Map.of("name", "x")));
        assertResponse(onList, 405, detail("Method \"PATCH\" not allowed."));
        assertThat(onList.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        Response onDetail = call("POST", customerPath(customer), adminToken(), json(Map.of("name", "x")));
        assertResponse(onDetail, 405, detail("Method \"POST\" not allowed."));
        assertThat(onDetail.header("Allow")).isEqualTo("GET, PUT, PATCH, DELETE, HEAD, OPTIONS");
        Response onAction = call("GET", membershipPath(customer), null, null);
        assertResponse(onAction, 405, detail("Method \"GET\" not allowed."));
        assertThat(onAction.header("Allow")).isEqualTo("POST, OPTIONS");
        assertThat(state()).isEqualTo(before);
    }

    /** A PATCH that renames nothing stores nothing, so a deleted customer is 404 for it, as for a read. */
    @Test
    void patchWithoutANameOfADeletedCustomerIs404() {
        String customer = newCustomer("Gone");
        String link = "/api/customers/" + customer + "/";
        assertThat(delete(link).status()).isEqualTo(204);
        Response answer = patch(link, Map.of());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("detail").asText()).isEqualTo("Not found.");
    }
}
