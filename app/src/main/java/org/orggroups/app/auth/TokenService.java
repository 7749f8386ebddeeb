package org.orggroups.app.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues API tokens at login and resolves them on every request.
 *
 * <p>Waldur answers every login of a user with the same token, created on the first login. We keep only a hash
 * of each token, so a token cannot be shown a second time: each successful login issues a new token instead.
 * Its expiry is decided at that login, as the issue time plus the issuing node's
 * {@code orggroups.auth.token-lifetime}, and stored with it: every node accepts the token until then and refuses
 * it from then on, whatever its own setting, so nodes with different settings (during a rolling change of it) never
 * disagree about a token. A login also deletes that user's expired tokens, so they do not pile up, and never a
 * token that is still valid.
 *
 * <p>Resolving a token is a database lookup, and it runs on every authenticated request. So each node remembers
 * the tokens it resolved for {@code orggroups.auth.token-cache-ttl} (5 s by default): within that time a request
 * is answered from memory. A token's stored expiry is checked on every request, cached or not;
 * what a node can miss for at most that long is a change made in the database behind its back (a token row
 * deleted, its user deactivated). Unknown tokens are never cached, so a token issued on another node works here
 * at once.
 */
@Service
class TokenService {

    private final AuthTokenRepository tokens;
    private final AppUserRepository users;
    private final AuthProperties properties;
    private final Clock clock;
    /** Tokens this node resolved recently, by hash (never the token itself). */
    private final Cache<String, TokenOwner> resolved;

    @Autowired
    TokenService(AuthTokenRepository tokens, AppUserRepository users, AuthProperties properties) {
        this(tokens, users, properties, Clock.systemUTC());
    }

    TokenService(AuthTokenRepository tokens, AppUserRepository users, AuthProperties properties, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
        this.resolved = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(properties.tokenCacheTtl())
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /**
     * Creates a token for a user, valid on every node until this node's {@code orggroups.auth.token-lifetime}
     * from now, and deletes that user's tokens that have expired.
     *
     * @param userId an existing user's id
     * @return the plain token, 40 lowercase hex digits; it is not stored and cannot be read back later
     */
    @Transactional
    public String issue(UUID userId) {
        Instant now = clock.instant();
        tokens.deleteExpired(userId, now);
        String token = Tokens.generate();
        tokens.save(new AuthToken(Tokens.hash(token), users.getReferenceById(userId), now,
                now.plus(properties.tokenLifetime())));
        return token;
    }

    /**
     * Resolves a token sent by a client.
     *
     * @param token the text after {@code Token } in the {@code Authorization} header
     * @return its user, or empty when the token is unknown, expired, or its user inactive (a deletion or
     *         deactivation made in the database is seen here after at most {@code orggroups.auth.token-cache-ttl})
     */
    public Optional<AuthenticatedUser> authenticate(String token) {
        if (!Tokens.isWellFormed(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = Tokens.hash(token);
        TokenOwner known = resolved.getIfPresent(hash);
        if (known != null && known.expiresAt().isAfter(now)) {
            return Optional.of(known.toPrincipal());
        }
        Optional<TokenOwner> owner = tokens.findLiveOwner(hash, now);
        owner.ifPresentOrElse(o -> resolved.put(hash, o), () -> resolved.invalidate(hash));
        return owner.map(TokenOwner::toPrincipal);
    }
}
