package org.orggroups.app.auth;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password against {@code app_user}, for {@code POST /api-auth/password/}. Being an
 * {@link AuthenticationProvider} bean, it also keeps Spring Boot from creating its default in-memory user.
 *
 * <p>An unknown username costs the same bcrypt check as a known one, so response times do not tell which
 * usernames exist. An inactive user is refused like a wrong password.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    /** Authority of staff users; what staff-only requests require. */
    static final String STAFF_AUTHORITY = "ROLE_STAFF";

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    /** A hash to check against when the username is unknown, so that the time taken is the same. */
    private final String decoyHash;

    PasswordAuthenticationProvider(AppUserRepository users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.decoyHash = passwordEncoder.encode(Tokens.generate());
    }

    /**
     * @param authentication an unauthenticated {@link UsernamePasswordAuthenticationToken}
     * @return an authenticated token whose principal is the {@link AuthenticatedUser}
     * @throws BadCredentialsException when the user is unknown or inactive, or the password is wrong
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        AppUser user = users.findByUsername(username).orElse(null);
        if (user == null) {
            passwordEncoder.matches(password, decoyHash);
            throw new BadCredentialsException("Invalid username/password");
        }
        if (!passwordEncoder.matches(password, user.passwordHash()) || !user.active()) {
            throw new BadCredentialsException("Invalid username/password");
        }
        AuthenticatedUser principal = user.toPrincipal();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities(principal));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** @return the authorities a user holds: {@value #STAFF_AUTHORITY} for staff, none otherwise */
    static List<GrantedAuthority> authorities(AuthenticatedUser user) {
        return user.staff() ? List.of(new SimpleGrantedAuthority(STAFF_AUTHORITY)) : List.of();
    }
}
