package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The plan endpoints E6 to E10 over real HTTP (API.md sections 12.3 and 12.4).
 */
class PlanIntegrationTest extends OfferingTestSupport {

    @Test
    void createAnswers201WithThePlanAsRetrieveRendersIt() {
        String offering = newOffering("Compute", newCustomer("Provider"));
        String group = newGroup("Universities", null);
        Response created = post(PLANS, Map.of("name", " Gold ", "offering", offeringLink(offering),
                "organization_groups", List.of(linkOfGroup(group)), "include_descendant_groups", "yes"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode plan = created.json();
        String uuid = plan.get("uuid").asText();
        assertThat(created.header("Location")).isEqualTo(planLink(uuid));
        List<String> keys = new ArrayList<>();
        plan.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("url", "uuid", "name", "organization_groups", "offering", "restricted",
                "include_descendant_groups");
        assertThat(plan.get("name").asText()).isEqualTo("Gold");
        assertThat(plan.get("offering").asText()).isEqualTo(offeringLink(offering));
        assertThat(plan.get("restricted").asBoolean()).isTrue();
        assertThat(plan.get("include_descendant_groups").asBoolean()).isTrue();
        assertThat(uuids(plan.get("organization_groups"))).containsExactly(group);
        assertThat(call("GET", PLANS + uuid + "/", adminToken(), null).json()).isEqualTo(plan);
        assertThat(call("GET", PLANS + uuid + "/", viewer(), null).status()).isEqualTo(404);
        assertThat(names(call("GET", OFFERINGS + offering + "/", adminToken(), null).json().get("plans")))
                .containsExactly("Gold");
    }

    @Test
    void createChecksTheOfferingLink() {
        String provider = newCustomer("Provider");
        String offering = newOffering("Compute", provider);
        Map<String, String> cases = Map.of(
                baseUrl() + PUBLIC + offering + "/", "Invalid hyperlink - Incorrect URL match.",
                customerLink(provider), "Invalid hyperlink - Incorrect URL match.",
                offeringLink("0123456789abcdef0123456789abcdef"), "Invalid hyperlink - Object does not exist.",
                offeringLink(provider), "Invalid hyperlink - Object does not exist.",
                baseUrl() + "/somewhere/", "Invalid hyperlink - No URL match.");
        cases.forEach((link, message) -> {
            Response refused = post(PLANS, Map.of("name", "P", "offering", link));
            assertThat(refused.status()).as(link).isEqualTo(400);
            assertThat(refused.body()).as(link).isEqualTo("{\"offering\":[\"" + message + "\"]}");
        });
        assertThat(post(PLANS, Map.of()).body())
                .isEqualTo("{\"name\":[\"This field is required.\"],\"offering\":[\"This field is required.\"]}");
    }

    @Test
    void listFiltersByOffering() {
        String provider = newCustomer("Provider");
        String first = newOffering("First", provider);
        String second = newOffering("Second", provider);
        String a = newPlan("A", first);
        String b = newPlan("B", second);
        assertThat(uuids(call("GET", PLANS, adminToken(), null).json())).containsExactly(a, b);
        assertThat(uuids(call("GET", PLANS + "?offering_uuid=" + second, adminToken(), null).json()))
                .containsExactly(b);
        assertThat(uuids(call("GET", PLANS + "?offering=" + offeringLink(first), adminToken(), null).json()))
                .containsExactly(a);
        assertThat(call("GET", PLANS + "?offering_uuid=x", adminToken(), null).body())
                .isEqualTo("{\"offering_uuid\":[\"Enter a valid UUID.\"]}");
        assertThat(call("GET", PLANS, viewer(), null).body()).isEqualTo("[]");
        assertThat(call("HEAD", PLANS, adminToken(), null).header("X-Result-Count")).isEqualTo("2");
        Response put = call("PUT", PLANS + a + "/", adminToken(), "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void updateAndDeleteOrganizationGroupsOfAPlan() {
        String provider = newCustomer("Provider");
        String member = newCustomer("Member");
        String group = newGroup("G", null);
        replaceMemberships(member, group);
        String offering = newOffering("Compute", provider);
        String plan = newPlan("Plan", offering);
        String update = PLANS + plan + "/update_organization_groups/";

        assertThat(post(update, Map.of("organization_groups", List.of(linkOfGroup(group), linkOfGroup(group))))
                .status()).isEqualTo(200);
        JsonNode restricted = call("GET", PLANS + plan + "/", adminToken(), null).json();
        assertThat(uuids(restricted.get("organization_groups"))).containsExactly(group);
        assertThat(orderCheck(offering, member, plan).get("reason").asText()).isEqualTo("granted");
        assertThat(orderCheck(offering, provider, plan).get("reason").asText()).isEqualTo("not_in_plan_groups");
        assertThat(post(update, Map.of("organization_groups", "x")).body())
                .isEqualTo("{\"organization_groups\":[\"Expected a list of items but got type \\\"str\\\".\"]}");

        assertThat(call("POST", PLANS + plan + "/delete_organization_groups/", adminToken(), "not json").status())
                .isEqualTo(204);
        assertThat(call("GET", PLANS + plan + "/", adminToken(), null).json().get("restricted").asBoolean())
                .isFalse();
        assertThat(orderCheck(offering, provider, plan).get("reason").asText()).isEqualTo("open");

        String unknown = "0123456789abcdef0123456789abcdef";
        assertThat(post(PLANS + unknown + "/update_organization_groups/", Map.of()).status())
                .as("404 before 400").isEqualTo(404);
        assertThat(call("POST", PLANS + unknown + "/delete_organization_groups/", adminToken(), null).status())
                .isEqualTo(404);
    }
}
