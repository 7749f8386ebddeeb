package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orggroups.app.support.SecondNode;

/**
 * Offerings on two nodes of one database (API.md sections 5 and 12): a write acknowledged on one node is read at
 * once on the other, races between restrictions and group deletes never leave a live restriction naming a deleted
 * group, order checks during membership changes always answer as of some serial order; and the history and audit
 * log of offerings and plans.
 */
class OfferingClusterIntegrationTest extends OfferingTestSupport {

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
    void everyOfferingWriteIsVisibleAtOnceOnTheOtherNode() {
        String provider = newCustomer("Provider");
        String member = newCustomer("Member");
        String group = newGroup("G", null);
        replaceMemberships(member, group);
        int misses = 0;
        for (int i = 0; i < 20; i++) {
            String offering = newOffering("rw-" + i, provider);
            if (call("GET", node2.baseUrl() + OFFERINGS + offering + "/", adminToken(), null).status() != 200) {
                misses++;
            }
            call("POST", node2.baseUrl() + OFFERINGS + offering + "/update_organization_groups/", adminToken(),
                    json(Map.of("organization_groups", List.of(linkOfGroup(group)))));
            if (!"granted".equals(orderCheck(offering, member, null).path("reason").asText())) {
                misses++;
            }
            restrictOffering(offering);
            JsonNode check = call("GET", node2.baseUrl() + OFFERINGS + offering + "/order_check/?customer_uuid="
                    + provider, adminToken(), null).json();
            if (!"open".equals(check.path("reason").asText())) {
                misses++;
            }
        }
        assertThat(misses).as("reads that missed a write acknowledged just before").isZero();
    }

