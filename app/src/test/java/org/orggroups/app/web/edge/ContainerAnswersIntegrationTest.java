package org.orggroups.app.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * Answers that the web container or the framework used to make on their own, before the application saw the
 * request, are JSON in DRF's shape and carry {@code X-Correlation-ID} (API.md sections 1 and 8).
 */
class ContainerAnswersIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";
    private static final String ID = "X-Correlation-ID: edge-1\r\n";

    @Test
    void traceIsAnsweredLikeAnyMethodTheResourceLacks() {
        RawHttp.Answer staff = RawHttp.send(port, "TRACE " + GROUPS + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Authorization: Token " + adminToken() + "\r\n" + ID);
        assertThat(staff.status()).isEqualTo(405);
        assertThat(staff.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        assertThat(staff.header("Content-Type")).startsWith("application/json");
        assertThat(staff.header("X-Correlation-ID")).isEqualTo("edge-1");
        assertThat(staff.body()).isEqualTo("{\"detail\":\"Method \\\"TRACE\\\" not allowed.\"}")
                .doesNotContain(adminToken());

        RawHttp.Answer detail = RawHttp.send(port, "TRACE " + GROUPS + "6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/ HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\nAuthorization: Token " + adminToken() + "\r\n");
        assertThat(detail.status()).isEqualTo(405);
        assertThat(detail.header("Allow")).isEqualTo("GET, PUT, PATCH, DELETE, HEAD, OPTIONS");

        RawHttp.Answer anonymous = RawHttp.send(port, "TRACE " + GROUPS + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + ID);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("X-Correlation-ID")).isEqualTo("edge-1");
        assertThat(anonymous.body()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
    }

    @Test
    void connectIs501InJson() {
        RawHttp.Answer answer = RawHttp.send(port, "CONNECT localhost:" + port + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + ID);
        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("X-Correlation-ID")).isEqualTo("edge-1");
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Method \\\"CONNECT\\\" not implemented.\"}");
    }

    @Test
    void aCorsPreflightIsAnsweredAsAPlainOptionsWithoutCorsHeaders() {
        Response plain = call("OPTIONS", GROUPS, null, null);
        Response preflight = call("OPTIONS", GROUPS, null, null, "Origin", "http://elsewhere.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Allow")).isEqualTo(plain.header("Allow"));
        assertThat(preflight.body()).isEqualTo(plain.body());
        assertThat(preflight.header("X-Correlation-ID")).isNotBlank();
        assertThat(preflight.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void aRequestLineOverTheLimitIs414InJson() {
        for (int size : new int[] {10_000, 100_000}) {
            RawHttp.Answer answer = RawHttp.send(port, "GET " + GROUPS + "?zzz=" + "a".repeat(size)
                    + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + ID);
            assertThat(answer.status()).as("query of %d", size).isEqualTo(414);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            // the headers after the overlong line were never read: the id is a new one
            assertThat(answer.header("X-Correlation-ID")).matches("[0-9a-f]{32}");
            assertThat(answer.body()).isEqualTo("{\"detail\":\"Request URI too long.\"}");
        }
    }

    @Test
    void headersOverTheLimitAre431InJson() {
        RawHttp.Answer answer = RawHttp.send(port, "GET " + GROUPS + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + ID
                + "X-Big: " + "a".repeat(10_000) + "\r\n");
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("X-Correlation-ID")).isEqualTo("edge-1");
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Request header fields too large.\"}");
    }

    @Test
    void aMalformedPathKeepsItsJson400AndGetsACorrelationId() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /api/organization-groups/a%2Fb/ HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + ID);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("X-Correlation-ID")).isEqualTo("edge-1");
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Malformed request.\"}");
    }

    @Test
    void unknownQueryParametersAreIgnoredOnEveryListAndDetail() {
        String group = newGroup("Group", null);
        String customer = newCustomer("Customer");
        String[] paths = {GROUPS, GROUPS + group + "/", "/api/customers/", "/api/customers/" + customer + "/",
                GROUPS + group + "/history/", "/api/audit-events/", "/api/users/", "/api/projections/"};
        for (String path : paths) {
            Response plain = call("GET", path, adminToken(), null);
            RawHttp.Answer noisy = RawHttp.send(port, "GET " + path + "?zzz[]=2&foo=bar HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Authorization: Token " + adminToken() + "\r\n");
            assertThat(noisy.status()).as(path).isEqualTo(200);
            assertThat(noisy.body()).as(path).isEqualTo(plain.body());
            assertThat(noisy.header("X-Result-Count")).as(path).isEqualTo(plain.header("X-Result-Count"));
        }
    }
}
