package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.app.support.SecondNode;

/**
 * Once a write has answered 2xx, every following read on any node shows it (API.md section 5): the views
 * are written in the same transaction as the events.
 */
class ReadYourWritesIntegrationTest extends IntegrationTest {

    private static SecondNode node2;

    @BeforeAll
    static void startSecondNode() {
        node2 = SecondNode.start();
    }

    @AfterAll
    static void stopSecondNode() {
        node2.close();
    }

    @Test
    void everyWriteIsVisibleAtOnceOnTheOtherNode() {
        String customer = post("/api/customers/", Map.of("name", "Reader")).json().get("uuid").asText();
        int misses = 0;
        int rounds = 100;
        for (int i = 0; i < rounds; i++) {
            Response created = post("/api/organization-groups/", Map.of("name", "rw-" + i));
            assertThat(created.status()).isEqualTo(201);
            String uuid = created.json().get("uuid").asText();
            String onNode2 = node2.baseUrl() + "/api/organization-groups/" + uuid + "/";

            if (!"rw-".concat(Integer.toString(i)).equals(get(onNode2).json().path("name").asText())) {
                misses++;
            }
            call("PATCH", onNode2, adminToken(), json(Map.of("name", "renamed-" + i)));
            if (!("renamed-" + i).equals(get("/api/organization-groups/" + uuid + "/").json().path("name").asText())) {
                misses++;
            }
            call("POST", node2.baseUrl() + "/api/customers/" + customer + "/update_organization_groups/",
                    adminToken(), json(Map.of("organization_groups", List.of(created.json().get("url").asText()))));
            if (get("/api/organization-groups/" + uuid + "/").json().path("customers_count").asLong() != 1) {
                misses++;
            }
        }
        assertThat(misses).as("reads that missed a write acknowledged just before, out of %d", rounds * 3)
                .isZero();
    }
}