    @Test
    void aRestrictionRacingWithTheDeleteOfItsGroupNeverNamesADeletedGroup() throws Exception {
        String provider = newCustomer("Provider");
        String member = newCustomer("Member");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                String parent = newGroup("Parent " + round, null);
                String group = newGroup("G " + round, parent);
                replaceMemberships(member, group);
                String offering = newOffering("Race " + round, provider);
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> restrict = threads.submit(() -> {
                    start.await();
                    return call("POST", OFFERINGS + offering + "/update_organization_groups/", adminToken(),
                            json(Map.of("organization_groups", List.of(linkOfGroup(group)))));
                });
                Future<Response> remove = threads.submit(() -> {
                    start.await();
                    return call("DELETE", node2.baseUrl() + "/api/organization-groups/" + parent + "/",
                            adminToken(), null);
                });
                start.countDown();
                Response restricted = restrict.get(60, TimeUnit.SECONDS);
                assertThat(remove.get(60, TimeUnit.SECONDS).status()).isEqualTo(204);
                assertThat(restricted.status()).as(restricted.body()).isIn(200, 400);
                if (restricted.status() == 400) {
                    assertThat(restricted.body()).isEqualTo(
                            "{\"organization_groups\":[\"Invalid hyperlink - Object does not exist.\"]}");
                }
                assertThat(jdbc.queryForObject("select count(*) from offering_group_view v join group_tree t"
                        + " on t.group_id = v.group_id where t.deleted", Long.class))
                        .as("live restriction rows naming a deleted group").isZero();
                JsonNode after = call("GET", OFFERINGS + offering + "/", adminToken(), null).json();
                assertThat(after.get("organization_groups")).isEmpty();
                assertThat(after.get("restricted").asBoolean()).isEqualTo(restricted.status() == 200);
                assertThat(orderCheck(offering, member, null).get("reason").asText())
                        .isEqualTo(restricted.status() == 200 ? "offering_groups_deleted" : "open");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void orderChecksDuringMembershipChangesAnswerAsOfSomeSerialOrder() throws Exception {
        String provider = newCustomer("Provider");
        String customer = newCustomer("Moving");
        String inside = newGroup("Inside", null);
        String outside = newGroup("Outside", null);
        String offering = newOffering("Compute", provider, inside);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<JsonNode> answers = Collections.synchronizedList(new ArrayList<>());
        try {
            Future<?> writer = threads.submit(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        replaceMemberships(customer, i % 2 == 0 ? outside : inside);
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = threads.submit(() -> {
                while (writing.get()) {
                    Response check = call("GET", node2.baseUrl() + OFFERINGS + offering
                            + "/order_check/?customer_uuid=" + customer, adminToken(), null);
                    assertThat(check.status()).isEqualTo(200);
                    answers.add(check.json());
                }
                return null;
            });
            writer.get(120, TimeUnit.SECONDS);
            reader.get(120, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(answers).isNotEmpty();
        for (JsonNode answer : answers) {
            if (answer.get("allowed").asBoolean()) {
                assertThat(answer.get("reason").asText()).isEqualTo("granted");
                assertThat(uuids(answer.get("offering").get("granted_by"))).containsExactly(inside);
            } else {
                assertThat(answer.get("reason").asText()).isEqualTo("not_in_offering_groups");
                assertThat(answer.get("offering").get("granted_by")).isEmpty();
            }
        }
        assertThat(orderCheck(offering, customer, null).get("reason").asText()).as("the last write: inside")
                .isEqualTo("granted");
    }

    @Test
    void historyShowsEveryVersionOfOfferingsAndPlansToStaff() {
        String provider = newCustomer("Provider");
        String unis = newGroup("Universities", null);
        JsonNode created = newOffering("Compute", provider, true, List.of("Basic"), unis);
        String offering = created.get("uuid").asText();
        String plan = created.get("plans").get(0).get("uuid").asText();
        Instant afterCreation = Instant.now();
        assertThat(call("POST", OFFERINGS + offering + "/delete_organization_groups/", adminToken(), null).status())
                .isEqualTo(204);
        assertThat(post(PLANS + plan + "/update_organization_groups/",
                Map.of("organization_groups", List.of(linkOfGroup(unis)))).status()).isEqualTo(200);

        Response versions = call("GET", OFFERINGS + offering + "/history/", adminToken(), null);
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.json().size()).isGreaterThanOrEqualTo(2);
        JsonNode latest = versions.json().get(0);
        List<String> keys = new ArrayList<>();
        latest.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "revision_date", "revision_user", "revision_comment",
                "serialized_data");
        assertThat(latest.get("revision_user").get("username").asText()).isEqualTo(ADMIN_USERNAME);
        assertThat(latest.get("revision_comment").asText()).isNotBlank();
        assertThat(latest.get("serialized_data"))
                .isEqualTo(call("GET", OFFERINGS + offering + "/", adminToken(), null).json());
        JsonNode first = versions.json().get(versions.json().size() - 1);
        assertThat(first.get("serialized_data").get("restricted").asBoolean()).as("restricted from birth").isTrue();

        Response at = call("GET", OFFERINGS + offering + "/history/at/?timestamp=" + afterCreation, adminToken(),
                null);
        assertThat(at.status()).isEqualTo(200);
        assertThat(at.json().get("serialized_data").get("restricted").asBoolean()).isTrue();
        assertThat(at.json().get("queried_at").asText()).isEqualTo(afterCreation.toString());

        Response planVersions = call("GET", PLANS + plan + "/history/", adminToken(), null);
        assertThat(planVersions.status()).isEqualTo(200);
        assertThat(planVersions.json().get(0).get("serialized_data"))
                .isEqualTo(call("GET", PLANS + plan + "/", adminToken(), null).json());
        assertThat(call("GET", PLANS + plan + "/history/at/?timestamp=2000-01-01T00:00:00Z", adminToken(), null)
                .body()).isEqualTo("{\"detail\":\"No version found before the specified timestamp.\"}");

        assertThat(call("GET", OFFERINGS + offering + "/history/", null, null).status()).isEqualTo(401);
        assertThat(call("GET", OFFERINGS + offering + "/history/", viewer(), null).status()).isEqualTo(403);
        assertThat(call("GET", OFFERINGS + provider + "/history/", adminToken(), null).status()).isEqualTo(404);
        assertThat(call("GET", PLANS + offering + "/history/", adminToken(), null).status()).isEqualTo(404);
    }

    @Test
    void theAuditLogListsOfferingEvents() {
        String provider = newCustomer("Provider");
        String group = newGroup("G", null);
        String offering = newOffering("Compute", provider, group);
        newPlan("Basic", offering);
        restrictOffering(offering);
        for (String type : List.of("OfferingCreated", "PlanCreated", "OfferingAccessOpened")) {
            Response events = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> call("GET", "/api/audit-events/?event_type=" + type, adminToken(), null),
                            r -> r.status() == 200 && r.json().size() == 1);
            assertThat(events.json().get(0).get("aggregate_uuid").asText()).isEqualTo(offering);
        }
    }
}
