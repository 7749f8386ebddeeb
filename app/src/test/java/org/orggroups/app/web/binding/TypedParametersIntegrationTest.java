package org.orggroups.app.web.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * Typed arguments are resolved in their declared order, so a path's uuid is read (and its resource looked up, for
 * history) before any query parameter, as the contract orders the errors; repeated query values keep Django's
 * reading (the last counts).
 */
class TypedParametersIntegrationTest extends IntegrationTest {

    private static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";

    private Response staffGet(String path) {
        return call("GET", path, adminToken(), null);
    }

    @Test
    void unknownHistorySubjectIs404BeforeItsBadParameters() {
        String unknown = UUID.randomUUID().toString().replace("-", "");

        Response list = staffGet("/api/organization-groups/" + unknown + "/history/?created_after=bad&page=x");
        Response at = staffGet("/api/customers/" + unknown + "/history/at/?timestamp=bad");

        assertThat(list.status()).isEqualTo(404);
        assertThat(list.body()).isEqualTo(NOT_FOUND);
        assertThat(at.status()).isEqualTo(404);
        assertThat(at.body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void historyOfAGroupIsNotFoundUnderCustomers() {
        String group = newGroup("Typed history subject", null);

        assertThat(staffGet("/api/organization-groups/" + group + "/history/").status()).isEqualTo(200);
        assertThat(staffGet("/api/customers/" + group + "/history/").body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void lastTimestampCountsAndIsEchoedAsSent() {
        String group = newGroup("Typed timestamp", null);

        Response at = staffGet("/api/organization-groups/" + group + "/history/at/?timestamp=bad&timestamp=2100-01-01");

        assertThat(at.status()).isEqualTo(200);
        assertThat(at.json().get("queried_at").asText()).isEqualTo("2100-01-01");
    }

    @Test
    void malformedMembershipUuidIs404BeforeBadDates() {
        Response response = staffGet("/api/reports/organization-groups/not-a-uuid/membership/?from=bad");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void unknownMembershipGroupWithBadDatesIs400() {
        String unknown = UUID.randomUUID().toString();

        Response response = staffGet("/api/reports/organization-groups/" + unknown + "/membership/?from=bad&interval=hour");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"from\":[\"Date has wrong format. Use one of these formats instead: "
                + "YYYY-MM-DD.\"],\"interval\":[\"\\\"hour\\\" is not a valid choice.\"]}");
    }

    @Test
    void malformedUserUuidIs404() {
        assertThat(staffGet("/api/users/not-a-uuid/").body()).isEqualTo(NOT_FOUND);
        assertThat(staffGet("/api/users/not-a-uuid").body()).isEqualTo(NOT_FOUND);
    }
}
