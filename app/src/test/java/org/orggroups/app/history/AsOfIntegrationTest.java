package org.orggroups.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * The past as a query ({@code ?as_of=}): at instants between the steps of a scripted sequence of creates,
 * renames, moves, joins, leaves and deletes, every list (filters, ordering, paging) and every group answers
 * exactly what the present endpoints answered at that instant, headers included.
 */
class AsOfIntegrationTest extends IntegrationTest {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** What one request answered. */
    private record Answer(int status, String body, String count, String link, String etag) {
    }

    /** The answers to every probe at one instant. */
    private record Snapshot(String at, Map<String, Answer> answers) {
    }

    private final List<String> groups = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private String root;

    @Test
    void everyListAndGroupAnswersAsThePresentDidAtThatInstant() {
        String beforeAnything = MICROS.format(Instant.now());
        root = group("Consortium", null);
        snapshot();
        String north = group("North", root);
        String south = group("South", root);
        snapshot();
        String lab = group("Lab", north);
        snapshot();
        String c1 = customer("Alpha");
        memberships(c1, north, lab);
        snapshot();
        assertThat(patch(path(north), Map.of("name", "Northern")).status()).isEqualTo(200);
        snapshot();
        assertThat(patch(path(lab), Map.of("parent", url(south))).status()).isEqualTo(200);
        snapshot();
        String c2 = customer("Beta");
        memberships(c2, lab);
        snapshot();
        assertThat(patch(path(root), Map.of("name", "Consortium 2026")).status()).isEqualTo(200);
        snapshot();
        memberships(c1, lab);
        snapshot();
        assertThat(delete(path(south)).status()).isEqualTo(204);
        snapshot();
        group("Other", null);
        assertThat(delete("/api/customers/" + c2 + "/").status()).isEqualTo(204);
        snapshot();

        for (Snapshot snapshot : snapshots) {
            for (Map.Entry<String, Answer> probe : snapshot.answers().entrySet()) {
                String path = probe.getKey();
                Answer past = answer(path + (path.contains("?") ? "&" : "?") + "as_of=" + snapshot.at());
                assertThat(past).as(path + " as of " + snapshot.at()).isEqualTo(probe.getValue());
            }
        }

        Answer emptyList = answer("/api/organization-groups/?as_of=" + beforeAnything);
        assertThat(emptyList.status()).isEqualTo(200);
        assertThat(emptyList.body()).isEqualTo("[]");
        assertThat(emptyList.count()).isEqualTo("0");
        for (String id : groups) {
            assertThat(answer(path(id) + "?as_of=" + beforeAnything).status()).isEqualTo(404);
        }
    }

    @Test
    void aChangeIsVisibleFromTheInstantOfItsEvent() {
        String id = group("Old", null);
        assertThat(patch(path(id), Map.of("name", "New")).status()).isEqualTo(200);
        String renamedAt = get(path(id) + "history/").json().get(0).get("revision_date").asText();
        String microBefore = MICROS.format(Instant.parse(renamedAt).minusNanos(1000));

        assertThat(call("GET", path(id) + "?as_of=" + renamedAt, null, null).json().get("name").asText())
                .isEqualTo("New");
        assertThat(call("GET", path(id) + "?as_of=" + microBefore, null, null).json().get("name").asText())
                .isEqualTo("Old");
        String sameInstantWithOffset = Instant.parse(microBefore).atOffset(ZoneOffset.ofHours(2)).toString()
                .replace("+", "%2B");
        assertThat(call("GET", "/api/organization-groups/?as_of=" + sameInstantWithOffset, null, null)
                .json().get(0).get("name").asText()).isEqualTo("Old");
        String withoutOffset = microBefore.substring(0, microBefore.length() - 1);
        assertThat(call("GET", path(id) + "?as_of=" + withoutOffset, null, null).json().get("name").asText())
                .isEqualTo("Old");
    }

    @Test
    void aBadTimestampIsRefused() {
        String id = group("Any", null);
        // Years outside 1 to 9999 are malformed as in Waldur, whose date-times cannot hold them.
        for (String path : List.of("/api/organization-groups/?as_of=yesterday", path(id) + "?as_of=2026-02-30T00:00:00",
                "/api/organization-groups/?as_of=%2B10000-01-01T00:00:00Z", path(id) + "?as_of=0000-12-31T23:59:59Z",
                "/api/organization-groups/?as_of=%2B294277-01-01T00:00:00Z",
                "/api/organization-groups/?as_of=9999-12-31T23:59:59-01:00")) {
            Response response = call("GET", path, null, null);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).isEqualTo("{\"as_of\":[\"Invalid timestamp format.\"]}");
        }
    }

    /** The last instant the API accepts sees the present states, whose end is open. */
    @Test
    void theLastAcceptedInstantSeesThePresent() {
        String id = group("Present", null);
        for (String path : List.of("/api/organization-groups/?as_of=9999-12-31T23:59:59.999999Z",
                path(id) + "?as_of=9999-12-31")) {
            Response response = call("GET", path, null, null);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"Present\"");
        }
        assertThat(call("GET", path(id) + "?as_of=0001-01-01T00:00:00Z", null, null).status()).isEqualTo(404);
    }

    /** Records the present answers to every probe, and an instant after the last change and before the next. */
    private void snapshot() {
        String at = MICROS.format(Instant.now());
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String query : List.of("", "?name=o", "?name_exact=Northern", "?o=-customers_count,name",
                "?o=customers_count", "?page_size=2&page=2", "?page=last&page_size=2", "?parent=" + root,
                "?name=lab&o=-name")) {
            answers.put("/api/organization-groups/" + query, answer("/api/organization-groups/" + query));
        }
        for (String id : groups) {
            answers.put(path(id), answer(path(id)));
        }
        snapshots.add(new Snapshot(at, answers));
    }

    /** The answer, with the {@code as_of} parameter taken out of the {@code Link} URLs. */
    private Answer answer(String path) {
        Response response = call("GET", path, null, null);
        String link = response.header("Link");
        if (link != null) {
            link = link.replaceAll("as_of=[^&>]*&?", "").replace("?>", ">");
        }
        return new Answer(response.status(), response.body(), response.header("X-Result-Count"), link,
                response.header("ETag"));
    }

    private String group(String name, String parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("parent", parent == null ? null : url(parent));
        Response response = post("/api/organization-groups/", body);
        assertThat(response.status()).isEqualTo(201);
        String id = response.json().get("uuid").asText();
        groups.add(id);
        return id;
    }

    private String customer(String name) {
        Response response = post("/api/customers/", Map.of("name", name));
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("uuid").asText();
    }

    private void memberships(String customer, String... ids) {
        Response response = post("/api/customers/" + customer + "/update_organization_groups/",
                Map.of("organization_groups", Arrays.stream(ids).map(this::url).toList()));
        assertThat(response.status()).isEqualTo(200);
    }

    private static String path(String id) {
        return "/api/organization-groups/" + id + "/";
    }

    private String url(String id) {
        return baseUrl() + path(id);
    }

    @Override
    protected Response get(String path) {
        return call("GET", path, adminToken(), null);
    }
}
