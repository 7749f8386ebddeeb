package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.orggroups.app.support.IntegrationTest;

/**
 * Helpers of the offering and plan HTTP tests: creating offerings and plans through the API, links, and a user who is
 * not staff.
 */
abstract class OfferingTestSupport extends IntegrationTest {

    static final String OFFERINGS = "/api/marketplace-provider-offerings/";
    static final String PLANS = "/api/marketplace-plans/";
    static final String PUBLIC = "/api/marketplace-public-offerings/";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    static final String NOT_AUTHENTICATED = "{\"detail\":\"Authentication credentials were not provided.\"}";
    static final String NO_PERMISSION = "{\"detail\":\"You do not have permission to perform this action.\"}";

    private static String viewerToken;

    /** @return a token of a user who is not staff, created once per JVM */
    String viewer() {
        if (viewerToken == null) {
            String username = "shopper" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(post("/api/users/", Map.of("username", username, "password", "shopper-password",
                    "is_staff", false)).status()).isEqualTo(201);
            viewerToken = login(username, "shopper-password");
        }
        return viewerToken;
    }

    String customerLink(String uuid) {
        return baseUrl() + "/api/customers/" + uuid + "/";
    }

    String offeringLink(String uuid) {
        return baseUrl() + OFFERINGS + uuid + "/";
    }

    String planLink(String uuid) {
        return baseUrl() + PLANS + uuid + "/";
    }

    List<String> groupLinks(String... groups) {
        return Arrays.stream(groups).map(this::linkOfGroup).toList();
    }

    /**
     * Creates an offering through E1 and requires 201.
     *
     * @param groups the uuids of the groups it is restricted to; none for open
     * @return the answer's body
     */
    JsonNode newOffering(String name, String provider, boolean shared, List<String> planNames, String... groups) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("customer", customerLink(provider));
        body.put("shared", shared);
        List<Map<String, String>> plans = new ArrayList<>();
        planNames.forEach(p -> plans.add(Map.of("name", p)));
        body.put("plans", plans);
        body.put("organization_groups", groupLinks(groups));
        Response created = post(OFFERINGS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** Creates an open, shared offering without plans; returns its uuid. */
    String newOffering(String name, String provider, String... groups) {
        return newOffering(name, provider, true, List.of(), groups).get("uuid").asText();
    }

    /** Creates a plan through E6 and requires 201; returns its uuid. */
    String newPlan(String name, String offering, String... groups) {
        Response created = post(PLANS, Map.of("name", name, "offering", offeringLink(offering),
                "organization_groups", groupLinks(groups)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("uuid").asText();
    }

    /** Sets an offering's groups through E4 and requires 200. */
    void restrictOffering(String offering, String... groups) {
        Response response = post(OFFERINGS + offering + "/update_organization_groups/",
                Map.of("organization_groups", groupLinks(groups)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** @return the answer of E16 as staff */
    JsonNode orderCheck(String offering, String customer, String plan) {
        Response response = call("GET", OFFERINGS + offering + "/order_check/?customer_uuid=" + customer
                + (plan == null ? "" : "&plan_uuid=" + plan), adminToken(), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** @return the uuids of a JSON array of objects, in order */
    static List<String> uuids(JsonNode array) {
        List<String> uuids = new ArrayList<>();
        array.forEach(item -> uuids.add(item.get("uuid").asText()));
        return uuids;
    }

    /** @return the names of a JSON array of objects, in order */
    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
