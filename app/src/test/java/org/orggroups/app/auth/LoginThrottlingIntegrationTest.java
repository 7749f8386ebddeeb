package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

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
    void parallelCorrectLoginsAllSucceedAndParallelGuessesAreStillThrottled() throws Exception {
        String username = uniqueUsername("workers");
        createUser(username, PASSWORD, false);
        List<Integer> correct = inParallel(10, i -> loginCall(Map.of("username", username, "password", PASSWORD)));
        assertThat(correct).as("a client with ten workers logging in at once").containsOnly(200);

        List<Integer> guesses = inParallel(10, i -> loginCall(Map.of("username", username, "password", "guess-" + i)));
        assertThat(guesses).as("ten guesses at once").containsOnly(401, 429);
        assertThat(guesses.stream().filter(status -> status == 401)).hasSize(5);
    }

    private static List<Integer> inParallel(int count, IntFunction<Response> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(threads.submit(() -> call.apply(n)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> future : futures) {
                statuses.add(future.get().status());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
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
