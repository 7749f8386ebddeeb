package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * Who may order what, over real HTTP (API.md sections 12.1 and 12.5 to 12.9): the public catalogue E11 to E14,
 * {@code allowed_customers} (E15), {@code order_check} (E16) with every reason and error, deleted groups, descendant
 * groups and moves, and the provider's delete.
 */
class OfferingAccessIntegrationTest extends OfferingTestSupport {

    @Test
    void orderCheckGivesEachReasonOfTheRule() {
        String provider = newCustomer("Provider");
        String member = newCustomer("Member");
        String stranger = newCustomer("Stranger");
        String unis = newGroup("Universities", null);
        replaceMemberships(member, unis);
        JsonNode restricted = newOffering("Restricted", provider, true, List.of("Basic"), unis);
        String offering = restricted.get("uuid").asText();
        String basic = restricted.get("plans").get(0).get("uuid").asText();
        String gold = newPlan("Gold", offering, newGroup("Gold members", null));
        String open = newOffering("Open", provider);
        String hidden = newOffering("Private", provider, false, List.of()).get("uuid").asText();

        JsonNode granted = orderCheck(offering, member, basic);
        assertThat(granted.get("allowed").asBoolean()).isTrue();
        assertThat(granted.get("reason").asText()).isEqualTo("granted");
        assertThat(granted.get("detail").isNull()).isTrue();
        assertThat(granted.get("customer_uuid").asText()).isEqualTo(member);
        assertThat(granted.get("offering").get("uuid").asText()).isEqualTo(offering);
        assertThat(granted.get("offering").get("restricted").asBoolean()).isTrue();
        JsonNode grant = granted.get("offering").get("granted_by").get(0);
        assertThat(grant.get("uuid").asText()).isEqualTo(unis);
        assertThat(grant.get("url").asText()).isEqualTo(linkOfGroup(unis));
        assertThat(grant.get("name").asText()).isEqualTo("Universities");
        assertThat(grant.get("via_uuid").asText()).isEqualTo(unis);
        assertThat(granted.get("plan").get("uuid").asText()).isEqualTo(basic);
        assertThat(granted.get("plan").get("allowed").asBoolean()).isTrue();
        assertThat(granted.get("plan").get("restricted").asBoolean()).isFalse();

        JsonNode notInOffering = orderCheck(offering, stranger, null);
        assertThat(notInOffering.get("reason").asText()).isEqualTo("not_in_offering_groups");
        assertThat(notInOffering.get("detail").asText()).isEqualTo("This offering is not available for ordering.");
        assertThat(notInOffering.get("plan").isNull()).isTrue();
        assertThat(orderCheck(offering, provider, null).get("reason").asText())
                .as("the provider is not exempt").isEqualTo("not_in_offering_groups");

        JsonNode notInPlan = orderCheck(offering, member, gold);
        assertThat(notInPlan.get("allowed").asBoolean()).isFalse();
        assertThat(notInPlan.get("reason").asText()).isEqualTo("not_in_plan_groups");
        assertThat(notInPlan.get("detail").asText()).isEqualTo("This plan is not available for ordering.");
        assertThat(notInPlan.get("offering").get("allowed").asBoolean()).isTrue();
        assertThat(notInPlan.get("plan").get("allowed").asBoolean()).isFalse();

        JsonNode both = orderCheck(offering, stranger, gold);
        assertThat(both.get("reason").asText()).isEqualTo("not_in_offering_groups");
        assertThat(both.get("plan").get("allowed").asBoolean()).as("evaluated even so").isFalse();

        assertThat(orderCheck(open, stranger, null).get("reason").asText()).isEqualTo("open");
        JsonNode privateOffering = orderCheck(hidden, member, null);
        assertThat(privateOffering.get("reason").asText()).isEqualTo("private_offering");
        assertThat(privateOffering.get("detail").asText())
                .isEqualTo("Offering \"Private\" is not allowed in organization \"Member\".");
        assertThat(orderCheck(hidden, provider, null).get("reason").asText()).isEqualTo("provider");

        Response head = call("HEAD", OFFERINGS + offering + "/order_check/?customer_uuid=" + member, adminToken(),
                null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void orderCheckReportsParameterErrorsTogetherAfterTheOffering() {
        String provider = newCustomer("Provider");
        String offering = newOffering("Compute", provider);
        String other = newOffering("Other", provider);
        String otherPlan = newPlan("Other plan", other);
        String gone = newCustomer("Gone");
        assertThat(delete("/api/customers/" + gone + "/").status()).isEqualTo(204);
        String unknown = "0123456789abcdef0123456789abcdef";
        String check = OFFERINGS + offering + "/order_check/";

        assertThat(staffGet(check).body()).isEqualTo("{\"customer_uuid\":[\"This field is required.\"]}");
        assertThat(staffGet(check + "?customer_uuid=x&plan_uuid=y").body()).isEqualTo(
                "{\"customer_uuid\":[\"Enter a valid UUID.\"],\"plan_uuid\":[\"Enter a valid UUID.\"]}");
        assertThat(staffGet(check + "?customer_uuid=" + gone + "&plan_uuid=" + unknown).body()).isEqualTo(
                "{\"customer_uuid\":[\"Object with uuid=" + gone + " does not exist.\"],"
                        + "\"plan_uuid\":[\"Object with uuid=" + unknown + " does not exist.\"]}");
        assertThat(staffGet(check + "?customer_uuid=x&plan_uuid=" + otherPlan).body()).isEqualTo(
                "{\"customer_uuid\":[\"Enter a valid UUID.\"],"
                        + "\"plan_uuid\":[\"This plan is not available for selected offering.\"]}");
        assertThat(staffGet(check + "?customer_uuid=" + provider + "&plan_uuid=" + otherPlan).body()).isEqualTo(
                "{\"plan_uuid\":[\"This plan is not available for selected offering.\"]}");
        Response missing = staffGet(OFFERINGS + unknown + "/order_check/?customer_uuid=bad");
        assertThat(missing.status()).as("404 before 400").isEqualTo(404);

        assertThat(call("GET", check + "?customer_uuid=" + provider, null, null).status()).isEqualTo(401);
        assertThat(call("GET", OFFERINGS + unknown + "/order_check/", viewer(), null).status())
                .as("403 before 404").isEqualTo(403);
        assertThat(call("GET", OFFERINGS + unknown + "/allowed_customers/", viewer(), null).status()).isEqualTo(403);
        assertThat(call("GET", OFFERINGS + unknown + "/allowed_customers/", null, null).status()).isEqualTo(401);
    }

    @Test
    void allowedCustomersListsWhoMayOrderWithTheirGrants() {
        String provider = newCustomer("Provider");
        String unis = newGroup("Universities", null);
        String labs = newGroup("Labs", null);
        String anna = newCustomer("Anna university");
        String bert = newCustomer("Bert lab");
        newCustomer("Carl outsider");
        replaceMemberships(anna, unis);
        replaceMemberships(bert, labs, unis);
        String offering = newOffering("Compute", provider, unis);
        String plan = newPlan("Lab plan", offering, labs);

        Response all = staffGet(OFFERINGS + offering + "/allowed_customers/");
        assertThat(all.status()).isEqualTo(200);
        assertThat(names(all.json())).containsExactly("Anna university", "Bert lab");
        assertThat(all.header("X-Result-Count")).isEqualTo("2");
        JsonNode first = all.json().get(0);
        assertThat(first.get("uuid").asText()).isEqualTo(anna);
        assertThat(first.get("url").asText()).isEqualTo(customerLink(anna));
        assertThat(first.get("granted_by").get(0).get("uuid").asText()).isEqualTo(unis);

        assertThat(names(staffGet(OFFERINGS + offering + "/allowed_customers/?plan_uuid=" + plan).json()))
                .containsExactly("Bert lab");
        assertThat(names(staffGet(OFFERINGS + offering + "/allowed_customers/?name=ANNA").json()))
                .containsExactly("Anna university");
        assertThat(staffGet(OFFERINGS + offering + "/allowed_customers/?plan_uuid=zzz").body())
                .isEqualTo("{\"plan_uuid\":[\"Enter a valid UUID.\"]}");
    }

    @Test
    void publicCatalogueShowsSharedOfferingsAndOpenPlansToEveryone() {
        String provider = newCustomer("Provider");
        String member = newCustomer("Member");
        String unis = newGroup("Universities", null);
        replaceMemberships(member, unis);
        JsonNode restricted = newOffering("Restricted", provider, true, List.of("Open plan"), unis);
        String restrictedUuid = restricted.get("uuid").asText();
        String openPlan = restricted.get("plans").get(0).get("uuid").asText();
        String closedPlan = newPlan("Closed plan", restrictedUuid, unis);
        String open = newOffering("Open", provider);
        String hidden = newOffering("Private", provider, false, List.of("Only plan")).get("uuid").asText();

        Response anonymous = get(PUBLIC);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(uuids(anonymous.json())).containsExactly(open, restrictedUuid);
        JsonNode shown = anonymous.json().get(1);
        assertThat(shown.get("url").asText()).isEqualTo(baseUrl() + PUBLIC + restrictedUuid + "/");
        assertThat(uuids(shown.get("plans"))).containsExactly(openPlan);
        assertThat(shown.get("plans").get(0).get("url").asText())
                .isEqualTo(baseUrl() + PUBLIC + restrictedUuid + "/plans/" + openPlan + "/");
        assertThat(uuids(call("GET", PUBLIC, viewer(), null).json())).containsExactly(open, restrictedUuid);

        Response staff = staffGet(PUBLIC);
        assertThat(uuids(staff.json())).containsExactly(open, hidden, restrictedUuid);
        assertThat(names(staff.json().get(2).get("plans"))).containsExactly("Closed plan", "Open plan");

        assertThat(uuids(get(PUBLIC + "?allowed_customer_uuid=" + member).json()))
                .containsExactly(open, restrictedUuid);
        assertThat(uuids(get(PUBLIC + "?allowed_customer_uuid=" + provider).json()))
                .as("the provider's own restricted offering is not listed for itself").containsExactly(open);
        assertThat(uuids(staffGet(PUBLIC + "?allowed_customer_uuid=" + member).json().get(1).get("plans")))
                .as("staff see the customer's plans, not all").containsExactly(closedPlan, openPlan);
        assertThat(get(PUBLIC + "?allowed_customer_uuid=0123456789abcdef0123456789abcdef").body()).isEqualTo("[]");
        assertThat(get(PUBLIC + "?allowed_customer_uuid=bad").body())
                .isEqualTo("{\"allowed_customer_uuid\":[\"Enter a valid UUID.\"]}");

        Response plans = get(PUBLIC + restrictedUuid + "/plans/");
        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.header("X-Result-Count")).as("a plain array, not paged").isNull();
        assertThat(uuids(plans.json())).containsExactly(openPlan);
        assertThat(get(PUBLIC + restrictedUuid + "/plans/?allowed_customer_uuid=0123456789abcdef0123456789abcdef")
                .body()).isEqualTo("[]");
        assertThat(get(PUBLIC + restrictedUuid + "/plans/" + openPlan + "/").json().get("name").asText())
                .isEqualTo("Open plan");
        assertThat(get(PUBLIC + restrictedUuid + "/plans/" + closedPlan + "/").status()).isEqualTo(404);
        assertThat(get(PUBLIC + hidden + "/").status()).as("not in the caller's list").isEqualTo(404);
        assertThat(staffGet(PUBLIC + hidden + "/").status()).isEqualTo(200);
        assertThat(get(PUBLIC + open + "/").json().get("url").asText()).isEqualTo(baseUrl() + PUBLIC + open + "/");
        Response head = call("HEAD", PUBLIC, null, null);
        assertThat(head.header("X-Result-Count")).isEqualTo("2");
    }

    @Test
    void deletingTheGroupsOfARestrictionClosesItInsteadOfOpeningIt() {
        String provider = newCustomer("Provider");
        String member = newCustomer("Member");
        String consortium = newGroup("Consortium", null);
        String unis = newGroup("Universities", consortium);
        replaceMemberships(member, unis);
        String offering = newOffering("Compute", provider, unis);
        assertThat(orderCheck(offering, member, null).get("allowed").asBoolean()).isTrue();

        assertThat(delete(linkOfGroup(consortium)).status()).isEqualTo(204);

        JsonNode after = staffGet(OFFERINGS + offering + "/").json();
        assertThat(after.get("restricted").asBoolean()).isTrue();
        assertThat(after.get("organization_groups")).isEmpty();
        JsonNode check = orderCheck(offering, member, null);
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("reason").asText()).isEqualTo("offering_groups_deleted");
        assertThat(check.get("offering").get("granted_by")).isEmpty();
        assertThat(uuids(get(PUBLIC + "?allowed_customer_uuid=" + member).json())).isEmpty();
        assertThat(staffGet(OFFERINGS + offering + "/allowed_customers/").body()).isEqualTo("[]");
        Response relink = post(OFFERINGS + offering + "/update_organization_groups/",
                Map.of("organization_groups", List.of(linkOfGroup(unis))));
        assertThat(relink.body()).isEqualTo("{\"organization_groups\":[\"Invalid hyperlink - Object does not exist.\"]}");
    }

