package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

/** Login throttling over HTTP on one node (API.md section 2); {@code LoginThrottlingClusterIntegrationTest} has two. */
class LoginThrottlingIntegrationTest extends AuthIntegrationTest {

    @Test
    void afterFiveFailuresTheAddressIsRefusedWith429EvenWithTheRightPassword() {
        String username = uniqueUsername("guessed");
        createUser(username, PASSWORD, false);
        String guesser = uniqueAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom(baseUrl(), guesser, username, "guess-" + i).status()).isEqualTo(401);
        }

        Response refused = loginFrom(baseUrl(), guesser, username, PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        String retryAfter = refused.header("Retry-After");
        assertThat(retryAfter).matches("[1-9][0-9]*");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(refused.body()).isEqualTo(
                "{\"detail\":\"Request was throttled. Expected available in " + retryAfter + " second"
                        + (retryAfter.equals("1") ? "" : "s") + ".\"}");
        assertThat(loginFrom(baseUrl(), uniqueAddress(), username, PASSWORD).status())
                .as("the owner, from another address").isEqualTo(200);
    }

    @Test
    void aUsernameGuessedFromManyAddressesStillLogsInWithTheRightPasswordAndAnswersGuesses429() {
        String username = uniqueUsername("targeted");
        createUser(username, PASSWORD, false);
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom(baseUrl(), uniqueAddress(), username, "guess-" + i).status()).isEqualTo(401);
        }

        assertThat(loginFrom(baseUrl(), uniqueAddress(), username, PASSWORD).status()).isEqualTo(200);
        String guesser = uniqueAddress();
        Response guess = loginFrom(baseUrl(), guesser, username, "guess-5");
        assertThat(guess.status()).isEqualTo(429);
        assertThat(guess.header("Retry-After")).isEqualTo("60");
        assertThat(loginFrom(baseUrl(), guesser, username, PASSWORD).status())
                .as("the guesser's address, refused for its guess at a throttled username").isEqualTo(429);
    }

    @Test
    void parallelCorrectLoginsAllSucceedAndParallelGuessesAreStillThrottled() throws Exception {
        String username = uniqueUsername("workers");
        createUser(username, PASSWORD, false);
        String client = uniqueAddress();
        List<Integer> correct = inParallel(10, i -> loginFrom(baseUrl(), client, username, PASSWORD));
        assertThat(correct).as("a client with ten workers logging in at once").containsOnly(200);

        String guesser = uniqueAddress();
        List<Integer> guesses = inParallel(10, i -> loginFrom(baseUrl(), guesser, uniqueUsername("x"), "guess-" + i));
        assertThat(guesses).as("ten guesses at once from one address").containsOnly(401, 429);
        assertThat(guesses.stream().filter(status -> status == 401)).hasSize(5);
    }

    @Test
    void throttlingOneAddressLeavesOthersAlone() {
        String username = uniqueUsername("shared");
        createUser(username, PASSWORD, false);
        String guesser = uniqueAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom(baseUrl(), guesser, uniqueUsername("nobody"), "guess-" + i).status())
                    .as("guess %d", i + 1).isEqualTo(401);
        }

        assertThat(loginFrom(baseUrl(), guesser, username, PASSWORD).status()).isEqualTo(429);
        assertThat(loginFrom(baseUrl(), uniqueAddress(), username, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginDoesNotResetTheAddressCount() {
        String username = uniqueUsername("forgetful");
        createUser(username, PASSWORD, false);
        String client = uniqueAddress();
        for (int i = 0; i < 4; i++) {
            assertThat(loginFrom(baseUrl(), client, username, "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(loginFrom(baseUrl(), client, username, PASSWORD).status()).isEqualTo(200);

        assertThat(loginFrom(baseUrl(), client, username, "again").status()).isEqualTo(401);
        assertThat(loginFrom(baseUrl(), client, username, PASSWORD).status()).isEqualTo(429);
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
}
