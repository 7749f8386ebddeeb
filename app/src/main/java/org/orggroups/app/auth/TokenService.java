package org.orggroups.app.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues API tokens at login and resolves them on every request.
 *
 * <p>Waldur answers every login of a user with the same token, created on the first login. We keep only a hash
 * of each token, so a token cannot be shown a second time: each successful login issues a new token instead,
 * and every token stays valid until its lifetime ({@code orggroups.auth.token-lifetime}) has passed. A login
 * also deletes that user's expired tokens, so they do not pile up.
 */
@Service
class TokenService {

    private final AuthTokenRepository tokens;
    private final AppUserRepository users;
    private final AuthProperties properties;
    private final Clock clock;

    @Autowired
    TokenService(AuthTokenRepository tokens, AppUserRepository users, AuthProperties properties) {
        this(tokens, users, properties, Clock.systemUTC());
    }

    TokenService(AuthTokenRepository tokens, AppUserRepository users, AuthProperties properties, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Creates a token for a user.
     *
     * @param userId an existing user's id
     * @return the plain token, 40 lowercase hex digits; it is not stored and cannot be read back later
     */
    @Transactional
    public String issue(UUID userId) {
        Instant now = clock.instant();
        tokens.deleteExpired(userId, now.minus(properties.tokenLifetime()));
        String token = Tokens.generate();
        tokens.save(new AuthToken(Tokens.hash(token), users.getReferenceById(userId), now));
        return token;
    }

    /**
     * Resolves a token sent by a client.
     *
     * @param token the text after {@code Token } in the {@code Authorization} header
     * @return its user, or empty when the token is unknown, expired, or its user inactive
     */
    public Optional<AuthenticatedUser> authenticate(String token) {
        if (!Tokens.isWellFormed(token)) {
            return Optional.empty();
        }
        Instant notBefore = clock.instant().minus(properties.tokenLifetime());
        return tokens.findLiveOwner(Tokens.hash(token), notBefore).map(TokenOwner::toPrincipal);
    }
}
