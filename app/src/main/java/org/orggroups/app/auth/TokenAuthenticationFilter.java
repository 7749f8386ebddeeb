package org.orggroups.app.auth;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.error.ErrorTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Token <key>} (keyword in any letter case) the way Django REST framework's
 * {@code TokenAuthentication} does. A request with another scheme, or none, goes on anonymous. A request whose
 * token is unknown, expired or belongs to an inactive user is answered 401 {@code {"detail":"Invalid token."}}
 * at once, whatever it asks for, reads included (API.md section 2). A malformed header gets DRF's messages.
 * A token that cannot be looked up because the database cannot be reached is answered 503 (API.md section 1).
 * The token is never logged.
 *
 * <p>Not a Spring bean, so that Spring Boot does not also register it as a plain servlet filter.
 */
class TokenAuthenticationFilter extends OncePerRequestFilter {

    /** The value of {@code WWW-Authenticate} on every 401, as DRF's token authentication sends it. */
    static final String CHALLENGE = "Token";
    private static final String KEYWORD = "token";
    /** What separates the header's words, as Python's {@code str.split()} in DRF; compiled once, not per request. */
    private static final Pattern WORD_SEPARATOR = Pattern.compile("\\s+");

    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticationFilter.class);

    private final TokenService tokens;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    /** Keeps the authentication for the async and error dispatches of the same request, which this filter skips. */
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    TokenAuthenticationFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String[] parts = header == null ? new String[0] : WORD_SEPARATOR.split(header.trim());
        if (parts.length == 0 || !parts[0].toLowerCase(Locale.ROOT).equals(KEYWORD)) {
            chain.doFilter(request, response);
            return;
        }
        if (parts.length == 1) {
            refuse(response, "Invalid token header. No credentials provided.");
            return;
        }
        if (parts.length > 2) {
            refuse(response, "Invalid token header. Token string should not contain spaces.");
            return;
        }
        Optional<AuthenticatedUser> user;
        try {
            user = tokens.authenticate(parts[1]);
        } catch (RuntimeException e) {
            // This filter runs before Spring MVC's exception handling: a failure the error table knows (the
            // database cannot be reached: 503) gets the table's answer here, as it would there.
            ApiException answer = ErrorTable.answer(e).orElseThrow(() -> e);
            LOG.warn("Answered {} to a token lookup that failed: {}", answer.status().value(), e.toString());
            answer.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            ErrorBodies.write(response, answer.status().value(), answer.body());
            return;
        }
        if (user.isEmpty()) {
            refuse(response, ErrorBodies.INVALID_TOKEN);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user.get(), null, PasswordAuthenticationProvider.authorities(user.get())));
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    /** Answers 401 with a DRF body and the {@code WWW-Authenticate: Token} challenge. */
    static void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        ErrorBodies.write(response, HttpServletResponse.SC_UNAUTHORIZED, ErrorBodies.detail(detail));
    }
}
