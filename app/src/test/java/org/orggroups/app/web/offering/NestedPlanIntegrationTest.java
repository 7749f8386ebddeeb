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
 * Plans created inside the offering's create request (E1, API.md 12.3 and 12.11): each {@code plans} item takes
 * {@code organization_groups} and {@code include_descendant_groups} by the rules of E6's body, and its errors are
 * nested per item.
 */
class NestedPlanIntegrationTest extends OfferingTestSupport {

    private static final String DOES_NOT_EXIST = "Invalid hyperlink - Object does not exist.";

    private Map<String, Object> body(String provider, List<?> plans) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Cloud");
        body.put("customer", customerLink(provider));
        body.put("plans", plans);
        return body;
    }

    private static JsonNode plan(JsonNode offering, String name) {
        for (JsonNode plan : offering.get("plans")) {
            if (plan.get("name").asText().equals(name)) {
                return plan;
            }
        }
        throw new AssertionError("no plan " + name + " in " + offering);
    }

    private long offeringEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like '%Offering%'"
                + " or payload_type like '%Plan%'", Long.class);
    }

    @Test
    void nestedPlanIsRestrictedFromBirthAndTheAnswerShowsItsGroups() {
        String provider = newCustomer("Provider");
        String parent = newGroup("Universities", null);
        String child = newGroup("Faculty", parent);
        String direct = newCustomer("Direct");
        String descendant = newCustomer("Descendant");
        String stranger = newCustomer("Stranger");
        replaceMemberships(direct, parent);
        replaceMemberships(descendant, child);
        Map<String, Object> restricted = new LinkedHashMap<>();
        restricted.put("name", "np");
        restricted.put("organization_groups", List.of(linkOfGroup(parent), linkOfGroup(parent)));
        restricted.put("include_descendant_groups", true);
        Map<String, Object> nullGroups = new HashMap<>();
        nullGroups.put("name", "open");
        nullGroups.put("organization_groups", null);
        nullGroups.put("include_descendant_groups", null);

        Response created = post(OFFERINGS, body(provider, List.of(restricted, nullGroups,
                Map.of("name", "flag only", "include_descendant_groups", "yes"))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode offering = created.json();
        assertThat(offering.get("restricted").asBoolean()).isFalse();
        JsonNode np = plan(offering, "np");
        assertThat(np.get("restricted").asBoolean()).isTrue();
        assertThat(np.get("include_descendant_groups").asBoolean()).isTrue();
        assertThat(uuids(np.get("organization_groups"))).containsExactly(parent);
        assertThat(np.get("organization_groups").get(0))
                .isEqualTo(get("/api/organization-groups/" + parent + "/").json());
        JsonNode open = plan(offering, "open");
        assertThat(open.get("restricted").asBoolean()).isFalse();
        assertThat(open.get("organization_groups")).isEmpty();
        JsonNode flagOnly = plan(offering, "flag only");
        assertThat(flagOnly.get("restricted").asBoolean()).isFalse();
        assertThat(flagOnly.get("include_descendant_groups").asBoolean())
                .as("an open plan has no flag").isFalse();
        String uuid = offering.get("uuid").asText();
        assertThat(call("GET", OFFERINGS + uuid + "/", adminToken(), null).json()).isEqualTo(offering);
        String npUuid = np.get("uuid").asText();
        JsonNode retrievedPlan = call("GET", PLANS + npUuid + "/", adminToken(), null).json();
        assertThat(retrievedPlan.get("organization_groups")).isEqualTo(np.get("organization_groups"));
        assertThat(retrievedPlan.get("include_descendant_groups").asBoolean()).isTrue();

        JsonNode denied = orderCheck(uuid, stranger, npUuid);
        assertThat(denied.get("allowed").asBoolean()).isFalse();
        assertThat(denied.get("reason").asText()).isEqualTo("not_in_plan_groups");
        JsonNode granted = orderCheck(uuid, direct, npUuid);
        assertThat(granted.get("allowed").asBoolean()).isTrue();
        assertThat(granted.get("reason").asText()).isEqualTo("granted");
        JsonNode viaChild = orderCheck(uuid, descendant, npUuid);
        assertThat(viaChild.get("reason").asText()).as("the nested plan's flag is recorded").isEqualTo("granted");
        assertThat(viaChild.get("plan").get("granted_by").get(0).get("via_uuid").asText()).isEqualTo(child);
        assertThat(orderCheck(uuid, stranger, open.get("uuid").asText()).get("allowed").asBoolean()).isTrue();
    }

    @Test
    void eachRowOfTheListRulesIsReportedUnderItsPlanItem() {
        String provider = newCustomer("Provider");
        String live = newGroup("Live", null);
        String gone = newGroup("Gone", null);
        assertThat(delete(linkOfGroup(gone)).status()).isEqualTo(204);
        Map<Object, String> rows = new LinkedHashMap<>();
        rows.put("all", "Expected a list of items but got type \"str\".");
        rows.put(Map.of("a", 1), "Expected a list of items but got type \"dict\".");
        rows.put(List.of(5), "Incorrect type. Expected URL string, received int.");
        rows.put(List.of(""), "Invalid hyperlink - No URL match.");
        rows.put(List.of(baseUrl() + "/api/nowhere/"), "Invalid hyperlink - No URL match.");
        rows.put(List.of(customerLink(provider)), "Invalid hyperlink - Incorrect URL match.");
        rows.put(List.of(linkOfGroup(gone)), DOES_NOT_EXIST);
        rows.put(List.of(baseUrl() + "/api/organization-groups/not-a-uuid/"), DOES_NOT_EXIST);
        rows.put(List.of(linkOfGroup(live), 5, linkOfGroup(gone)), "Incorrect type. Expected URL string, received int.");
        rows.put(List.of(linkOfGroup(live), linkOfGroup(gone), 5), DOES_NOT_EXIST);
        long before = offeringEvents();
        rows.forEach((groups, message) -> {
            Map<String, Object> item = new HashMap<>();
            item.put("name", "np");
            item.put("organization_groups", groups);
            Response refused = post(OFFERINGS, body(provider, List.of(Map.of("name", "ok"), item)));
            assertThat(refused.status()).as(groups.toString()).isEqualTo(400);
            assertThat(refused.body()).as(groups.toString())
                    .isEqualTo("{\"plans\":[{},{\"organization_groups\":[" + quoted(message) + "]}]}");
        });

        Response flag = post(OFFERINGS, body(provider, List.of(Map.of("name", "np", "include_descendant_groups", 7))));
        assertThat(flag.body()).isEqualTo("{\"plans\":[{\"include_descendant_groups\":[\"Must be a valid boolean.\"]}]}");

        List<Object> items = new ArrayList<>();
        items.add(Map.of("organization_groups", List.of(linkOfGroup(gone)), "include_descendant_groups", "x"));
        items.add("np");
        Map<String, Object> top = body(provider, items);
        top.put("organization_groups", List.of(linkOfGroup(gone)));
        Response all = post(OFFERINGS, top);
        assertThat(all.status()).isEqualTo(400);
        assertThat(all.body()).isEqualTo("{\"plans\":[{\"name\":[\"This field is required.\"],"
                + "\"organization_groups\":[\"" + DOES_NOT_EXIST + "\"],"
                + "\"include_descendant_groups\":[\"Must be a valid boolean.\"]},"
                + "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}],"
                + "\"organization_groups\":[\"" + DOES_NOT_EXIST + "\"]}");
        assertThat(offeringEvents()).as("nothing is recorded").isEqualTo(before);
    }

    @Test
    void deadGroupOfANestedPlanRejectsTheWholeCreation() {
        String provider = newCustomer("Provider");
        String live = newGroup("Live", null);
        String gone = newGroup("Gone", null);
        assertThat(delete(linkOfGroup(gone)).status()).isEqualTo(204);
        long before = offeringEvents();
        Map<String, Object> body = body(provider, List.of(
                Map.of("name", "fine", "organization_groups", List.of(linkOfGroup(live))),
                Map.of("name", "dead", "organization_groups", List.of(linkOfGroup(live), linkOfGroup(gone)))));
        body.put("organization_groups", List.of(linkOfGroup(live)));
        Response refused = post(OFFERINGS, body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"plans\":[{},{\"organization_groups\":[\"" + DOES_NOT_EXIST + "\"]}]}");
        assertThat(offeringEvents()).isEqualTo(before);
    }

    private static String quoted(String message) {
        return "\"" + message.replace("\"", "\\\"") + "\"";
    }
}
