package org.orggroups.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * The group reports, checked against counts computed here, independently, from a scripted tree: creates,
 * a move of a subtree, joins (a customer in several groups of one subtree), a leave and a cascaded delete.
 */
class GroupReportIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";
    private static final String REPORT = "/api/reports/organization-groups/";

    /** The model: each live group's name and parent, and the customers of each group. */
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, String> customers = new HashMap<>();

    @Test
    void reportsMatchCountsComputedFromTheScriptedTree() {
        String r1 = createGroup("Root one", null);
        String a = createGroup("Alpha", r1);
        String b = createGroup("Beta", a);
        String c = createGroup("Gamma", r1);
        String r2 = createGroup("Root two", null);
        String d = createGroup("Delta_%", r2);
        for (String name : List.of("c1", "c2", "c3", "c4", "c5")) {
            customers.put(name, post("/api/customers/", Map.of("name", name)).json().get("uuid").asText());
        }
        setGroups("c1", a, b);
        setGroups("c2", b);
        setGroups("c3", c);
        setGroups("c4", r1);
        setGroups("c5", d, b);
        assertReportsMatchModel();

        // Move Alpha (with Beta) under Root two: c1 and c5 now counted once in Root two; c5 also via Delta.
        assertThat(patch(GROUPS + a + "/", Map.of("parent", baseUrl() + GROUPS + r2 + "/")).status()).isEqualTo(200);
        parents.put(a, r2);
        setGroups("c2");
        assertReportsMatchModel();
        JsonNode beta = stats(b);
        assertThat(beta.get("path")).isEqualTo(JSON.valueToTree(List.of("Root two", "Alpha", "Beta")));
        assertThat(beta.get("depth").asInt()).isEqualTo(2);

        // Cascaded delete of Alpha: Beta goes too, with the memberships of c1 and c5 in them.
        assertThat(delete(GROUPS + a + "/").status()).isEqualTo(204);
        forget(b);
        forget(a);
        assertReportsMatchModel();
        assertThat(call("GET", GROUPS + b + "/stats/", null, null).status()).isEqualTo(404);
        assertThat(call("GET", GROUPS + a + "/stats/", null, null).body()).isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(call("GET", GROUPS + "not-a-uuid/stats/", null, null).status()).isEqualTo(404);

        // Stats are readable anonymously, with exact fields and the position headers.
        Response stats = call("GET", GROUPS + r2 + "/stats/", null, null);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body()).isEqualTo("{\"uuid\":\"" + r2 + "\",\"name\":\"Root two\",\"customers_count\":0,"
                + "\"subtree_customers_count\":1,\"descendants_count\":1,\"depth\":0,\"path\":[\"Root two\"]}");
        assertThat(stats.header("X-Event-Position")).isEqualTo(Long.toString(head()));
        assertThat(stats.header("X-Projection-Lag")).isEqualTo("0");

        // The list: default order by name, ordering, filters, paging, CSV.
        Response list = report("");
        assertThat(list.header("X-Result-Count")).isEqualTo("4");
        assertThat(list.header("X-Event-Position")).isEqualTo(Long.toString(head()));
        assertThat(list.header("X-Projection-Lag")).isEqualTo("0");
        assertThat(uuids(list.json())).containsExactly(d, c, r1, r2);
        assertThat(uuids(report("?o=-subtree_customers_count,name").json())).containsExactly(r1, d, c, r2);
        assertThat(uuids(report("?o=depth,-name").json())).containsExactly(r2, r1, c, d);
        assertThat(uuids(report("?parent=" + r1).json())).containsExactly(c);
        assertThat(uuids(report("?name=a_%25").json())).containsExactly(d);
        assertThat(uuids(report("?name=ROOT").json())).containsExactly(r1, r2);
        assertThat(report("?parent=nope").body()).isEqualTo("{\"parent\":[\"Enter a valid UUID.\"]}");
        Response page = report("?page_size=3&page=2");
        assertThat(uuids(page.json())).containsExactly(r2);
        assertThat(page.header("Link")).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");

        Response csv = report("?format=csv&page_size=2&o=name");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("X-Result-Count")).isEqualTo("4");
        assertThat(csv.header("X-Event-Position")).isEqualTo(Long.toString(head()));
        assertThat(csv.body()).isEqualTo(
                "uuid,name,customers_count,subtree_customers_count,descendants_count,depth,path\r\n"
                        + d + ",Delta_%,1,1,0,1,Root two / Delta_%\r\n"
                        + c + ",Gamma,1,1,0,1,Root one / Gamma\r\n");
    }

    @Test
    void membershipOverTimeGivesTheCountsAtTheEndOfEachInterval() {
        String root = createGroup("Root", null);
        String child = createGroup("Child", root);
        customers.put("c1", post("/api/customers/", Map.of("name", "c1")).json().get("uuid").asText());
        customers.put("c2", post("/api/customers/", Map.of("name", "c2")).json().get("uuid").asText());
        setGroups("c1", root, child);
        setGroups("c2", child);
        assertReportsMatchModel();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Response days = report(root + "/membership/?from=" + today.minusDays(2) + "&to=" + today + "&interval=day");
        assertThat(days.status()).isEqualTo(200);
        assertThat(days.header("X-Event-Position")).isEqualTo(Long.toString(head()));
        assertThat(days.header("X-Projection-Lag")).isEqualTo("0");
        assertThat(days.body()).isEqualTo("["
                + point(today.minusDays(2), 0, 0) + "," + point(today.minusDays(1), 0, 0) + ","
                + point(today, 1, 2) + "]");
        Response child2 = report(child + "/membership/?from=" + today + "&to=" + today);
        assertThat(child2.body()).isEqualTo("[" + point(today, 2, 2) + "]");

        LocalDate monthStart = today.withDayOfMonth(1);
        Response months = report(root + "/membership/?from=" + monthStart.minusMonths(1) + "&to=" + today
                + "&interval=month");
        assertThat(months.body()).isEqualTo("[" + point(monthStart.minusDays(1), 0, 0) + "," + point(today, 1, 2) + "]");
        Response weeks = report(root + "/membership/?from=" + today + "&to=" + today.plusDays(7) + "&interval=week");
        assertThat(weeks.json().size()).isBetween(1, 2);
        assertThat(weeks.json().get(weeks.json().size() - 1).get("date").asText()).isEqualTo(today.plusDays(7).toString());

        assertThat(report(root + "/membership/?from=2026-02-30&interval=year").body()).isEqualTo(
                "{\"from\":[\"Date has wrong format. Use one of these formats instead: YYYY-MM-DD.\"],"
                        + "\"interval\":[\"\\\"year\\\" is not a valid choice.\"]}");
        assertThat(report(root + "/membership/?from=2026-02-02&to=2026-02-01").body())
                .isEqualTo("{\"to\":[\"Ensure this date is not before \\\"from\\\".\"]}");
        assertThat(report(java.util.UUID.randomUUID() + "/membership/").status()).isEqualTo(404);
        Response anonymous = call("GET", REPORT + root + "/membership/", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(call("GET", REPORT, null, null).status()).isEqualTo(401);
    }

    private static String point(LocalDate date, long direct, long subtree) {
        return "{\"date\":\"" + date + "\",\"customers_count\":" + direct + ",\"subtree_customers_count\":" + subtree
                + "}";
    }

    /** Waits for the report to reflect every stored event, then compares every live group with the model. */
    private void assertReportsMatchModel() {
        long head = head();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> report("").header("X-Event-Position"), position -> Long.toString(head).equals(position));
        Response all = report("?page_size=300");
        assertThat(all.header("X-Result-Count")).isEqualTo(Integer.toString(names.size()));
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        all.json().forEach(row -> rows.put(row.get("uuid").asText(), row));
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(names.keySet());
        for (String group : names.keySet()) {
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("uuid", group);
            expected.put("name", names.get(group));
            expected.put("customers_count", members.getOrDefault(group, Set.of()).size());
            Set<String> subtreeCustomers = new HashSet<>();
            int descendants = 0;
            for (String other : names.keySet()) {
                if (ancestry(other).contains(group)) {
                    subtreeCustomers.addAll(members.getOrDefault(other, Set.of()));
                    descendants += other.equals(group) ? 0 : 1;
                }
            }
            expected.put("subtree_customers_count", subtreeCustomers.size());
            expected.put("descendants_count", descendants);
            List<String> path = new ArrayList<>(ancestry(group).stream().map(names::get).toList());
            java.util.Collections.reverse(path);
            expected.put("depth", path.size() - 1);
            expected.put("path", path);
            assertThat(rows.get(group)).as("report row of %s", names.get(group)).isEqualTo(JSON.valueToTree(expected));
            assertThat(call("GET", GROUPS + group + "/stats/", null, null).json())
                    .as("stats of %s", names.get(group)).isEqualTo(JSON.valueToTree(expected));
        }
    }

    /** @return the group and its ancestors, nearest first */
    private List<String> ancestry(String group) {
        List<String> chain = new ArrayList<>();
        for (String g = group; g != null; g = parents.get(g)) {
            chain.add(g);
        }
        return chain;
    }

    private String createGroup(String name, String parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("parent", parent == null ? null : baseUrl() + GROUPS + parent + "/");
        Response created = post(GROUPS, body);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("uuid").asText();
        names.put(id, name);
        if (parent != null) {
            parents.put(id, parent);
        }
        return id;
    }

    /** Replaces the customer's groups, in the service and in the model. */
    private void setGroups(String customer, String... groups) {
        List<String> urls = new ArrayList<>();
        for (String group : groups) {
            urls.add(baseUrl() + GROUPS + group + "/");
        }
        assertThat(post("/api/customers/" + customers.get(customer) + "/update_organization_groups/",
                Map.of("organization_groups", urls)).status()).isEqualTo(200);
        members.values().forEach(set -> set.remove(customer));
        for (String group : groups) {
            members.computeIfAbsent(group, g -> new HashSet<>()).add(customer);
        }
    }

    private void forget(String group) {
        names.remove(group);
        parents.remove(group);
        members.remove(group);
    }

    private JsonNode stats(String group) {
        return call("GET", GROUPS + group + "/stats/", null, null).json();
    }

    private Response report(String pathAndQuery) {
        return call("GET", REPORT + pathAndQuery, adminToken(), null);
    }

    private long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private static List<String> uuids(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get("uuid").asText()));
        return values;
    }

}