    @Test
    void descendantGroupsQualifyOnlyWithTheFlagAndFollowMoves() {
        String provider = newCustomer("Provider");
        String member = newCustomer("Member");
        String north = newGroup("North", null);
        String south = newGroup("South", null);
        String lab = newGroup("Lab", north);
        replaceMemberships(member, lab);
        String offering = newOffering("Compute", provider, north);
        assertThat(orderCheck(offering, member, null).get("reason").asText()).isEqualTo("not_in_offering_groups");

        assertThat(post(OFFERINGS + offering + "/update_organization_groups/", Map.of("organization_groups",
                List.of(linkOfGroup(north)), "include_descendant_groups", true)).status()).isEqualTo(200);
        JsonNode granted = orderCheck(offering, member, null);
        assertThat(granted.get("reason").asText()).isEqualTo("granted");
        assertThat(granted.get("offering").get("granted_by").get(0).get("uuid").asText()).isEqualTo(north);
        assertThat(granted.get("offering").get("granted_by").get(0).get("via_uuid").asText()).isEqualTo(lab);

        long last = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        assertThat(patch(linkOfGroup(lab), Map.of("parent", linkOfGroup(south))).status()).isEqualTo(200);
        assertThat(orderCheck(offering, member, null).get("reason").asText()).isEqualTo("not_in_offering_groups");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like '%Offering%'"
                + " and global_index > ?", Long.class, last)).as("a move writes no offering event").isZero();
        assertThat(patch(linkOfGroup(lab), Map.of("parent", linkOfGroup(north))).status()).isEqualTo(200);
        assertThat(orderCheck(offering, member, null).get("reason").asText()).isEqualTo("granted");
    }

    @Test
    void deletingTheProviderDeletesItsOfferingsAndHistorySaysWhy() {
        String provider = newCustomer("Provider");
        JsonNode created = newOffering("Compute", provider, true, List.of("Basic"));
        String offering = created.get("uuid").asText();
        String plan = created.get("plans").get(0).get("uuid").asText();

        assertThat(delete("/api/customers/" + provider + "/").status()).isEqualTo(204);

        assertThat(staffGet(OFFERINGS + offering + "/").status()).isEqualTo(404);
        assertThat(staffGet(PLANS + plan + "/").status()).isEqualTo(404);
        assertThat(get(PUBLIC + offering + "/").status()).isEqualTo(404);
        Response history = staffGet(OFFERINGS + offering + "/history/");
        assertThat(history.status()).isEqualTo(200);
        JsonNode last = history.json().get(0);
        assertThat(last.get("revision_comment").asText()).containsIgnoringCase("deleted");
        assertThat(last.get("serialized_data").get("uuid").asText()).isEqualTo(offering);
        assertThat(staffGet(PLANS + plan + "/history/").status()).as("a deleted plan keeps its history")
                .isEqualTo(200);
        Response plans = post(PLANS, Map.of("name", "Late", "offering", offeringLink(offering)));
        assertThat(plans.body()).isEqualTo("{\"offering\":[\"Invalid hyperlink - Object does not exist.\"]}");
    }

    private Response staffGet(String path) {
        return call("GET", path, adminToken(), null);
    }
}
