package org.orggroups.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.GroupId;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit history of API.md section 6, checked against the exact sequence of changes each test makes:
 * comments, users, the resource's fields after each change, ids, order, paging, time windows, {@code at}.
 */
class HistoryIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "history-password";
    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";
    private static final List<String> VERSION_KEYS =
            List.of("id", "revision_date", "revision_user", "revision_comment", "serialized_data");
    private static final List<String> ROOT_KEYS = List.of("uuid", "url", "name", "parent", "customers_count");
    private static final List<String> CHILD_KEYS =
            List.of("uuid", "url", "name", "parent_uuid", "parent_name", "parent", "customers_count");

    @Autowired
    private CommandGateway commands;

    private String editor;
    private String editorToken;
    private String editorUuid;

    @BeforeEach
    void anEditorWithAFullName() {
        editor = "historian-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = post("/api/users/", Map.of("username", editor, "password", PASSWORD,
                "full_name", "Hanna Historian", "is_staff", true));
        assertThat(created.status()).isEqualTo(201);
        editorUuid = created.json().get("uuid").asText();
        editorToken = login(editor, PASSWORD);
    }

    @Test
    void groupHistoryListsEveryChangeOfTheGroupNewestFirstWithItsStateAfterEach() {
        String root = group("Nordic", null);
        String child = group("Finland", root);
        edit("PATCH", groupPath(child), Map.of("name", "Suomi"));
        edit("PATCH", groupPath(child), mapOf("parent", null));
        edit("PATCH", groupPath(child), Map.of("parent", groupUrl(root)));
        edit("PATCH", groupPath(root), Map.of("name", "Nordics"));
        edit("PATCH", groupPath(child), Map.of("name", "Suomi")); // changes nothing: no version
        assertThat(call("DELETE", groupPath(root), editorToken, null).status()).isEqualTo(204);

        Response response = staffGet(groupPath(child) + "history/?page_size=50");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Result-Count")).isEqualTo("5");
        JsonNode versions = response.json();
        assertThat(comments(versions)).containsExactly(
                "Deleted with its parent \"Nordics\"",
                "Moved from the top level to \"Nordic\"",
                "Moved from \"Nordic\" to the top level",
                "Renamed from \"Finland\" to \"Suomi\"",
                "Created \"Finland\" under \"Nordic\"");
        assertIdsDecreaseAndDatesAreRendered(versions);
        for (JsonNode version : versions) {
            assertThat(keys(version)).containsExactlyElementsOf(VERSION_KEYS);
            JsonNode user = version.get("revision_user");
            assertThat(keys(user)).containsExactly("uuid", "username", "full_name");
            assertThat(user.get("uuid").asText()).isEqualTo(editorUuid.replace("-", ""));
            assertThat(user.get("username").asText()).isEqualTo(editor);
            assertThat(user.get("full_name").asText()).isEqualTo("Hanna Historian");
        }
        // the fields right after each change, as the live resource renders them, the parent's name of that time
        assertGroupData(versions.get(4), child, "Finland", root, "Nordic");
        assertGroupData(versions.get(3), child, "Suomi", root, "Nordic");
        assertGroupData(versions.get(2), child, "Suomi", null, null);
        assertGroupData(versions.get(1), child, "Suomi", root, "Nordic");
        assertGroupData(versions.get(0), child, "Suomi", root, "Nordics");

        assertThat(comments(staffGet(groupPath(root) + "history/").json())).containsExactly(
                "Deleted", "Renamed from \"Nordic\" to \"Nordics\"", "Created \"Nordic\"");
        assertGroupData(staffGet(groupPath(root) + "history/").json().get(2), root, "Nordic", null, null);
    }

    @Test
    void aCascadeNamesTheGroupWhoseDeleteCausedIt() {
        String top = group("Top", null);
        String middle = group("Middle", top);
        String leaf = group("Leaf", middle);
        assertThat(call("DELETE", groupPath(top), editorToken, null).status()).isEqualTo(204);

        assertThat(comments(staffGet(groupPath(leaf) + "history/").json()))
                .containsExactly("Deleted with its ancestor \"Top\"", "Created \"Leaf\" under \"Middle\"");
        assertThat(comments(staffGet(groupPath(middle) + "history/").json()).get(0))
                .isEqualTo("Deleted with its parent \"Top\"");
    }

    @Test
    void historyPagesLikeEveryListAndFiltersByExclusiveTimeWindows() {
        String id = group("v1", null);
        for (int i = 2; i <= 5; i++) {
            edit("PATCH", groupPath(id), Map.of("name", "v" + i));
        }
        JsonNode all = staffGet(groupPath(id) + "history/").json();
        assertThat(all).hasSize(5);

        Response second = staffGet(groupPath(id) + "history/?page_size=2&page=2");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("X-Result-Count")).isEqualTo("5");
        assertThat(second.header("Link")).isEqualTo(String.join(", ",
                "<" + baseUrl() + groupPath(id) + "history/?page_size=2>; rel=\"first\"",
                "<" + baseUrl() + groupPath(id) + "history/?page_size=2>; rel=\"prev\"",
                "<" + baseUrl() + groupPath(id) + "history/?page=3&page_size=2>; rel=\"next\"",
                "<" + baseUrl() + groupPath(id) + "history/?page=3&page_size=2>; rel=\"last\""));
        assertThat(comments(second.json())).containsExactly(
                "Renamed from \"v2\" to \"v3\"", "Renamed from \"v1\" to \"v2\"");
        assertThat(staffGet(groupPath(id) + "history/?page=4&page_size=2").status()).isEqualTo(404);

        String newest = all.get(0).get("revision_date").asText();
        String oldest = all.get(4).get("revision_date").asText();
        JsonNode window = staffGet(groupPath(id) + "history/?created_after=" + oldest + "&created_before=" + newest).json();
        assertThat(comments(window)).containsExactly("Renamed from \"v3\" to \"v4\"",
                "Renamed from \"v2\" to \"v3\"", "Renamed from \"v1\" to \"v2\"");
        // without an offset it is UTC; an equivalent offset means the same instant
        String noOffset = newest.substring(0, newest.length() - 1);
        assertThat(staffGet(groupPath(id) + "history/?created_before=" + noOffset).json()).hasSize(4);
        assertThat(staffGet(groupPath(id) + "history/?created_after=" + shiftToPlusOne(oldest)).json()).hasSize(4);

        Response bad = staffGet(groupPath(id) + "history/?created_before=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"created_before\":\"Invalid timestamp format.\"}");
        assertThat(staffGet(groupPath(id) + "history/?created_after=2026-13-01").body())
                .isEqualTo("{\"created_after\":\"Invalid timestamp format.\"}");
    }

    @Test
    void historyAtGivesTheLatestVersionAtOrBeforeTheTimestamp() {
        String id = group("Before", null);
        edit("PATCH", groupPath(id), Map.of("name", "After"));
        JsonNode all = staffGet(groupPath(id) + "history/").json();
        String created = all.get(1).get("revision_date").asText();
        String renamed = all.get(0).get("revision_date").asText();

        Response atCreation = staffGet(groupPath(id) + "history/at/?timestamp=" + created);
        assertThat(atCreation.status()).isEqualTo(200);
        JsonNode version = atCreation.json();
        assertThat(keys(version)).containsExactly("id", "revision_date", "revision_user", "revision_comment",
                "serialized_data", "queried_at");
        assertThat(version.get("id").asLong()).isEqualTo(all.get(1).get("id").asLong());
        assertThat(version.get("serialized_data").get("name").asText()).isEqualTo("Before");
        assertThat(version.get("queried_at").asText()).isEqualTo(created);

        JsonNode justBeforeRename = staffGet(groupPath(id) + "history/at/?timestamp="
                + java.time.Instant.parse(renamed).minusNanos(1000)).json();
        assertThat(justBeforeRename.get("revision_comment").asText()).isEqualTo("Created \"Before\"");
        assertThat(staffGet(groupPath(id) + "history/at/?timestamp=" + renamed).json()
                .get("revision_comment").asText()).isEqualTo("Renamed from \"Before\" to \"After\"");

        Response tooEarly = staffGet(groupPath(id) + "history/at/?timestamp=2000-01-01T00:00:00");
        assertThat(tooEarly.status()).isEqualTo(404);
        assertThat(tooEarly.body()).isEqualTo("{\"detail\":\"No version found before the specified timestamp.\"}");
        assertThat(staffGet(groupPath(id) + "history/at/").body())
                .isEqualTo("{\"timestamp\":\"This parameter is required.\"}");
        assertThat(staffGet(groupPath(id) + "history/at/?timestamp=soon").body())
                .isEqualTo("{\"timestamp\":\"Invalid timestamp format.\"}");
    }

    @Test
    void unknownResourcesHaveNoHistory() {
        String unknown = UUID.randomUUID().toString().replace("-", "");
        for (String path : List.of("/api/organization-groups/" + unknown + "/history/",
                "/api/organization-groups/" + unknown + "/history/at/?timestamp=2030-01-01",
                "/api/customers/" + unknown + "/history/", "/api/organization-groups/not-a-uuid/history/")) {
            Response response = staffGet(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("{\"detail\":\"Not found.\"}");
        }
        String customer = customer("Not a group");
        assertThat(staffGet("/api/organization-groups/" + customer + "/history/").status()).isEqualTo(404);
    }

    @Test
    void historyIsForStaffOnly() {
        String id = group("Private", null);
        String customer = customer("Private customer");
        String username = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/users/", Map.of("username", username, "password", PASSWORD, "full_name", "Reader",
                "is_staff", false)).status()).isEqualTo(201);
        String reader = login(username, PASSWORD);
        for (String path : List.of(groupPath(id) + "history/", groupPath(id) + "history/at/?timestamp=2030-01-01",
                "/api/customers/" + customer + "/history/")) {
            assertThat(call("GET", path, null, null).status()).as(path).isEqualTo(401);
            assertThat(call("GET", path, reader, null).status()).as(path).isEqualTo(403);
            assertThat(call("GET", path, adminToken(), null).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void customerHistoryIncludesMembershipChangesWithTheGroupsOfThatTime() {
        String a = group("A", null);
        String b = group("B", null);
        String customer = customer("Acme");
        memberships(customer, a);
        memberships(customer, a, b);
        edit("PATCH", "/api/customers/" + customer + "/", Map.of("name", "Acme Corp"));
        edit("PATCH", groupPath(a), Map.of("name", "A2"));
        memberships(customer, b);
        memberships(customer, b); // changes nothing: no version
        assertThat(call("DELETE", groupPath(b), editorToken, null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/api/customers/" + customer + "/", editorToken, null).status()).isEqualTo(204);

        JsonNode versions = staffGet("/api/customers/" + customer + "/history/").json();

        assertThat(comments(versions)).containsExactly(
                "Deleted",
                "Left \"B\" (group deleted)",
                "Left \"A2\"",
                "Renamed from \"Acme\" to \"Acme Corp\"",
                "Joined \"B\"",
                "Joined \"A\"",
                "Created \"Acme\"");
        assertIdsDecreaseAndDatesAreRendered(versions);
        assertThat(versions.get(0).get("revision_user").get("username").asText()).isEqualTo(editor);
        List<String> names = new ArrayList<>();
        for (JsonNode version : versions) {
            JsonNode data = version.get("serialized_data");
            assertThat(keys(data)).containsExactly("uuid", "url", "name", "organization_groups");
            assertThat(data.get("url").asText()).isEqualTo(baseUrl() + "/api/customers/" + customer + "/");
            names.add(data.get("name").asText() + groupNamesAndCounts(data.get("organization_groups")));
        }
        assertThat(names).containsExactly(
                "Acme Corp[]",
                "Acme Corp[]",
                "Acme Corp[B:1]",
                "Acme Corp[A:1, B:1]",
                "Acme[A:1, B:1]",
                "Acme[A:1]",
                "Acme[]");
        JsonNode group = versions.get(4).get("serialized_data").get("organization_groups").get(0);
        assertThat(keys(group)).containsExactlyElementsOf(ROOT_KEYS);
        assertThat(group.get("url").asText()).isEqualTo(groupUrl(a));

        JsonNode at = staffGet("/api/customers/" + customer + "/history/at/?timestamp="
                + versions.get(3).get("revision_date").asText()).json();
        assertThat(at.get("revision_comment").asText()).isEqualTo("Renamed from \"Acme\" to \"Acme Corp\"");
    }

    @Test
    void settingACustomersGroupsFromTwoToNoneIsOneVersionAsWaldurRecordsOneRevisionPerRequest() {
        String a = group("A", null);
        String b = group("B", null);
        String customer = customer("Acme");
        memberships(customer, a, b);
        memberships(customer);

        Response response = staffGet("/api/customers/" + customer + "/history/");

        assertThat(response.header("X-Result-Count")).isEqualTo("3");
        JsonNode versions = response.json();
        assertThat(parts(versions.get(0))).containsExactlyInAnyOrder("Left \"A\"", "Left \"B\"");
        assertThat(parts(versions.get(1))).containsExactlyInAnyOrder("Joined \"A\"", "Joined \"B\"");
        assertThat(versions.get(2).get("revision_comment").asText()).isEqualTo("Created \"Acme\"");
        assertIdsDecreaseAndDatesAreRendered(versions);
        assertThat(versions.get(0).get("serialized_data").get("organization_groups")).isEmpty();
        assertThat(versions.get(1).get("serialized_data").get("organization_groups")).hasSize(2);
        // the version is the request's last event, and the request's events share one instant
        List<Map<String, Object>> events = jdbc.queryForList("select global_index, time_stamp from domain_event_entry"
                + " where aggregate_identifier = ? order by global_index", dashed(customer));
        assertThat(events).hasSize(5);
        assertThat(versions.get(0).get("id").asLong()).isEqualTo(((Number) events.get(4).get("global_index")).longValue());
        assertThat(versions.get(1).get("id").asLong()).isEqualTo(((Number) events.get(2).get("global_index")).longValue());
        assertThat(events.get(3).get("time_stamp")).isEqualTo(events.get(4).get("time_stamp"));
        assertThat(events.get(1).get("time_stamp")).isEqualTo(events.get(2).get("time_stamp"));

        // no moment shows half of a request: just before it, the version before; at it, the whole request
        String left = versions.get(0).get("revision_date").asText();
        assertThat(parts(staffGet("/api/customers/" + customer + "/history/at/?timestamp="
                + java.time.Instant.parse(left).minusNanos(1000)).json())).allMatch(part -> part.startsWith("Joined"));
        assertThat(staffGet("/api/customers/" + customer + "/history/at/?timestamp=" + left).json().get("id").asLong())
                .isEqualTo(versions.get(0).get("id").asLong());
        // a window holds a version whole or not at all
        assertThat(staffGet("/api/customers/" + customer + "/history/?created_before=" + left).json()).hasSize(2);
    }

    @Test
    void aPatchThatRenamesAndMovesIsOneVersionAndAsOfNeverShowsHalfOfIt() {
        String root = group("Nordic", null);
        String child = group("Finland", root);
        edit("PATCH", groupPath(child), mapOf("name", "Suomi", "parent", null));

        JsonNode versions = staffGet(groupPath(child) + "history/").json();

        assertThat(comments(versions)).containsExactly(
                "Renamed from \"Finland\" to \"Suomi\"; Moved from \"Nordic\" to the top level",
                "Created \"Finland\" under \"Nordic\"");
        assertGroupData(versions.get(0), child, "Suomi", null, null);
        String patched = versions.get(0).get("revision_date").asText();
        JsonNode before = get(groupPath(child) + "?as_of=" + java.time.Instant.parse(patched).minusNanos(1000)).json();
        assertThat(before.get("name").asText()).isEqualTo("Finland");
        assertThat(before.get("parent_uuid").asText()).isEqualTo(root);
        JsonNode at = get(groupPath(child) + "?as_of=" + patched).json();
        assertThat(at.get("name").asText()).isEqualTo("Suomi");
        assertThat(at.get("parent").isNull()).isTrue();
    }

    @Test
    void deletingACustomerWithItsMembershipsIsOneVersion() {
        String a = group("A", null);
        String b = group("B", null);
        String customer = customer("Acme");
        memberships(customer, a, b);
        assertThat(call("DELETE", "/api/customers/" + customer + "/", editorToken, null).status()).isEqualTo(204);

        JsonNode versions = staffGet("/api/customers/" + customer + "/history/").json();

        assertThat(versions).hasSize(3);
        assertThat(parts(versions.get(0))).containsExactlyInAnyOrder("Left \"A\"", "Left \"B\"", "Deleted");
        assertThat(parts(versions.get(0)).get(2)).isEqualTo("Deleted");
        assertThat(versions.get(0).get("revision_user").get("username").asText()).isEqualTo(editor);
    }

    @Test
    void aSubtreeDeleteIsOneVersionOfEachCustomerItTakesOutOfGroups() {
        String parent = group("Parent", null);
        String child = group("Child", parent);
        String customer = customer("Acme");
        memberships(customer, parent, child);
        assertThat(call("DELETE", groupPath(parent), editorToken, null).status()).isEqualTo(204);

        JsonNode versions = staffGet("/api/customers/" + customer + "/history/").json();

        assertThat(versions).hasSize(3);
        assertThat(parts(versions.get(0))).containsExactlyInAnyOrder(
                "Left \"Parent\" (group deleted)", "Left \"Child\" (group deleted)");
        assertThat(comments(staffGet(groupPath(child) + "history/").json()).get(0))
                .isEqualTo("Deleted with its parent \"Parent\"");
    }

    @Test
    void anOfferingCreatedWithItsPlansIsOneVersionOfTheOffering() {
        String customer = customer("Provider");
        Response created = call("POST", "/api/marketplace-provider-offerings/", editorToken, json(Map.of(
                "name", "Compute", "customer", baseUrl() + "/api/customers/" + customer + "/",
                "plans", List.of(Map.of("name", "Small"), Map.of("name", "Large")))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String offering = created.json().get("uuid").asText();

        JsonNode versions = staffGet("/api/marketplace-provider-offerings/" + offering + "/history/").json();

        assertThat(versions).hasSize(1);
        assertThat(parts(versions.get(0))).containsExactlyInAnyOrder(
                "Created \"Compute\"", "Added plan \"Small\"", "Added plan \"Large\"");
        assertThat(parts(versions.get(0)).get(0)).isEqualTo("Created \"Compute\"");
        assertThat(versions.get(0).get("serialized_data").get("plans")).hasSize(2);
        String plan = created.json().get("plans").get(0).get("uuid").asText();
        assertThat(comments(staffGet("/api/marketplace-plans/" + plan + "/history/").json())).hasSize(1);
    }

    @Test
    void eventsRecordedWithoutARequestIdAreAVersionEach() {
        String a = group("A", null);
        String b = group("B", null);
        String customer = customer("Acme");
        // as the operator's tools record them, and as every event was recorded before requests had their own id
        commands.sendAndWait(new UpdateCustomerGroups(new CustomerId(UUID.fromString(dashed(customer))),
                Set.of(new GroupId(UUID.fromString(dashed(a))), new GroupId(UUID.fromString(dashed(b))))));

        JsonNode versions = staffGet("/api/customers/" + customer + "/history/").json();

        assertThat(comments(versions)).hasSize(3);
        assertThat(comments(versions).subList(0, 2)).containsExactlyInAnyOrder("Joined \"A\"", "Joined \"B\"");
        assertThat(versions.get(0).get("revision_user").isNull()).isTrue();
    }

    /** @return the words of each event of a version, in the order they were recorded */
    private static List<String> parts(JsonNode version) {
        return List.of(version.get("revision_comment").asText().split("; "));
    }

    private static String dashed(String hex) {
        return hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
    }

    private void assertGroupData(JsonNode version, String id, String name, String parent, String parentName) {
        JsonNode data = version.get("serialized_data");
        assertThat(keys(data)).containsExactlyElementsOf(parent == null ? ROOT_KEYS : CHILD_KEYS);
        assertThat(data.get("uuid").asText()).isEqualTo(id);
        assertThat(data.get("url").asText()).isEqualTo(groupUrl(id));
        assertThat(data.get("name").asText()).isEqualTo(name);
        if (parent == null) {
            assertThat(data.get("parent").isNull()).isTrue();
        } else {
            assertThat(data.get("parent_uuid").asText()).isEqualTo(parent);
            assertThat(data.get("parent_name").asText()).isEqualTo(parentName);
            assertThat(data.get("parent").asText()).isEqualTo(groupUrl(parent));
        }
        assertThat(data.get("customers_count").asLong()).isZero();
    }

    private static void assertIdsDecreaseAndDatesAreRendered(JsonNode versions) {
        long previousId = Long.MAX_VALUE;
        String previousDate = "9999";
        for (JsonNode version : versions) {
            assertThat(version.get("id").asLong()).isLessThan(previousId);
            previousId = version.get("id").asLong();
            String date = version.get("revision_date").asText();
            assertThat(date).matches(DATE);
            assertThat(date).isLessThanOrEqualTo(previousDate);
            previousDate = date;
        }
    }

    private static String groupNamesAndCounts(JsonNode groups) {
        List<String> parts = new ArrayList<>();
        groups.forEach(g -> parts.add(g.get("name").asText() + ":" + g.get("customers_count").asLong()));
        return parts.toString();
    }

    private static List<String> comments(JsonNode versions) {
        List<String> comments = new ArrayList<>();
        versions.forEach(v -> comments.add(v.get("revision_comment").asText()));
        return comments;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    private static String shiftToPlusOne(String utc) {
        return java.time.Instant.parse(utc).atOffset(java.time.ZoneOffset.ofHours(1)).toString().replace("+", "%2B");
    }

    private Response staffGet(String path) {
        return call("GET", path, adminToken(), null);
    }

    private String group(String name, String parent) {
        Response response = call("POST", "/api/organization-groups/", editorToken,
                json(mapOf("name", name, "parent", parent == null ? null : groupUrl(parent))));
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("uuid").asText();
    }

    private String customer(String name) {
        Response response = call("POST", "/api/customers/", editorToken, json(Map.of("name", name)));
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("uuid").asText();
    }

    private void memberships(String customer, String... groups) {
        Response response = call("POST", "/api/customers/" + customer + "/update_organization_groups/", editorToken,
                json(Map.of("organization_groups", java.util.Arrays.stream(groups).map(this::groupUrl).toList())));
        assertThat(response.status()).isEqualTo(200);
    }

    private void edit(String method, String path, Map<String, Object> body) {
        Response response = call(method, path, editorToken, json(body));
        assertThat(response.status()).as(method + " " + path + " " + response.body()).isEqualTo(200);
    }

    private static Map<String, Object> mapOf(String k1, Object v1) {
        Map<String, Object> map = new HashMap<>();
        map.put(k1, v1);
        return map;
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = mapOf(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static String groupPath(String id) {
        return "/api/organization-groups/" + id + "/";
    }

    private String groupUrl(String id) {
        return baseUrl() + groupPath(id);
    }
}
