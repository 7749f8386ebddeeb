package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Inputs a new user threw at the service to break it: every one must get the contract's status and a JSON body,
 * never a 500 (API.md section 1).
 */
@ExtendWith(OutputCaptureExtension.class)
class RobustnessIntegrationTest extends IntegrationTest {

    private static final String NUL = "{\"%s\":[\"Null characters are not allowed.\"]}";

    @Test
    void errorsAreJsonWithTheirOwnStatusWhateverTheAcceptHeaderAsks() {
        Response notFound = call("GET", "/api/organization-groups/nothex/", null, null, "Accept", "text/html");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("{\"detail\":\"Not found.\"}");

        Response badFilter = call("GET", "/api/organization-groups/?parent=bad", null, null, "Accept", "text/plain");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body()).isEqualTo("{\"parent\":[\"Enter a valid UUID.\"]}");
    }

    /**
     * A write to a group or customer that does not exist is the client's mistake: 404, and no warning with a stack
     * trace in the log (Axon's repository logged one for each).
     */
    @Test
    void aWriteToNothingIsA404WithoutAStackTraceInTheLog(CapturedOutput output) {
        String unknown = "11111111111111111111111111111111";
        for (String[] write : new String[][] {{"DELETE", "/api/organization-groups/" + unknown + "/", null},
                {"PATCH", "/api/organization-groups/" + unknown + "/", json(Map.of("name", "a"))},
                {"PATCH", "/api/customers/" + unknown + "/", json(Map.of("name", "a"))},
                {"DELETE", "/api/customers/" + unknown + "/", null}}) {
            Response response = call(write[0], write[1], adminToken(), write[2]);
            assertThat(response.status()).as(write[0] + " " + write[1]).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
        }
        assertThat(output.getAll()).doesNotContain("AggregateNotFoundException").doesNotContain("AbstractRepository");
    }

    /** The Link header repeats the query four times: a long one must not overflow the response headers. */
    @Test
    void aLongUnknownParameterIsIgnoredAndKeptInTheLinks() {
        newGroup("First", null);
        newGroup("Second", null);
        String filler = "a".repeat(4_000);

        Response groups = get("/api/organization-groups/?page_size=1&page=2&zzz=" + filler);

        assertThat(groups.status()).isEqualTo(200);
        assertThat(groups.header("Link")).contains("zzz=" + filler);
        Response report = call("GET", "/api/reports/organization-groups/?format=csv&page_size=1&zzz=" + filler,
                adminToken(), null);
        assertThat(report.status()).isEqualTo(200);
    }

    @Test
    void nulCharactersInTextFiltersAreRefusedWith400() {
        for (String filter : new String[] {"name", "name_exact"}) {
            Response response = get("/api/organization-groups/?" + filter + "=a%00b");
            assertThat(response.status()).as(filter).isEqualTo(400);
            assertThat(response.body()).isEqualTo(NUL.formatted(filter));
        }
        Response customers = get("/api/customers/?organization_group_name=%00");
        assertThat(customers.status()).isEqualTo(400);
        assertThat(customers.body()).isEqualTo(NUL.formatted("organization_group_name"));
    }

    @Test
    void aNulCharacterInLoginIsWrongCredentialsAndInAFullNameIsRefused() {
        Response login = call("POST", "/api-auth/password/", null,
                json(Map.of("username", "ad\u0000min", "password", "x")));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.body()).isEqualTo("{\"detail\":\"Invalid username/password\"}");

        Response user = post("/api/users/", Map.of("username", "nul-user", "password", "long-enough-1",
                "full_name", "a\u0000b", "is_staff", false));
        assertThat(user.status()).isEqualTo(400);
        assertThat(user.body()).isEqualTo(NUL.formatted("full_name"));
    }

    @Test
    void anUnknownMethodIs405WithAllowForStaffAnd401ForAnonymousCallers() {
        Response staff = call("PROPFIND", "/api/organization-groups/", adminToken(), null);
        assertThat(staff.status()).isEqualTo(405);
        assertThat(staff.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        assertThat(staff.body()).isEqualTo("{\"detail\":\"Method \\\"PROPFIND\\\" not allowed.\"}");

        assertThat(call("PROPFIND", "/api/organization-groups/", null, null).status()).isEqualTo(401);
    }

    @Test
    void linksBuiltUnderAForwardedPrefixAreAcceptedBack() {
        Response parent = call("POST", "/api/organization-groups/", adminToken(), json(Map.of("name", "Prefixed")),
                "X-Forwarded-Prefix", "/waldur");
        String parentUrl = parent.json().get("url").asText();
        assertThat(parentUrl).contains("/waldur/api/organization-groups/");

        Map<String, Object> body = new HashMap<>();
        body.put("name", "Child");
        body.put("parent", parentUrl);
        Response child = call("POST", "/api/organization-groups/", adminToken(), json(body),
                "X-Forwarded-Prefix", "/waldur");

        assertThat(child.status()).as(child.body()).isEqualTo(201);
        assertThat(child.json().get("parent").asText()).isEqualTo(parentUrl);
    }

    @Test
    void theErrorPathItselfIsNotFound() {
        Response response = get("/error");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }
}
