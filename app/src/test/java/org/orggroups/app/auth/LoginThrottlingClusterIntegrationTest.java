package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orggroups.app.support.SecondNode;

/**
 * Login throttling and token expiry on two nodes of one database (API.md section 2): this test's own node, with the
 * default token lifetime of 24 hours, and a second one whose token lifetime is 1 hour. Failures count once for the
 * cluster, and every node agrees on when a token expires.
 */
class LoginThrottlingClusterIntegrationTest extends AuthIntegrationTest {

    private static SecondNode node2;

    @BeforeAll
    static void startSecondNode() {
        node2 = SecondNode.start("--orggroups.auth.token-lifetime=1h");
    }

    @AfterAll
    static void stopSecondNode() {
        node2.close();
    }

    @Test
    void fiveGuessesSplitOverBothNodesExhaustTheAddressLimitOnBoth() {
        String username = uniqueUsername("split");
        createUser(username, PASSWORD, false);
        String guesser = uniqueAddress();
        for (int i = 0; i < 5; i++) {
            String node = i % 2 == 0 ? baseUrl() : node2.baseUrl();
            assertThat(loginFrom(node, guesser, username, "guess-" + i).status()).isEqualTo(401);
        }

        assertThat(loginFrom(baseUrl(), guesser, username, "guess-5").status()).isEqualTo(429);
        assertThat(loginFrom(node2.baseUrl(), guesser, username, "guess-6").status()).isEqualTo(429);
        assertThat(loginFrom(node2.baseUrl(), guesser, username, PASSWORD).status())
                .as("the right password from the guesser's address").isEqualTo(429);
    }

    @Test
    void theRightPasswordFromAnotherAddressGetsThroughAUsernameOnlyLockOnEitherNode() {
        String username = uniqueUsername("targeted");
        createUser(username, PASSWORD, false);
        for (int i = 0; i < 5; i++) {
            String node = i % 2 == 0 ? baseUrl() : node2.baseUrl();
            assertThat(loginFrom(node, uniqueAddress(), username, "guess-" + i).status()).isEqualTo(401);
        }

        assertThat(loginFrom(node2.baseUrl(), uniqueAddress(), username, "guess-5").status())
                .as("a sixth guess, from a new address").isEqualTo(429);
        assertThat(loginFrom(node2.baseUrl(), uniqueAddress(), username, PASSWORD).status()).isEqualTo(200);
        assertThat(loginFrom(baseUrl(), uniqueAddress(), username, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aLoginOnTheShortLivedNodeKeepsAStillValidTokenOfTheLongLivedNode() {
        String username = uniqueUsername("two-nodes");
        createUser(username, PASSWORD, false);
        String longLived = tokenFrom(baseUrl(), username);
        age(longLived, Duration.ofHours(2));

        tokenFrom(node2.baseUrl(), username);

        assertThat(jdbc.queryForObject("select count(*) from auth_token where token_hash = ?", Integer.class,
                Tokens.hash(longLived))).as("the 24-hour token, 2 hours old").isOne();
        assertThat(statusWith(node2.baseUrl(), longLived)).isEqualTo(200);
        assertThat(statusWith(baseUrl(), longLived)).isEqualTo(200);
    }

    @Test
    void aTokenIsRefusedOnEveryNodeOnceTheLifetimeOfTheNodeThatIssuedItHasPassed() {
        String username = uniqueUsername("expiring");
        createUser(username, PASSWORD, false);
        String shortLived = tokenFrom(node2.baseUrl(), username);
        String longLived = tokenFrom(baseUrl(), username);
        age(shortLived, Duration.ofHours(1));
        age(longLived, Duration.ofHours(24));

        assertThat(statusWith(baseUrl(), shortLived)).as("1-hour token on the 24-hour node").isEqualTo(401);
        assertThat(statusWith(node2.baseUrl(), shortLived)).isEqualTo(401);
        assertThat(statusWith(baseUrl(), longLived)).isEqualTo(401);
        assertThat(statusWith(node2.baseUrl(), longLived)).isEqualTo(401);

        tokenFrom(baseUrl(), username);
        assertThat(jdbc.queryForObject("select count(*) from auth_token where token_hash in (?, ?)", Integer.class,
                Tokens.hash(shortLived), Tokens.hash(longLived))).as("expired tokens, deleted by a login").isZero();
    }

    private String tokenFrom(String node, String username) {
        Response login = loginFrom(node, uniqueAddress(), username, PASSWORD);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("token").asText();
    }

    /** Moves a token's issue and expiry back, as if it had been issued that long ago; it must not have been used. */
    private void age(String token, Duration by) {
        Map<String, Object> row = jdbc.queryForMap(
                "select created, expires_at from auth_token where token_hash = ?", Tokens.hash(token));
        jdbc.update("update auth_token set created = ?, expires_at = ? where token_hash = ?",
                earlier(row.get("created"), by), earlier(row.get("expires_at"), by), Tokens.hash(token));
    }

    private static OffsetDateTime earlier(Object timestamp, Duration by) {
        OffsetDateTime at = timestamp instanceof OffsetDateTime offset ? offset
                : ((java.sql.Timestamp) timestamp).toInstant().atOffset(java.time.ZoneOffset.UTC);
        return at.minus(by);
    }

    private int statusWith(String node, String token) {
        return call("GET", node + "/api/organization-groups/", token, null).status();
    }
}
