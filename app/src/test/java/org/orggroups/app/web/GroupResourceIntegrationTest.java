package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * One organization group over HTTP (API.md sections 1, 3 and 5): its shape and links, the paths and uuid
 * forms accepted, create, read, replace, partial update, ETag and If-Match, delete with its cascade, and who
 * may do what.
 */
class GroupResourceIntegrationTest extends WebIntegrationTest {

    // ---- shape, links and headers

    @Test
    void createdRootHasNullParentNoParentKeysAndLocationAndEtag() {
        Response created = post(GROUPS, Map.of("name", "Root"));

        String uuid = created.json().path("uuid").asText();
        assertThat(uuid).matches(HEX_UUID);
        assertResponse(created, 201, group(uuid, "Root", null, null, 0));
        assertThat(created.json().has("parent_uuid")).isFalse();
        assertThat(created.json().has("parent_name")).isFalse();
        assertThat(created.header("Location")).isEqualTo(baseUrl() + GROUPS + uuid + "/");
        assertThat(created.header("ETag")).matches("\"\\d+\"");
        assertThat(created.header("Content-Type")).startsWith("application/json");

        Response read = get(groupPath(uuid));
        assertResponse(read, 200, group(uuid, "Root", null, null, 0));
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
    }

    @Test
    void childNamesItsParentByUuidNameAndUrl() {
        String root = newGroup("Parent Name");

        Response created = post(GROUPS, Map.of("name", "Child", "parent", groupUrl(root)));

        String child = created.json().path("uuid").asText();
        assertResponse(created, 201, group(child, "Child", root, "Parent Name", 0));
        assertThat(created.header("Location")).isEqualTo(groupUrl(child));
        assertResponse(get(groupPath(child)), 200, group(child, "Child", root, "Parent Name", 0));
    }

    @Test
    void childShowsTheCurrentNameOfItsParent() {
        String root = newGroup("Before");
        String child = newGroup("Child", root);

        patch(groupPath(root), Map.of("name", "After"));

        assertResponse(get(groupPath(child)), 200, group(child, "Child", root, "After", 0));
    }

    @Test
    void nonAsciiNamesRoundTripAsUtf8() {
        String name = "Ünïcødé 組織 \uD83D\uDE00";
        Response created = post(GROUPS, Map.of("name", name));
        String uuid = created.json().path("uuid").asText();

        assertResponse(created, 201, group(uuid, name, null, null, 0));
        assertResponse(get(groupPath(uuid)), 200, group(uuid, name, null, null, 0));
        assertThat(get(GROUPS + "?name_exact=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).json())
                .hasSize(1);
    }

    @Test
    void linksAreBuiltFromTheHostTheClientUsed() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);
        String other = "http://127.0.0.1:" + port;

        Response read = get(other + groupPath(child));

        assertResponse(read, 200, group(other, child, "Child", root, "Root", 0));
    }

    @Test
    void linksHonourForwardedProtoHostAndPort() {
        String root = newGroup("Root");
        String proxy = "https://api.example.org:8443";
        String[] forwarded = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.org",
                "X-Forwarded-Port", "8443"};

        Response created = call("POST", GROUPS, adminToken(), json(Map.of("name", "Child", "parent", groupUrl(root))),
                forwarded);
        String child = created.json().path("uuid").asText();

