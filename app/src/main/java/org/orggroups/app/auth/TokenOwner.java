package org.orggroups.app.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * What the token lookup reads of a token and its user, in the one query made per authenticated request that
 * {@link TokenService} does not answer from its cache.
 *
 * @param expiresAt the first instant at which the token is refused, as stored with it at login
 */
record TokenOwner(UUID id, String username, String fullName, boolean staff, Instant expiresAt) {

    AuthenticatedUser toPrincipal() {
        return new AuthenticatedUser(id, username, fullName, staff);
    }
}
