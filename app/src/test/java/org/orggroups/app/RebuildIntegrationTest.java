package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.orggroups.app.rebuild.ReadModelRebuilder;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every table built from events (offerings and plans included) is derived data: dropping it and replaying the event store gives exactly the
 * rows that live processing wrote (DESIGN.md sections 1 and 5).
 */
class RebuildIntegrationTest extends IntegrationTest {

    private static final List<String> DERIVED = List.of(
            "select group_id, name, parent_id, parent_name, customers_count, version from group_view order by group_id",
            "select customer_id, name from customer_view order by customer_id",
            "select customer_id, group_id from customer_group_view order by customer_id, group_id",
            "select group_id, parent_id, deleted from group_tree order by group_id",
            "select group_id, customer_id from group_member order by group_id, customer_id",
            "select group_id, name, parent_id, parent_name, customers_count, version, valid_from, valid_to,"
                    + " from_index, to_index from group_timeline order by group_id, from_index",
            "select customer_id, name, valid_from, valid_to, from_index, to_index from customer_timeline"
                    + " order by customer_id, from_index",
            "select customer_id, group_id, valid_from, valid_to, from_index, to_index from customer_group_timeline"
                    + " order by customer_id, group_id, from_index",
            "select offering_id, provider_id from provider_offering order by offering_id",
            "select offering_id, name, provider_id, shared, restricted, include_descendant_groups, version"
                    + " from offering_view order by offering_id",
            "select offering_id, group_id from offering_group_view order by offering_id, group_id",
            "select plan_id, offering_id, name, restricted, include_descendant_groups, version from plan_view"
                    + " order by plan_id",
            "select plan_id, group_id from plan_group_view order by plan_id, group_id",
            "select plan_id, offering_id from plan_stream order by plan_id");

    @Autowired
    ReadModelRebuilder rebuilder;

    @Test
    void rebuildingFromTheEventStoreGivesExactlyTheLiveRows() {
        scriptedHistory();
        Map<String, List<Map<String, Object>>> live = snapshot();
        assertThat(live.get(DERIVED.get(0))).as("groups left alive").hasSize(5);
        assertThat(live.get(DERIVED.get(2))).as("memberships left").isNotEmpty();

        long replayed = rebuilder.rebuildAll();

        assertThat(replayed).isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        assertThat(snapshot()).isEqualTo(live);
    }

    /** Creates, renames, moves, joins, leaves, a cascaded delete and a customer delete. */
    private void scriptedHistory() {
        String root = newGroup("Consortium", null);
        String north = newGroup("North", root);
        String south = newGroup("South", root);
        String lab = newGroup("Lab", north);
        String doomed = newGroup("Doomed", south);
        String doomedChild = newGroup("Doomed child", doomed);
        String other = newGroup("Other root", null);
        patch("/api/organization-groups/" + north + "/", Map.of("name", "Northern region"));
        patch("/api/organization-groups/" + lab + "/", Map.of("parent", linkOfGroup(south)));
        patch("/api/organization-groups/" + root + "/", Map.of("name", "Consortium 2026"));

        String c1 = newCustomer("Alpha");
        String c2 = newCustomer("Beta");
        String c3 = newCustomer("Gamma");
        replaceMemberships(c1, north, lab, doomedChild);
        replaceMemberships(c2, doomed, other);
        replaceMemberships(c3, lab);
        replaceMemberships(c1, north, lab);
        patch("/api/customers/" + c2 + "/", Map.of("name", "Beta 2"));
        String kept = offering("Kept", c1, List.of(Map.of("name", "Basic")), north, doomedChild);
        String gone = offering("Gone with its provider", c3, List.of(Map.of("name", "Lost")), lab);
        assertThat(post("/api/marketplace-plans/", Map.of("name", "Gold", "offering",
                baseUrl() + "/api/marketplace-provider-offerings/" + kept + "/", "organization_groups",
                List.of(linkOfGroup(doomed)), "include_descendant_groups", true)).status()).isEqualTo(201);
        assertThat(post("/api/marketplace-provider-offerings/" + kept + "/update_organization_groups/",
                Map.of("organization_groups", List.of(linkOfGroup(doomed), linkOfGroup(lab)))).status())
                .isEqualTo(200);
        String opened = offering("Opened", c2, List.of(), other);
        assertThat(post("/api/marketplace-provider-offerings/" + opened + "/delete_organization_groups/", Map.of())
                .status()).isEqualTo(204);
        assertThat(gone).isNotEmpty();
        assertThat(delete("/api/organization-groups/" + doomed + "/").status()).isEqualTo(204);
        assertThat(delete("/api/customers/" + c3 + "/").status()).isEqualTo(204);
    }

    /** Creates an offering with nested plans, restricted to the groups; returns its uuid. */
    private String offering(String name, String provider, List<Map<String, String>> plans, String... groups) {
        Response created = post("/api/marketplace-provider-offerings/", Map.of("name", name, "customer",
                baseUrl() + "/api/customers/" + provider + "/", "plans", plans, "organization_groups",
                java.util.Arrays.stream(groups).map(this::linkOfGroup).toList()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("uuid").asText();
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new HashMap<>();
        for (String query : DERIVED) {
            rows.put(query, jdbc.queryForList(query));
        }
        return rows;
    }
}
