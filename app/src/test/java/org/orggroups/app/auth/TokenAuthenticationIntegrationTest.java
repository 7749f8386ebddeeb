package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TokenAuthenticationIntegrationTest extends AuthIntegrationTest {

    private static final String INVALID_TOKEN = "{\"detail\":\"Invalid token.\"}";
    private static final String NOT_PROVIDED = "{\"detail\":\"Authentication credentials were not provided.\"}";
    private static final String NO_PERMISSION = "{\"detail\":\"You do not have permission to perform this action.\"}";

    @Test
    void unknownTokenOnAnAnonymousReadIs401InvalidToken() {
        Response response = call("GET", "/api/organization-groups/", "0123456789abcdef0123456789abcdef01234567", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(INVALID_TOKEN);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void garbageTokenIs401InvalidToken() {
        Response response = call("GET", "/api/customers/", "not-a-token", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void tokenOlderThanItsLifetimeIs401InvalidToken() {
        String oldToken = insertAdminToken(Duration.ofHours(25));
        String youngToken = insertAdminToken(Duration.ofHours(23));

        Response response = call("GET", "/api/users/", oldToken, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(INVALID_TOKEN);
        assertThat(call("GET", "/api/users/", youngToken, null).status()).isEqualTo(200);
    }

    /**
     * Stores a token of the staff user issued {@code age} ago, as a login with the default lifetime (24 hours) would
     * have, and returns it.
     */
    private String insertAdminToken(Duration age) {
        String token = Tokens.generate();
        UUID adminId = jdbc.queryForObject("select id from app_user where username = ?", UUID.class, ADMIN_USERNAME);
        OffsetDateTime issued = OffsetDateTime.now(ZoneOffset.UTC).minus(age);
        jdbc.update("insert into auth_token (token_hash, user_id, created, expires_at) values (?, ?, ?, ?)",
                Tokens.hash(token), adminId, issued, issued.plusHours(24));
        return token;
    }

    /**
     * A user deactivated in the database: a token this node has never resolved is refused at once; one it
     * resolved a moment ago is refused too once {@code orggroups.auth.token-cache-ttl} (5 s) has passed (the bound
     * itself is checked with a moved clock in {@link TokenCacheIntegrationTest}).
     */
    @Test
    void tokenOfADeactivatedUserIs401InvalidTokenWithinTheCacheBound() {
        String username = uniqueUsername("leaver");
        createUser(username, PASSWORD, true);
        String used = login(username, PASSWORD);
        String unused = login(username, PASSWORD);
        assertThat(call("GET", "/api/users/", used, null).status()).isEqualTo(200);

        jdbc.update("update app_user set is_active = false where username = ?", username);

        Response fresh = call("GET", "/api/organization-groups/", unused, null);
        assertThat(fresh.status()).isEqualTo(401);
        assertThat(fresh.body()).isEqualTo(INVALID_TOKEN);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> call("GET", "/api/organization-groups/", used, null).status() == 401);
    }

    @Test
    void tokenKeywordIsCaseInsensitive() {
        for (String keyword : new String[] {"Token", "token", "TOKEN", "tOkEn"}) {
            Response response = call("GET", "/api/users/", null, null, "Authorization", keyword + " " + adminToken());
            assertThat(response.status()).as(keyword).isEqualTo(200);
        }
    }

    @Test
    void tokenHeaderWithoutAKeyIs401() {
        Response response = call("GET", "/api/organization-groups/", null, null, "Authorization", "Token");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid token header. No credentials provided.\"}");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
    }

    @Test
    void anotherAuthorizationSchemeCountsAsNoCredentials() {
        Response response = call("POST", "/api/organization-groups/", null, json(Map.of("name", "x")),
                "Authorization", "Bearer " + adminToken());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(NOT_PROVIDED);
    }

    @Test
    void anonymousWriteIs401CredentialsNotProvided() {
        for (String path : new String[] {"/api/organization-groups/", "/api/organization-groups"}) {
            Response response = call("POST", path, null, json(Map.of("name", "x")));

            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.body()).isEqualTo(NOT_PROVIDED);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
        }
    }

    @Test
    void anonymousDeleteOfACustomerIs401() {
        Response response = call("DELETE", "/api/customers/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/", null, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(NOT_PROVIDED);
    }

    @Test
    void nonStaffWriteIs403() {
        String token = nonStaffToken();

        for (String path : new String[] {"/api/organization-groups/", "/api/organization-groups"}) {
            Response response = call("POST", path, token, json(Map.of("name", "x")));

            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.body()).isEqualTo(NO_PERMISSION);
        }
    }

    @Test
    void historyIsForStaffOnly() {
        String path = "/api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/history/";

        Response anonymous = call("GET", path, null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo(NOT_PROVIDED);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Token");

        Response nonStaff = call("GET", path.replace("/history/", "/history/at/") + "?timestamp=2026-01-01",
                nonStaffToken(), null);
        assertThat(nonStaff.status()).isEqualTo(403);
        assertThat(nonStaff.body()).isEqualTo(NO_PERMISSION);
    }

    @Test
    void healthIsOpenAndOtherActuatorEndpointsAreForStaff() {
        assertThat(call("GET", "/actuator/health", null, null).status()).isEqualTo(200);

        Response anonymous = call("GET", "/actuator/metrics", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo(NOT_PROVIDED);

        assertThat(call("GET", "/actuator/metrics", nonStaffToken(), null).status()).isEqualTo(403);
        assertThat(call("GET", "/actuator/metrics", adminToken(), null).status()).isEqualTo(200);
    }
}
