package org.orggroups.app.auth;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The user a request was authenticated as, from its {@code Authorization: Token <key>} header. It carries what
 * event metadata needs ({@code uuid}, {@code username}) and what history shows ({@code fullName}); it never
 * carries the token.
 *
 * @param uuid     the user's id
 * @param username the user's unique login name
 * @param fullName the user's display name, possibly empty
 * @param staff    whether the user may write and read history (Waldur's {@code is_staff})
 */
public record AuthenticatedUser(UUID uuid, String username, String fullName, boolean staff) implements Principal {

    /**
     * The user of the request being served on this thread.
     *
     * @return the user, or empty for an anonymous request or outside a request
     */
    public static Optional<AuthenticatedUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** @return the username, so that {@code Authentication.getName()} and access logs show it */
    @Override
    public String getName() {
        return username;
    }
}
