package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * The audit log (API.md section 8) takes an offering's event whatever the number of groups it lists: such a payload
 * once outgrew the audit row's column, and the audit projection then retried that event for ever, so that no later
 * event reached the log.
 */
class OfferingAuditIntegrationTest extends OfferingTestSupport {

    /** Enough group uuids (about 35 characters each in the payload) to pass 4,000 characters. */
    private static final int GROUPS = 130;

    @Test
    void anOfferingRestrictedToManyGroupsIsAuditedAndTheLogGoesOn() {
        String provider = post("/api/customers/", Map.of("name", "Wide provider")).json().get("uuid").asText();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groups.add(post("/api/organization-groups/", Map.of("name", "Audited " + i)).json().get("uuid").asText());
        }
        String offering = newOffering("Everywhere", provider, groups.toArray(String[]::new));
        String later = post("/api/organization-groups/", Map.of("name", "After the offering")).json()
                .get("uuid").asText();

        JsonNode laterEvents = audited(later);
        assertThat(laterEvents).hasSize(1);
        assertThat(laterEvents.get(0).get("event_type").asText()).isEqualTo("GroupCreated");
        JsonNode created = audited(offering).get(0);
        assertThat(created.get("event_type").asText()).isEqualTo("OfferingCreated");
        List<String> listed = new ArrayList<>();
        created.get("payload").get("group_ids").forEach(id -> listed.add(id.asText()));
        // as every uuid on the wire: 32 hex digits, equal to the groups' own uuid fields (API.md section 8)
        assertThat(listed).containsExactlyInAnyOrderElementsOf(groups);
        assertThat(created.get("payload").toString().length()).isGreaterThan(4_000);
        JsonNode audit = call("GET", "/api/projections/audit-events/", adminToken(), null).json();
        assertThat(audit.get("status").asText()).isEqualTo("live");
    }

    /** @return the audit events of one aggregate, once the audit projection has caught up with them */
    private JsonNode audited(String aggregate) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> call("GET", "/api/audit-events/?aggregate_uuid=" + aggregate, adminToken(), null),
                        r -> r.status() == 200 && "0".equals(r.header("X-Projection-Lag"))
                                && !"0".equals(r.header("X-Result-Count")))
                .json();
    }
}