        assertResponse(created, 201, group(proxy, child, "Child", root, "Root", 0));
        assertThat(created.header("Location")).isEqualTo(proxy + groupPath(child));
        assertResponse(call("GET", groupPath(child), null, null, forwarded), 200,
                group(proxy, child, "Child", root, "Root", 0));
        Response list = call("GET", GROUPS + "?o=name", null, null, forwarded);
        assertResponse(list, 200, array(group(proxy, child, "Child", root, "Root", 0),
                group(proxy, root, "Root", null, null, 0)));
        assertThat(list.header("Link")).isEqualTo("<" + proxy + GROUPS + "?o=name>; rel=\"first\", <" + proxy + GROUPS
                + "?o=name>; rel=\"last\"");
    }

    @Test
    void forwardedHostWithoutPortGivesTheSchemesDefaultPort() {
        String uuid = newGroup("Root");

        Response read = call("GET", groupPath(uuid), null, null,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "groups.example.org");

        assertResponse(read, 200, group("https://groups.example.org", uuid, "Root", null, null, 0));
    }

    @Test
    void headOfAGroupGivesItsHeadersAndNoBody() {
        String uuid = newGroup("Root");
        Response read = get(groupPath(uuid));

        Response head = call("HEAD", groupPath(uuid), null, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("ETag")).isEqualTo(read.header("ETag"));
        assertThat(call("HEAD", groupPath(unknownUuid()), null, null).status()).isEqualTo(404);
    }

    // ---- paths and uuid forms

    @Test
    void everyPathWorksWithoutItsTrailingSlash() {
        Response created = post("/api/organization-groups", Map.of("name", "Root"));
        String uuid = created.json().path("uuid").asText();
        assertResponse(created, 201, group(uuid, "Root", null, null, 0));
        String path = "/api/organization-groups/" + uuid;

        assertResponse(get("/api/organization-groups"), 200, array(group(uuid, "Root", null, null, 0)));
        assertResponse(get(path), 200, group(uuid, "Root", null, null, 0));
        assertResponse(put(path, Map.of("name", "Put")), 200, group(uuid, "Put", null, null, 0));
        assertResponse(patch(path, Map.of("name", "Patched")), 200, group(uuid, "Patched", null, null, 0));
        assertThat(delete(path).status()).isEqualTo(204);
        assertResponse(get(path), 404, detail(NOT_FOUND));
    }

    @Test
    void uuidsInPathsAreAcceptedDashedUndashedAndInAnyCase() {
        String uuid = newGroup("Root");
        JsonNode expected = group(uuid, "Root", null, null, 0);

        assertResponse(get(groupPath(uuid.toUpperCase())), 200, expected);
        assertResponse(get(groupPath(dashedUpper(uuid))), 200, expected);
        assertResponse(get(groupPath(dashedUpper(uuid).toLowerCase())), 200, expected);
        assertResponse(patch(groupPath(dashedUpper(uuid)), Map.of("name", "Renamed")), 200,
                group(uuid, "Renamed", null, null, 0));
        assertThat(delete(groupPath(uuid.toUpperCase())).status()).isEqualTo(204);
    }

    @Test
    void malformedUuidInAPathIsNotFound() {
        String root = newGroup("Root");
        String before = state();

        for (String bad : List.of("not-a-uuid", root.substring(1), root + "0", root.replace(root.charAt(0), 'g'))) {
            String path = groupPath(bad);
            assertResponse(get(path), 404, detail(NOT_FOUND));
            assertResponse(put(path, Map.of("name", "x")), 404, detail(NOT_FOUND));
            assertResponse(patch(path, Map.of("name", "x")), 404, detail(NOT_FOUND));
            assertResponse(delete(path), 404, detail(NOT_FOUND));
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void unknownGroupIsNotFoundForEveryMethod() {
        String path = groupPath(unknownUuid());

        assertResponse(get(path), 404, detail(NOT_FOUND));
        assertResponse(put(path, Map.of("name", "x")), 404, detail(NOT_FOUND));
        assertResponse(patch(path, Map.of("name", "x")), 404, detail(NOT_FOUND));
        assertResponse(delete(path), 404, detail(NOT_FOUND));
        // DRF looks the object up before it validates the body
        assertResponse(patch(path, Map.of("name", "")), 404, detail(NOT_FOUND));
        assertResponse(put(path, Map.of()), 404, detail(NOT_FOUND));
        assertThat(events()).isZero();
    }

    // ---- customers_count

    @Test
    void customersCountIsRightInEveryResponse() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);
        String first = newCustomer("First");
        String second = newCustomer("Second");
        setGroups(first, root);
        setGroups(second, root, child);

        assertResponse(get(groupPath(root)), 200, group(root, "Root", null, null, 2));
        // direct members only: the members of a descendant do not count
        assertResponse(get(groupPath(child)), 200, group(child, "Child", root, "Root", 1));
        assertResponse(patch(groupPath(root), Map.of("name", "Renamed")), 200, group(root, "Renamed", null, null, 2));
        assertResponse(put(groupPath(child), Map.of("name", "Kid")), 200, group(child, "Kid", root, "Renamed", 1));
        assertResponse(get(GROUPS), 200, array(group(child, "Kid", root, "Renamed", 1),
                group(root, "Renamed", null, null, 2)));
        Response underRoot = post(GROUPS, Map.of("name", "New", "parent", groupUrl(root)));
        assertResponse(underRoot, 201, group(underRoot.json().path("uuid").asText(), "New", root, "Renamed", 0));

        setGroups(second, child);
        assertResponse(get(groupPath(root)), 200, group(root, "Renamed", null, null, 1));
        assertThat(delete(customerPath(first)).status()).isEqualTo(204);
        assertResponse(get(groupPath(root)), 200, group(root, "Renamed", null, null, 0));
        assertResponse(get(groupPath(child)), 200, group(child, "Kid", root, "Renamed", 1));
        setGroups(second);
        assertResponse(get(groupPath(child)), 200, group(child, "Kid", root, "Renamed", 0));
    }

    // ---- PUT and PATCH

    @Test
    void putReplacesTheNameAndKeepsTheParentWhenParentIsAbsent() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);

        assertResponse(put(groupPath(child), Map.of("name", "Renamed")), 200,
                group(child, "Renamed", root, "Root", 0));
        assertResponse(get(groupPath(child)), 200, group(child, "Renamed", root, "Root", 0));
    }

    @Test
    void putWithExplicitNullParentMakesARoot() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);

        assertResponse(put(groupPath(child), fields("name", "Child", "parent", null)), 200,
                group(child, "Child", null, null, 0));
        assertResponse(get(groupPath(child)), 200, group(child, "Child", null, null, 0));
    }

    @Test
    void putMovesUnderTheGivenParent() {
        String first = newGroup("First");
        String second = newGroup("Second");
        String child = newGroup("Child", first);

        assertResponse(put(groupPath(child), Map.of("name", "Child", "parent", groupUrl(second))), 200,
                group(child, "Child", second, "Second", 0));
    }

    @Test
    void putWithoutNameIsRefusedAndChangesNothing() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);
        String before = state();

        assertResponse(put(groupPath(child), fields("parent", null)), 400, fieldErrors("name", REQUIRED));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void patchChangesOnlyTheKeysSent() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);

        assertResponse(patch(groupPath(child), Map.of("name", "Renamed")), 200,
                group(child, "Renamed", root, "Root", 0));
        assertResponse(patch(groupPath(child), fields("parent", null)), 200, group(child, "Renamed", null, null, 0));
        assertResponse(patch(groupPath(child), Map.of("parent", groupPath(root))), 200,
                group(child, "Renamed", root, "Root", 0));
        assertResponse(patch(groupPath(child), Map.of("parent", "")), 200, group(child, "Renamed", null, null, 0));
        assertResponse(patch(groupPath(child), Map.of()), 200, group(child, "Renamed", null, null, 0));
    }

    @Test
    void updateThatChangesNothingSucceedsAndRecordsNoEvent() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);
        long events = events();
        String etag = get(groupPath(child)).header("ETag");

        assertResponse(patch(groupPath(child), Map.of("name", "Child")), 200, group(child, "Child", root, "Root", 0));
        assertResponse(patch(groupPath(child), Map.of("name", "  Child  ")), 200, group(child, "Child", root, "Root", 0));
        assertResponse(patch(groupPath(child), Map.of("parent", groupUrl(root))), 200,
                group(child, "Child", root, "Root", 0));
        assertResponse(put(groupPath(child), Map.of("name", "Child", "parent", root)), 200,
                group(child, "Child", root, "Root", 0));
        assertResponse(put(groupPath(child), Map.of("name", "Child")), 200, group(child, "Child", root, "Root", 0));
        Response empty = patch(groupPath(child), Map.of());
        assertResponse(empty, 200, group(child, "Child", root, "Root", 0));

        assertThat(events()).isEqualTo(events);
        assertThat(empty.header("ETag")).isEqualTo(etag);
    }

    @Test
    void renameAndMoveInOneRequestAreBothApplied() {
        String first = newGroup("First");
        String second = newGroup("Second");
        String child = newGroup("Child", first);

        assertResponse(patch(groupPath(child), Map.of("name", "Moved", "parent", groupUrl(second))), 200,
                group(child, "Moved", second, "Second", 0));
        assertThat(events("GroupRenamed")).isEqualTo(1);
        assertThat(events("GroupReparented")).isEqualTo(1);
    }

    @Test
    void parentUnderOwnDescendantIsRefusedAndChangesNothing() {
        String top = newGroup("Top");
        String middle = newGroup("Middle", top);
        String bottom = newGroup("Bottom", middle);
        String before = state();

        assertResponse(patch(groupPath(top), Map.of("parent", groupUrl(bottom))), 400,
                fieldErrors("parent", "Organization group cannot be moved under its own descendant."));
        assertResponse(put(groupPath(top), Map.of("name", "Top", "parent", groupUrl(middle))), 400,
                fieldErrors("parent", "Organization group cannot be moved under its own descendant."));
        assertResponse(patch(groupPath(middle), Map.of("name", "Renamed", "parent", bottom)), 400,
                fieldErrors("parent", "Organization group cannot be moved under its own descendant."));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void groupCannotBeItsOwnParent() {
        String root = newGroup("Root");
        String child = newGroup("Child", root);
        String before = state();

        assertResponse(patch(groupPath(child), Map.of("parent", groupUrl(child))), 400,
                fieldErrors("parent", "Organization group cannot be parent of itself."));
        assertResponse(put(groupPath(root), Map.of("name", "Root", "parent", dashedUpper(root))), 400,
                fieldErrors("parent", "Organization group cannot be parent of itself."));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void moveUnderAnUnknownOrDeletedGroupIsRefused() {
        String root = newGroup("Root");
        String gone = newGroup("Gone");
        assertThat(delete(groupPath(gone)).status()).isEqualTo(204);
        String before = state();

        assertResponse(patch(groupPath(root), Map.of("parent", groupUrl(gone))), 400,
                fieldErrors("parent", OBJECT_DOES_NOT_EXIST));
        assertResponse(patch(groupPath(root), Map.of("parent", groupUrl(unknownUuid()))), 400,
                fieldErrors("parent", OBJECT_DOES_NOT_EXIST));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void readOnlyAndUnknownKeysAreIgnoredOnUpdate() {
        String root = newGroup("Root");
        String other = newGroup("Other");
        String child = newGroup("Child", root);

        Response patched = patch(groupPath(child), fields("parent_uuid", other, "parent_name", "Other",
                "uuid", unknownUuid(), "url", groupUrl(other), "customers_count", 7, "colour", "blue"));

        assertResponse(patched, 200, group(child, "Child", root, "Root", 0));
        assertResponse(get(groupPath(child)), 200, group(child, "Child", root, "Root", 0));
    }

    // ---- ETag and If-Match

    @Test
    void etagChangesWithNameAndParentOnlyNotWithMembership() {
        String first = newGroup("First");
        String second = newGroup("Second");
        Response created = post(GROUPS, Map.of("name", "Group", "parent", groupUrl(first)));
        String uuid = created.json().path("uuid").asText();
        String created0 = created.header("ETag");
        String customer = newCustomer("Member");

        setGroups(customer, uuid);
        assertThat(get(groupPath(uuid)).header("ETag")).isEqualTo(created0);

        Response renamed = patch(groupPath(uuid), Map.of("name", "Renamed"));
        assertThat(renamed.header("ETag")).isNotEqualTo(created0).isEqualTo(get(groupPath(uuid)).header("ETag"));

        Response moved = patch(groupPath(uuid), Map.of("parent", groupUrl(second)));
        assertThat(moved.header("ETag")).isNotIn(created0, renamed.header("ETag"))
                .isEqualTo(get(groupPath(uuid)).header("ETag"));

        setGroups(customer);
        assertThat(get(groupPath(uuid)).header("ETag")).isEqualTo(moved.header("ETag"));
        // renaming the parent changes what the group shows, but not the group itself
        patch(groupPath(second), Map.of("name", "Second renamed"));
        assertThat(get(groupPath(uuid)).header("ETag")).isEqualTo(moved.header("ETag"));
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        String root = newGroup("Root");
        String uuid = newGroup("Group");
        newGroup("Child", uuid);
        String stale = get(groupPath(uuid)).header("ETag");
        patch(groupPath(uuid), Map.of("name", "Renamed"));
        String before = state();

        assertResponse(call("PATCH", groupPath(uuid), adminToken(), json(Map.of("name", "Lost")), "If-Match", stale),
                412, detail(CHANGED));
        assertResponse(call("PUT", groupPath(uuid), adminToken(),
                json(Map.of("name", "Lost", "parent", groupUrl(root))), "If-Match", stale), 412, detail(CHANGED));
        // even a request that would change nothing is refused: the client's view is out of date
        assertResponse(call("PATCH", groupPath(uuid), adminToken(), json(Map.of()), "If-Match", stale),
                412, detail(CHANGED));
        assertResponse(call("DELETE", groupPath(uuid), adminToken(), null, "If-Match", stale), 412, detail(CHANGED));
        assertResponse(call("PATCH", groupPath(uuid), adminToken(), json(Map.of("name", "Lost")),
                "If-Match", "W/" + get(groupPath(uuid)).header("ETag")), 412, detail(CHANGED));
        assertResponse(call("PATCH", groupPath(uuid), adminToken(), json(Map.of("name", "Lost")),
                "If-Match", "\"not-a-version\""), 412, detail(CHANGED));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void ofConcurrentWritesWithTheSameEtagExactlyOneWins() throws Exception {
        String uuid = newGroup("Group");
        String etag = get(groupPath(uuid)).header("ETag");
        List<Callable<Response>> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "Writer " + i;
            writers.add(() -> call("PATCH", groupPath(uuid), adminToken(), json(Map.of("name", name)), "If-Match", etag));
        }

        List<Response> answers = concurrently(writers);

        List<Response> won = answers.stream().filter(r -> r.status() == 200).toList();
        assertThat(won).hasSize(1);
        answers.stream().filter(r -> r.status() != 200).forEach(r -> assertResponse(r, 412, detail(CHANGED)));
        assertResponse(get(groupPath(uuid)), 200, won.get(0).body());
        assertThat(events("GroupRenamed")).isEqualTo(1);
    }

    @Test
    void currentIfMatchIsAccepted() {
        String uuid = newGroup("Group");
        String current = get(groupPath(uuid)).header("ETag");

        Response renamed = call("PATCH", groupPath(uuid), adminToken(), json(Map.of("name", "Renamed")),
                "If-Match", current);
        assertResponse(renamed, 200, group(uuid, "Renamed", null, null, 0));

        Response replaced = call("PUT", groupPath(uuid), adminToken(), json(Map.of("name", "Replaced")),
                "If-Match", "\"999999\", " + renamed.header("ETag"));
        assertResponse(replaced, 200, group(uuid, "Replaced", null, null, 0));

        assertResponse(call("PATCH", groupPath(uuid), adminToken(), json(Map.of("name", "Any")), "If-Match", "*"),
                200, group(uuid, "Any", null, null, 0));

        Response deleted = call("DELETE", groupPath(uuid), adminToken(), null, "If-Match",
                get(groupPath(uuid)).header("ETag"));
        assertThat(deleted.status()).isEqualTo(204);
        assertResponse(get(groupPath(uuid)), 404, detail(NOT_FOUND));
    }

    // ---- delete

    @Test
    void deleteRemovesTheWholeSubtreeAndKeepsTheCustomers() {
        String top = newGroup("Top");
        String middle = newGroup("Middle", top);
        String bottom = newGroup("Bottom", middle);
        String side = newGroup("Side", top);
        String other = newGroup("Other");
        String inTopAndOther = newCustomer("Alpha");
        String inBottom = newCustomer("Beta");
        setGroups(inTopAndOther, top, other);
        setGroups(inBottom, bottom);

        Response deleted = delete(groupPath(top));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        for (String gone : List.of(top, middle, bottom, side)) {
            assertResponse(get(groupPath(gone)), 404, detail(NOT_FOUND));
            assertResponse(patch(groupPath(gone), Map.of("name", "x")), 404, detail(NOT_FOUND));
            assertResponse(delete(groupPath(gone)), 404, detail(NOT_FOUND));
            assertResponse(get(GROUPS + "?parent=" + gone), 200, array());
        }
        assertResponse(get(GROUPS), 200, array(group(other, "Other", null, null, 1)));
        assertResponse(get(customerPath(inTopAndOther)), 200,
                customer(inTopAndOther, "Alpha", group(other, "Other", null, null, 1)));
        assertResponse(get(customerPath(inBottom)), 200, customer(inBottom, "Beta"));
        assertThat(events("GroupDeleted")).isEqualTo(4);
        assertThat(events("CustomerDeleted")).isZero();
    }

    @Test
    void everyDeletedGroupRecordsItsOwnDeletionNamingTheGroupWhoseDeleteCausedIt() throws Exception {
        String top = newGroup("Top");
        String middle = newGroup("Middle", top);
        String bottom = newGroup("Bottom", middle);

        delete(groupPath(top));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select aggregate_identifier, payload from domain_event_entry where payload_type like ?", "%.GroupDeleted");
        assertThat(rows).extracting(row -> row.get("aggregate_identifier").toString().replace("-", ""))
                .containsExactlyInAnyOrder(top, middle, bottom);
        for (Map<String, Object> row : rows) {
            JsonNode payload = JSON.readTree((byte[]) row.get("payload"));
            assertThat(payload.path("deletedBy").toString().replace("-", "")).contains(top);
        }
    }

    @Test
    void deletedGroupsUuidIsNeverReused() {
        String uuid = newGroup("Gone");
        delete(groupPath(uuid));

        assertResponse(put(groupPath(uuid), Map.of("name", "Back")), 404, detail(NOT_FOUND));
        Response again = post(GROUPS, Map.of("name", "Again", "uuid", uuid));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("uuid").asText()).isNotEqualTo(uuid);
        assertResponse(get(groupPath(uuid)), 404, detail(NOT_FOUND));
        assertResponse(post(GROUPS, Map.of("name", "Child", "parent", groupUrl(uuid))), 400,
                fieldErrors("parent", OBJECT_DOES_NOT_EXIST));
    }

    // ---- errors outside the resources

    @Test
    void unknownPathsAndRefusedUrlsAnswerInDrfShape() {
        String uuid = newGroup("Root");

        assertResponse(get(groupPath(uuid) + "unknown/"), 404, detail(NOT_FOUND));
        assertResponse(get("/api/organization-group/"), 404, detail(NOT_FOUND));
        assertResponse(get("/api/organization-groups//"), 400, detail("Malformed request."));
        assertResponse(get("//api/organization-groups/"), 400, detail("Malformed request."));
        assertResponse(get(GROUPS + ";jsessionid=1"), 400, detail("Malformed request."));
    }

    // ---- who may do what

    @Test
    void anonymousCallersMayReadGroups() {
        String uuid = newGroup("Root");

        assertResponse(call("GET", GROUPS, null, null), 200, array(group(uuid, "Root", null, null, 0)));
        assertResponse(call("GET", groupPath(uuid), null, null), 200, group(uuid, "Root", null, null, 0));
    }

    @Test
    void anonymousWritesAreRefusedWith401AndChangeNothing() {
        String uuid = newGroup("Root");
        String before = state();

        for (Response response : List.of(
                call("POST", GROUPS, null, json(Map.of("name", "x"))),
                call("PUT", groupPath(uuid), null, json(Map.of("name", "x"))),
                call("PATCH", groupPath(uuid), null, json(Map.of("name", "x"))),
                call("DELETE", groupPath(uuid), null, null))) {
            assertResponse(response, 401, detail(NOT_AUTHENTICATED));
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void badTokenIsRefusedEvenOnReads() {
        String uuid = newGroup("Root");

        for (String path : List.of(GROUPS, groupPath(uuid))) {
            Response response = call("GET", path, "0000000000000000000000000000000000000000", null);
            assertResponse(response, 401, detail(INVALID_TOKEN));
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
        }
    }

    @Test
    void nonStaffWritesAreForbiddenAndChangeNothing() {
        String uuid = newGroup("Root");
        String token = nonStaffToken();
        String before = state();

        assertResponse(call("GET", groupPath(uuid), token, null), 200, group(uuid, "Root", null, null, 0));
        assertResponse(call("POST", GROUPS, token, json(Map.of("name", "x"))), 403, detail(PERMISSION_DENIED));
        assertResponse(call("PUT", groupPath(uuid), token, json(Map.of("name", "x"))), 403, detail(PERMISSION_DENIED));
        assertResponse(call("PATCH", groupPath(uuid), token, json(Map.of("name", "x"))), 403,
                detail(PERMISSION_DENIED));
        assertResponse(call("DELETE", groupPath(uuid), token, null), 403, detail(PERMISSION_DENIED));
        assertThat(state()).isEqualTo(before);
    }
}
