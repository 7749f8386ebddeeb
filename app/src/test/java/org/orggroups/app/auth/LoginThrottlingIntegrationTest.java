package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LoginThrottlingIntegrationTest extends AuthIntegrationTest {

    @Test
    void afterFiveFailuresTheUsernameIsRefusedWith429EvenWithTheRightPassword() {
        String username = uniqueUsername("guessed");
        createUser(username, PASSWORD, false);
        for (int i = 0; i < 5; i++) {
            assertThat(loginCall(Map.of("username", username, "password", "guess-" + i)).status()).isEqualTo(401);
        }

        Response refused = loginCall(Map.of("username", username, "password", PASSWORD));

        assertThat(refused.status()).isEqualTo(429);
        String retryAfter = refused.header("Retry-After");
        assertThat(retryAfter).matches("[1-9][0-9]*");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 300);
        assertThat(refused.body()).isEqualTo(
                "{\"detail\":\"Request was throttled. Expected available in " + retryAfter + " seconds.\"}");
    }

    @Test
    void throttlingOneUsernameLeavesOthersAlone() {
        String guessed = uniqueUsername("guessed");
        String other = uniqueUsername("other");
        createUser(other, PASSWORD, false);
        for (int i = 0; i < 6; i++) {
            loginCall(Map.of("username", guessed, "password", "guess-" + i));
        }

        assertThat(loginCall(Map.of("username", guessed, "password", "guess")).status()).isEqualTo(429);
        assertThat(loginCall(Map.of("username", other, "password", PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        String username = uniqueUsername("forgetful");
        createUser(username, PASSWORD, false);
        for (int i = 0; i < 4; i++) {
            loginCall(Map.of("username", username, "password", "guess-" + i));
        }
        assertThat(loginCall(Map.of("username", username, "password", PASSWORD)).status()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertThat(loginCall(Map.of("username", username, "password", "again-" + i)).status()).isEqualTo(401);
        }
        assertThat(loginCall(Map.of("username", username, "password", PASSWORD)).status()).isEqualTo(200);
    }
}
