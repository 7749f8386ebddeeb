package org.orggroups.app.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * A write naming a group's uuid under {@code /api/customers/}, or a customer's under
 * {@code /api/organization-groups/}, is 404 {@code {"detail":"Not found."}} and changes nothing (API.md section 1:
 * a uuid of another resource is no such object).
 */
class WrongKindOfResourceIntegrationTest extends IntegrationTest {

    private static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";

    @Test
    void writesToACustomerPathWithAGroupsUuidAreNotFoundAndChangeNothing() {
        String group = newGroup("A group", null);
        String customer = newCustomer("A customer");
        long events = events();
        String path = "/api/customers/" + group + "/";

        assertNotFound(patch(path, Map.of("name", "Renamed")));
        assertNotFound(put(path, Map.of("name", "Renamed")));
        assertNotFound(delete(path));
        assertNotFound(post(path + "update_organization_groups/",
                Map.of("organization_groups", List.of(linkOfGroup(group)))));

        assertThat(events()).isEqualTo(events);
        assertThat(get("/api/organization-groups/" + group + "/").json().get("name").asText()).isEqualTo("A group");
        assertThat(get("/api/customers/").header("X-Result-Count")).isEqualTo("1");
        assertThat(get("/api/customers/" + customer + "/").status()).isEqualTo(200);
    }

    @Test
    void writesToAGroupPathWithACustomersUuidAreNotFoundAndChangeNothing() {
        newGroup("A group", null);
        String customer = newCustomer("A customer");
        long events = events();
        String path = "/api/organization-groups/" + customer + "/";

        assertNotFound(patch(path, Map.of("name", "Renamed")));
        assertNotFound(put(path, Map.of("name", "Renamed")));
        assertNotFound(delete(path));

        assertThat(events()).isEqualTo(events);
        assertThat(get("/api/customers/" + customer + "/").json().get("name").asText()).isEqualTo("A customer");
        assertThat(get("/api/organization-groups/").header("X-Result-Count")).isEqualTo("1");
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).isEqualTo(NOT_FOUND);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
