package org.orggroups.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/** {@code GET /api/audit-events/}: the audit log served by the streaming audit projection. */
class AuditEventsIntegrationTest extends IntegrationTest {

    private static final String AUDIT = "/api/audit-events/";

    @Test
    void listsEveryEventNewestFirstWithItsFieldsAndFilters() {
        JsonNode group = post("/api/organization-groups/", Map.of("name", "Nordic")).json();
        String groupId = group.get("uuid").asText();
        Response renamed = call("PATCH", "/api/organization-groups/" + groupId + "/", adminToken(),
                json(Map.of("name", "Nordics")), "X-Correlation-ID", "audit-rename-1");
        assertThat(renamed.status()).isEqualTo(200);
        String customerId = post("/api/customers/", Map.of("name", "Acme")).json().get("uuid").asText();
        assertThat(post("/api/customers/" + customerId + "/update_organization_groups/",
                Map.of("organization_groups", List.of(group.get("url").asText()))).status()).isEqualTo(200);

        Response all = awaitCount(AUDIT, 4);
        assertThat(all.header("X-Event-Position")).isNotNull();
        assertThat(all.header("X-Projection-Lag")).isEqualTo("0");
        JsonNode events = all.json();
        assertThat(texts(events, "event_type"))
                .containsExactly("CustomerJoinedGroup", "CustomerCreated", "GroupRenamed", "GroupCreated");
        List<Long> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.get("id").asLong()));
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all.header("X-Event-Position")).isEqualTo(Long.toString(ids.get(0)));

        JsonNode join = events.get(0);
        List<String> fields = new ArrayList<>();
        join.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "event_type", "aggregate_type", "aggregate_uuid", "sequence",
                "timestamp", "user", "correlation_id", "payload");
        assertThat(join.get("aggregate_type").asText()).isEqualTo("Customer");
        assertThat(join.get("aggregate_uuid").asText()).isEqualTo(customerId);
        assertThat(join.get("sequence").asLong()).isEqualTo(1);
        assertThat(join.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
        assertThat(join.get("user").get("username").asText()).isEqualTo(ADMIN_USERNAME);
        String adminId = join.get("user").get("uuid").asText();
        assertThat(adminId).matches("[0-9a-f]{32}");
        assertThat(join.get("payload")).isEqualTo(JSON.valueToTree(Map.of("customer_id", customerId,
                "group_id", groupId)));

        JsonNode rename = events.get(2);
        assertThat(rename.get("aggregate_type").asText()).isEqualTo("OrganizationGroup");
        assertThat(rename.get("aggregate_uuid").asText()).isEqualTo(groupId);
        assertThat(rename.get("sequence").asLong()).isEqualTo(1);
        assertThat(rename.get("correlation_id").asText()).isEqualTo("audit-rename-1");
        assertThat(json(rename.get("payload")))
                .isEqualTo("{\"group_id\":\"" + groupId + "\",\"name\":\"Nordics\",\"previous_name\":\"Nordic\"}");
        assertThat(json(events.get(3).get("payload")))
                .isEqualTo("{\"group_id\":\"" + groupId + "\",\"name\":\"Nordic\",\"parent_id\":null}");

        String dashed = UUID.fromString(groupId.replaceFirst(
                "(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5")).toString().toUpperCase();
        assertThat(texts(list("?aggregate_uuid=" + dashed).json(), "event_type"))
                .containsExactly("GroupRenamed", "GroupCreated");
        assertThat(texts(list("?event_type=GroupRenamed").json(), "aggregate_uuid")).containsExactly(groupId);
        assertThat(list("?user_uuid=" + adminId).header("X-Result-Count")).isEqualTo("4");
        assertThat(list("?user_uuid=" + UUID.randomUUID()).json()).isEmpty();
        assertThat(texts(list("?correlation_id=audit-rename-1").json(), "event_type")).containsExactly("GroupRenamed");
        String renamedAt = rename.get("timestamp").asText();
        assertThat(texts(list("?created_after=" + renamedAt).json(), "event_type"))
                .containsExactly("CustomerJoinedGroup", "CustomerCreated");
        assertThat(texts(list("?created_before=" + renamedAt).json(), "event_type")).containsExactly("GroupCreated");
        assertThat(texts(list("?created_before=" + renamedAt + "&event_type=GroupRenamed").json(), "event_type"))
                .isEmpty();
        Response paged = list("?page_size=3&page=2");
        assertThat(texts(paged.json(), "event_type")).containsExactly("GroupCreated");
        assertThat(paged.header("X-Result-Count")).isEqualTo("4");
        assertThat(paged.header("Link")).isEqualTo("<" + baseUrl() + AUDIT + "?page_size=3>; rel=\"first\", <"
                + baseUrl() + AUDIT + "?page_size=3>; rel=\"prev\", <" + baseUrl() + AUDIT
                + "?page=2&page_size=3>; rel=\"last\"");
    }

    /**
     * Bounds finer than the stored microseconds (API.md section 7: finer digits are dropped) keep every event on
     * its side: an event is after an instant half a microsecond before it, though the database would round that
     * instant to the event's own.
     */
    @Test
    void boundsBetweenMicrosecondsKeepEachEventOnItsSide() {
        post("/api/organization-groups/", Map.of("name", "Fine"));
        Instant at = Instant.parse(awaitCount(AUDIT, 1).json().get(0).get("timestamp").asText());
        String halfBefore = at.minusNanos(500).toString();
        String justAfter = at.plusNanos(100).toString();
        assertThat(halfBefore).endsWith("500Z");
        assertThat(list("?created_after=" + halfBefore).header("X-Result-Count")).isEqualTo("1");
        assertThat(list("?created_before=" + justAfter).header("X-Result-Count")).isEqualTo("1");
        assertThat(list("?created_after=" + justAfter).header("X-Result-Count")).isEqualTo("0");
        assertThat(list("?created_before=" + halfBefore).header("X-Result-Count")).isEqualTo("0");
    }

    @Test
    void badFiltersAreFieldErrors() {
        Response badUuid = list("?aggregate_uuid=nope");
        assertThat(badUuid.status()).isEqualTo(400);
        assertThat(badUuid.body()).isEqualTo("{\"aggregate_uuid\":[\"Enter a valid UUID.\"]}");
        assertThat(list("?user_uuid=123").body()).isEqualTo("{\"user_uuid\":[\"Enter a valid UUID.\"]}");
        Response badTime = list("?created_before=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body()).isEqualTo("{\"created_before\":\"Invalid timestamp format.\"}");
        assertThat(list("?created_after=2026-13-01").body())
                .isEqualTo("{\"created_after\":\"Invalid timestamp format.\"}");
        assertThat(list("?page=7").status()).isEqualTo(404);
    }

    @Test
    void isForStaffOnly() {
        Response anonymous = call("GET", AUDIT, null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
        post("/api/users/", Map.of("username", "auditor", "password", "auditor-password", "full_name", "A",
                "is_staff", false));
        Response user = call("GET", AUDIT, login("auditor", "auditor-password"), null);
        assertThat(user.status()).isEqualTo(403);
    }

    private Response list(String query) {
        return call("GET", AUDIT + query, adminToken(), null);
    }

    /** Waits until the streaming projection has caught up with {@code count} events. */
    private Response awaitCount(String path, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> call("GET", path, adminToken(), null),
                        r -> r.status() == 200 && String.valueOf(count).equals(r.header("X-Result-Count"))
                                && "0".equals(r.header("X-Projection-Lag")));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }
}
