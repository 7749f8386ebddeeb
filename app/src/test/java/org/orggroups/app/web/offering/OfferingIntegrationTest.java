package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The provider offering endpoints E1 to E5 over real HTTP (API.md section 12.3 and 12.4): bodies, headers, every row
 * of the table of 12.4, and the order of checks 401, 403, 404, 400.
 */
class OfferingIntegrationTest extends OfferingTestSupport {

    @Test
    void createAnswers201WithTheOfferingAsRetrieveRendersItAndItsLocation() {
        String provider = newCustomer("Provider");
        String unis = newGroup("Universities", null);
        String colleges = newGroup("Colleges", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "  GPU cluster ");
        body.put("customer", customerLink(provider));
        body.put("plans", List.of(Map.of("name", "Small"), Map.of("name", "Large", "unit_price", 3)));
        body.put("organization_groups", List.of(linkOfGroup(unis), linkOfGroup(colleges), linkOfGroup(unis)));
        body.put("category", "ignored");

        Response created = post(OFFERINGS, body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode offering = created.json();
        String uuid = offering.get("uuid").asText();
        assertThat(created.header("Location")).isEqualTo(offeringLink(uuid));
        List<String> keys = new ArrayList<>();
        offering.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("url", "uuid", "name", "customer", "customer_uuid", "customer_name", "plans",
                "shared", "organization_groups", "restricted", "include_descendant_groups");
        assertThat(offering.get("url").asText()).isEqualTo(offeringLink(uuid));
        assertThat(offering.get("name").asText()).isEqualTo("GPU cluster");
        assertThat(offering.get("customer").asText()).isEqualTo(customerLink(provider));
        assertThat(offering.get("customer_uuid").asText()).isEqualTo(provider);
        assertThat(offering.get("customer_name").asText()).isEqualTo("Provider");
        assertThat(offering.get("shared").asBoolean()).isTrue();
        assertThat(offering.get("restricted").asBoolean()).isTrue();
        assertThat(offering.get("include_descendant_groups").asBoolean()).isFalse();
        assertThat(names(offering.get("organization_groups"))).containsExactly("Colleges", "Universities");
        assertThat(offering.get("organization_groups").get(0))
                .isEqualTo(get("/api/organization-groups/" + colleges + "/").json());
        assertThat(names(offering.get("plans"))).containsExactly("Large", "Small");
        JsonNode plan = offering.get("plans").get(0);
        List<String> planKeys = new ArrayList<>();
        plan.fieldNames().forEachRemaining(planKeys::add);
        assertThat(planKeys).containsExactly("url", "uuid", "name", "organization_groups", "restricted",
                "include_descendant_groups");
        assertThat(plan.get("url").asText()).isEqualTo(planLink(plan.get("uuid").asText()));
        assertThat(plan.get("restricted").asBoolean()).isFalse();

        Response retrieved = call("GET", OFFERINGS + uuid + "/", adminToken(), null);
        assertThat(retrieved.status()).isEqualTo(200);
        assertThat(retrieved.json()).isEqualTo(offering);
    }

    @Test
    void createWithoutGroupsIsOpenAndSharedByDefault() {
        String provider = newCustomer("Provider");
        Response created = post(OFFERINGS, Map.of("name", "Storage", "customer", customerLink(provider)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("shared").asBoolean()).isTrue();
        assertThat(created.json().get("restricted").asBoolean()).isFalse();
        assertThat(created.json().get("organization_groups")).isEmpty();
        assertThat(created.json().get("plans")).isEmpty();
    }

    @Test
    void createReportsEveryFieldErrorAtOnce() {
        Response missing = post(OFFERINGS, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo(
                "{\"name\":[\"This field is required.\"],\"customer\":[\"This field is required.\"]}");

        String group = newGroup("G", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", " ");
        body.put("customer", linkOfGroup(group));
        body.put("shared", "maybe");
        body.put("plans", List.of(Map.of("name", "Basic"), Map.of()));
        body.put("organization_groups", "all");
        body.put("include_descendant_groups", 7);
        Response all = post(OFFERINGS, body);
        assertThat(all.status()).isEqualTo(400);
        assertThat(all.body()).isEqualTo("{\"name\":[\"This field may not be blank.\"],"
                + "\"customer\":[\"Invalid hyperlink - Incorrect URL match.\"],"
                + "\"shared\":[\"Must be a valid boolean.\"],"
                + "\"plans\":[{},{\"name\":[\"This field is required.\"]}],"
                + "\"organization_groups\":[\"Expected a list of items but got type \\\"str\\\".\"],"
                + "\"include_descendant_groups\":[\"Must be a valid boolean.\"]}");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like '%Offering%'",
                Long.class)).isZero();
    }

    @Test
    void createFollowsTheParentLinkRulesForTheCustomer() {
        String deleted = newCustomer("Gone");
        assertThat(delete("/api/customers/" + deleted + "/").status()).isEqualTo(204);
        Map<Object, String> cases = new LinkedHashMap<>();
        cases.put(customerLink(deleted), "Invalid hyperlink - Object does not exist.");
        cases.put(baseUrl() + "/api/customers/not-a-uuid/", "Invalid hyperlink - Object does not exist.");
        cases.put(baseUrl() + "/api/nowhere/", "Invalid hyperlink - No URL match.");
        cases.put(baseUrl() + PUBLIC, "Invalid hyperlink - Incorrect URL match.");
        cases.put("", "This field may not be null.");
        cases.put(5, "Incorrect type. Expected URL string, received int.");
        cases.forEach((customer, message) -> {
            Map<String, Object> body = new HashMap<>();
            body.put("name", "X");
            body.put("customer", customer);
            Response refused = post(OFFERINGS, body);
            assertThat(refused.status()).as(customer.toString()).isEqualTo(400);
            assertThat(refused.json().get("customer").get(0).asText()).as(customer.toString()).isEqualTo(message);
        });
        Map<String, Object> nullCustomer = new HashMap<>();
        nullCustomer.put("name", "X");
        nullCustomer.put("customer", null);
        assertThat(post(OFFERINGS, nullCustomer).body()).isEqualTo("{\"customer\":[\"This field may not be null.\"]}");
    }

    @Test
    void createRefusesADeletedGroupAndNothingIsRecorded() {
        String provider = newCustomer("Provider");
        String gone = newGroup("Gone", null);
        assertThat(delete(linkOfGroup(gone)).status()).isEqualTo(204);
        Response refused = post(OFFERINGS, Map.of("name", "X", "customer", customerLink(provider),
                "organization_groups", List.of(linkOfGroup(gone))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"organization_groups\":[\"Invalid hyperlink - Object does not exist.\"]}");
        assertThat(jdbc.queryForObject("select count(*) from offering_view", Long.class)).isZero();
    }

    @Test
    void writesAreForStaffOnlyBeforeAnyLookup() {
        String unknown = "0123456789abcdef0123456789abcdef";
        for (String path : List.of(OFFERINGS, OFFERINGS + unknown + "/update_organization_groups/",
                OFFERINGS + unknown + "/delete_organization_groups/", PLANS,
                PLANS + unknown + "/update_organization_groups/", PLANS + unknown + "/delete_organization_groups/")) {
            Response anonymous = call("POST", path, null, "{}");
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).isEqualTo(NOT_AUTHENTICATED);
            Response forbidden = call("POST", path, viewer(), "{}");
            assertThat(forbidden.status()).as(path).isEqualTo(403);
            assertThat(forbidden.body()).isEqualTo(NO_PERMISSION);
        }
    }

    @Test
    void providerReadsNeedATokenAndShowNothingToUsersWhoAreNotStaff() {
        String offering = newOffering("Compute", newCustomer("Provider"));
        for (String path : List.of(OFFERINGS, OFFERINGS + offering + "/", PLANS)) {
            assertThat(call("GET", path, null, null).status()).as(path).isEqualTo(401);
        }
        Response list = call("GET", OFFERINGS, viewer(), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("[]");
        assertThat(list.header("X-Result-Count")).isEqualTo("0");
        Response detail = call("GET", OFFERINGS + offering + "/", viewer(), null);
        assertThat(detail.status()).isEqualTo(404);
        assertThat(detail.body()).isEqualTo(NOT_FOUND);
        assertThat(call("GET", OFFERINGS, adminToken(), null).header("X-Result-Count")).isEqualTo("1");
    }

    @Test
    void otherMethodsAre405WithAllow() {
        String offering = newOffering("Compute", newCustomer("Provider"));
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            Response refused = call(method, OFFERINGS + offering + "/", adminToken(), "{}");
            assertThat(refused.status()).as(method).isEqualTo(405);
            assertThat(refused.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
            assertThat(refused.body()).isEqualTo("{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}");
        }
        Response list = call("DELETE", OFFERINGS, adminToken(), null);
        assertThat(list.status()).isEqualTo(405);
        assertThat(list.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
    }

    @Test
    void listFiltersOrdersAndPages() {
        String alpha = newCustomer("Alpha");
        String beta = newCustomer("Beta");
        String unis = newGroup("Universities", null);
        String labs = newGroup("Labs", null);
        String a = newOffering("Archive", alpha, true, List.of(), unis).get("uuid").asText();
        String b = newOffering("Backup", alpha, false, List.of()).get("uuid").asText();
        String c = newOffering("Cloud backup", beta, true, List.of(), labs).get("uuid").asText();

        Response all = call("GET", OFFERINGS + "?page_size=2", adminToken(), null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(uuids(all.json())).containsExactly(a, b);
        assertThat(all.header("X-Result-Count")).isEqualTo("3");
        assertThat(all.header("Link")).contains("rel=\"next\"");
        assertThat(uuids(list("?name=BACKUP"))).containsExactly(b, c);
        assertThat(uuids(list("?name_exact=Backup"))).containsExactly(b);
        assertThat(uuids(list("?customer_uuid=" + beta))).containsExactly(c);
        assertThat(uuids(list("?customer=" + customerLink(alpha)))).containsExactly(a, b);
        assertThat(uuids(list("?customer=" + baseUrl() + "/api/nowhere/"))).isEmpty();
        assertThat(uuids(list("?shared=FALSE"))).containsExactly(b);
        assertThat(uuids(list("?shared=1"))).containsExactly(a, c);
        assertThat(uuids(list("?shared=perhaps"))).containsExactly(a, b, c);
        assertThat(uuids(list("?organization_group_uuid=" + unis + "&organization_group_uuid=" + labs)))
                .containsExactly(a, c);
        assertThat(uuids(list("?o=-name"))).containsExactly(c, b, a);
        Response head = call("HEAD", OFFERINGS + "?shared=true", adminToken(), null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("X-Result-Count")).isEqualTo("2");
        for (String param : List.of("customer_uuid", "organization_group_uuid", "allowed_customer_uuid")) {
            Response bad = call("GET", OFFERINGS + "?" + param + "=nope", adminToken(), null);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"" + param + "\":[\"Enter a valid UUID.\"]}");
        }
        assertThat(call("GET", OFFERINGS + "?page=9", adminToken(), null).status()).isEqualTo(404);
    }

    private JsonNode list(String query) {
        Response response = call("GET", OFFERINGS + query, adminToken(), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void retrieveOfAnUnknownOrMalformedOrOtherKindOfUuidIs404() {
        String group = newGroup("G", null);
        for (String uuid : List.of("0123456789abcdef0123456789abcdef", "nope", group)) {
            Response missing = call("GET", OFFERINGS + uuid + "/", adminToken(), null);
            assertThat(missing.status()).as(uuid).isEqualTo(404);
            assertThat(missing.body()).isEqualTo(NOT_FOUND);
        }
    }

    @Test
    void updateOrganizationGroupsReplacesTheSetAndAnEmptyListOpens() {
        String provider = newCustomer("Provider");
        String unis = newGroup("Universities", null);
        String labs = newGroup("Labs", null);
        String offering = newOffering("Compute", provider);
        String path = OFFERINGS + offering + "/update_organization_groups/";

        Response restricted = post(path, Map.of("organization_groups", List.of(linkOfGroup(unis),
                baseUrl() + "/api/organization-groups/" + unis.toUpperCase() + "/", unis, linkOfGroup(labs)),
                "include_descendant_groups", true));
        assertThat(restricted.status()).isEqualTo(200);
        assertThat(restricted.body()).isEmpty();
        JsonNode after = call("GET", OFFERINGS + offering + "/", adminToken(), null).json();
        assertThat(names(after.get("organization_groups"))).containsExactly("Labs", "Universities");
        assertThat(after.get("restricted").asBoolean()).isTrue();
        assertThat(after.get("include_descendant_groups").asBoolean()).isTrue();

        long events = events();
        assertThat(post(path, Map.of("organization_groups", List.of(linkOfGroup(labs), linkOfGroup(unis))))
                .status()).isEqualTo(200);
        assertThat(events()).as("same set, flag kept: nothing recorded").isEqualTo(events);
        assertThat(call("GET", OFFERINGS + offering + "/", adminToken(), null).json()
                .get("include_descendant_groups").asBoolean()).as("an absent flag keeps it").isTrue();

        assertThat(post(path, Map.of("organization_groups", List.of())).status()).isEqualTo(200);
        JsonNode opened = call("GET", OFFERINGS + offering + "/", adminToken(), null).json();
        assertThat(opened.get("restricted").asBoolean()).isFalse();
        assertThat(opened.get("organization_groups")).isEmpty();
    }

    @Test
    void updateOrganizationGroupsAnswersEveryRowOfTheTable() {
        String provider = newCustomer("Provider");
        String live = newGroup("Live", null);
        String gone = newGroup("Gone", null);
        assertThat(delete(linkOfGroup(gone)).status()).isEqualTo(204);
        String offering = newOffering("Compute", provider);
        String plan = newPlan("Plan", offering);
        String path = OFFERINGS + offering + "/update_organization_groups/";
        String groups = "organization_groups";

        assertThat(post(path, Map.of()).body()).isEqualTo("{\"organization_groups\":[\"This field is required.\"]}");
        Map<String, Object> nullGroups = new HashMap<>();
        nullGroups.put(groups, null);
        assertThat(post(path, nullGroups).body()).isEqualTo("{\"organization_groups\":[\"This field is required.\"]}");
        assertThat(post(path, Map.of(groups, Map.of("a", 1))).body())
                .isEqualTo("{\"organization_groups\":[\"Expected a list of items but got type \\\"dict\\\".\"]}");
        Map<Object, String> items = new LinkedHashMap<>();
        items.put(3, "Incorrect type. Expected URL string, received int.");
        items.put("", "Invalid hyperlink - No URL match.");
        items.put("http://elsewhere.example/nothing/", "Invalid hyperlink - No URL match.");
        items.put(customerLink(provider), "Invalid hyperlink - Incorrect URL match.");
        items.put(offeringLink(offering), "Invalid hyperlink - Incorrect URL match.");
        items.put(planLink(plan), "Invalid hyperlink - Incorrect URL match.");
        items.put(baseUrl() + PUBLIC + offering + "/", "Invalid hyperlink - Incorrect URL match.");
        items.put(linkOfGroup("0123456789abcdef0123456789abcdef"), "Invalid hyperlink - Object does not exist.");
        items.put(baseUrl() + "/api/organization-groups/xyz/", "Invalid hyperlink - Object does not exist.");
        items.put(linkOfGroup(gone), "Invalid hyperlink - Object does not exist.");
        items.forEach((item, message) -> {
            List<Object> list = new ArrayList<>();
            list.add(linkOfGroup(live));
            list.add(item);
            list.add(5); // only the first failing item is reported
            Response refused = post(path, Map.of(groups, list));
            assertThat(refused.status()).as(String.valueOf(item)).isEqualTo(400);
            assertThat(refused.json().get(groups).size()).isEqualTo(1);
            assertThat(refused.json().get(groups).get(0).asText()).as(String.valueOf(item)).isEqualTo(message);
        });
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(post(path, Map.of(groups, withNull)).body())
                .isEqualTo("{\"organization_groups\":[\"Incorrect type. Expected URL string, received NoneType.\"]}");
        assertThat(post(path, Map.of(groups, List.of(), "include_descendant_groups", "sometimes")).body())
                .isEqualTo("{\"include_descendant_groups\":[\"Must be a valid boolean.\"]}");
        assertThat(call("POST", path, adminToken(), "[1]").body())
                .isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        assertThat(call("GET", OFFERINGS + offering + "/", adminToken(), null).json().get("restricted").asBoolean())
                .as("nothing changed").isFalse();
    }

    @Test
    void updateOrganizationGroupsLooksTheOfferingUpBeforeTheBody() {
        String unknown = "0123456789abcdef0123456789abcdef";
        Response missing = post(OFFERINGS + unknown + "/update_organization_groups/", Map.of("organization_groups", 1));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(NOT_FOUND);
        String customer = newCustomer("Not an offering");
        assertThat(post(OFFERINGS + customer + "/update_organization_groups/", Map.of("organization_groups",
                List.of())).status()).isEqualTo(404);
    }

    @Test
    void deleteOrganizationGroupsIgnoresTheBodyAndAlwaysAnswers204() {
        String provider = newCustomer("Provider");
        String group = newGroup("G", null);
        String offering = newOffering("Compute", provider, group);
        String path = OFFERINGS + offering + "/delete_organization_groups/";

        Response opened = call("POST", path, adminToken(), "{\"organization_groups\": 17}");
        assertThat(opened.status()).isEqualTo(204);
        assertThat(opened.body()).isEmpty();
        assertThat(call("GET", OFFERINGS + offering + "/", adminToken(), null).json().get("restricted").asBoolean())
                .isFalse();
        long events = events();
        assertThat(call("POST", path, adminToken(), null).status()).isEqualTo(204);
        assertThat(events()).as("already open: nothing recorded").isEqualTo(events);
        assertThat(call("POST", OFFERINGS + "0123456789abcdef0123456789abcdef/delete_organization_groups/",
                adminToken(), null).status()).isEqualTo(404);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
