package org.orggroups.app.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of token authentication and login throttling, under {@code orggroups.auth}.
 *
 * @param tokenLifetime      how long a token issued by this node is accepted, by every node: the expiry is stored with
 *                           the token at login (see {@link TokenService}); default 24 hours. An expired token is
 *                           answered 401 {@code {"detail":"Invalid token."}}
 * @param maxLoginFailures   how many failed logins one username, or one client address, may make in a row before it
 *                           is throttled (see {@link LoginThrottle}); default 5. Counted in the database for the
 *                           whole cluster, so every node should have the same value
 * @param loginFailureWindow how long counted failures take to wear off entirely: one of them every
 *                           {@code loginFailureWindow / maxLoginFailures}; default 5 minutes (one failure a minute).
 *                           The same on every node, like {@code maxLoginFailures}
 * @param tokenCacheTtl      how long a node answers a token it has seen from memory instead of the database;
 *                           default 5 seconds, zero turns the cache off. A token's expiry is checked on every
 *                           request, cached or not; what the cache can delay is only a change made in the database
 *                           behind the node's back (a token row deleted, a user deactivated), by at most this long
 */
@ConfigurationProperties("orggroups.auth")
public record AuthProperties(
        @DefaultValue("24h") Duration tokenLifetime,
        @DefaultValue("5") int maxLoginFailures,
        @DefaultValue("5m") Duration loginFailureWindow,
        @DefaultValue("5s") Duration tokenCacheTtl) {

    /**
     * @throws IllegalArgumentException when a duration is not positive (the cache's may be zero) or {@code maxLoginFailures} is below 1
     */
    public AuthProperties {
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("orggroups.auth.token-lifetime must be positive");
        }
        if (maxLoginFailures < 1) {
            throw new IllegalArgumentException("orggroups.auth.max-login-failures must be at least 1");
        }
        if (loginFailureWindow.isNegative() || loginFailureWindow.isZero()) {
            throw new IllegalArgumentException("orggroups.auth.login-failure-window must be positive");
        }
        if (tokenCacheTtl.isNegative()) {
            throw new IllegalArgumentException("orggroups.auth.token-cache-ttl must not be negative");
        }
    }
}
