package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bound {@link TokenService} keeps on what it remembers, on the real token tables, with a clock the test moves:
 * expiry is checked on every request, and a change made in the database behind the node's back is seen once
 * {@code orggroups.auth.token-cache-ttl} has passed.
 */
class TokenCacheIntegrationTest extends AuthIntegrationTest {

    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final Duration CACHE_TTL = Duration.ofSeconds(5);

    @Autowired
    AuthTokenRepository tokenRows;
    @Autowired
    AppUserRepository users;
    @Autowired
    PlatformTransactionManager transactions;

    private MovableClock clock;
    private TokenService tokens;

    @BeforeEach
    void serviceWithAMovableClock() {
        clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        tokens = new TokenService(tokenRows, users,
                new AuthProperties(LIFETIME, 5, Duration.ofMinutes(5), CACHE_TTL), clock);
    }

    @Test
    void aRememberedTokenIsRefusedTheMomentItExpires() {
        String token = issue(tokens, newUser());
        assertThat(tokens.authenticate(token)).isPresent();

        clock.advance(LIFETIME.minusSeconds(1));
        assertThat(tokens.authenticate(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.authenticate(token)).isEmpty();
    }

    @Test
    void aDeactivationInTheDatabaseIsSeenOnceTheCacheBoundHasPassed() {
        UUID userId = newUser();
        String remembered = issue(tokens, userId);
        String neverUsed = issue(tokens, userId);
        assertThat(tokens.authenticate(remembered)).isPresent();

        jdbc.update("update app_user set is_active = false where id = ?", userId);

        assertThat(tokens.authenticate(neverUsed)).as("not remembered: read from the database").isEmpty();
        clock.advance(CACHE_TTL.minusMillis(1));
        assertThat(tokens.authenticate(remembered)).as("within the bound, from memory").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.authenticate(remembered)).as("past the bound").isEmpty();
    }

    @Test
    void aDeletedTokenRowIsRefusedOnceTheCacheBoundHasPassed() {
        String token = issue(tokens, newUser());
        assertThat(tokens.authenticate(token)).isPresent();

        jdbc.update("delete from auth_token where token_hash = ?", Tokens.hash(token));

        clock.advance(CACHE_TTL);
        assertThat(tokens.authenticate(token)).isEmpty();
    }

    @Test
    void withTheCacheTurnedOffEveryRequestReadsTheDatabase() {
        TokenService uncached = new TokenService(tokenRows, users,
                new AuthProperties(LIFETIME, 5, Duration.ofMinutes(5), Duration.ZERO), clock);
        UUID userId = newUser();
        String token = issue(uncached, userId);
        assertThat(uncached.authenticate(token)).isPresent();

        jdbc.update("update app_user set is_active = false where id = ?", userId);

        assertThat(uncached.authenticate(token)).isEmpty();
    }

    /** Outside Spring's proxy, so in a transaction of its own, as the proxy would run it. */
    private String issue(TokenService service, UUID userId) {
        return new TransactionTemplate(transactions).execute(status -> service.issue(userId));
    }

    private UUID newUser() {
        String username = uniqueUsername("cached");
        createUser(username, PASSWORD, false);
        return jdbc.queryForObject("select id from app_user where username = ?", UUID.class, username);
    }
}
