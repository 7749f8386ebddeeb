package org.orggroups.app.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.JsonTypes;
import org.orggroups.app.web.support.RequestBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api-auth/password/}: Waldur's login, trading a username and password for an API token
 * (API.md section 2). The body is JSON, or a form as DRF's login view also accepts.
 *
 * <p>Waldur returns the same token on every login; since we keep only a hash of each token, every successful
 * login issues a new one instead (see {@link TokenService}).
 */
@RestController
public class LoginController {

    static final String INVALID_CREDENTIALS = "Invalid username/password";

    private final PasswordAuthenticationProvider passwords;
    private final TokenService tokens;
    private final LoginThrottle throttle;

    LoginController(PasswordAuthenticationProvider passwords, TokenService tokens, LoginThrottle throttle) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /**
     * Logs in with {@code {"username", "password"}} as JSON, or as a form ({@code username=...&password=...}).
     *
     * @return 200 {@code {"token": "<40 lowercase hex>"}}
     * @throws ApiException 401 {@code {"username":["This field is required."]}} (then the same for
     *                      {@code password}) when a field is missing or blank; 401
     *                      {@code {"detail":"Invalid username/password"}} for wrong credentials or an inactive
     *                      user; 429 with {@code Retry-After} once the username has failed too often
     *                      (see {@link LoginThrottle}); 400 for malformed JSON
     */
    @PostMapping(path = {"/api-auth/password/", "/api-auth/password"})
    public Map<String, String> login(HttpServletRequest request) {
        if (isForm(request)) {
            return tokenFor(request.getParameter("username"), request.getParameter("password"));
        }
        ObjectNode body = RequestBodies.readObject(request);
        return tokenFor(jsonText(body, "username"), jsonText(body, "password"));
    }

    private Map<String, String> tokenFor(String rawUsername, String password) {
        if (rawUsername == null || rawUsername.isBlank()) {
            throw unauthorized(ErrorBodies.field("username", ErrorBodies.REQUIRED));
        }
        if (password == null || password.isBlank()) {
            throw unauthorized(ErrorBodies.field("password", ErrorBodies.REQUIRED));
        }
        String username = rawUsername.strip();
        if (username.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
            // no stored username or password holds NUL, and PostgreSQL cannot even compare text with it
            throw unauthorized(ErrorBodies.detail(INVALID_CREDENTIALS));
        }
        return throttle.serialized(username, () -> attempt(username, password));
    }

    private Map<String, String> attempt(String username, String password) {
        Optional<Duration> wait = throttle.tryAttempt(username);
        if (wait.isPresent()) {
            throw throttled(wait.get());
        }
        AuthenticatedUser user;
        try {
            user = (AuthenticatedUser) passwords.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(username, password)).getPrincipal();
        } catch (AuthenticationException e) {
            throw unauthorized(ErrorBodies.detail(INVALID_CREDENTIALS));
        }
        throttle.succeeded(username);
        return Map.of("token", tokens.issue(user.uuid()));
    }

    private static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        try {
            return contentType != null
                    && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** DRF's {@code CharField}: a string, or a number taken as its text; anything else counts as missing. */
    private static String jsonText(ObjectNode fields, String key) {
        JsonNode value = fields.get(key);
        return value != null && (value.isTextual() || value.isNumber()) ? JsonTypes.pythonText(value) : null;
    }

    private static ApiException unauthorized(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, TokenAuthenticationFilter.CHALLENGE);
        return new ApiException(HttpStatus.UNAUTHORIZED, body, headers);
    }

    /** DRF's {@code Throttled}: the wait in whole seconds, rounded up, in the body and in {@code Retry-After}. */
    static ApiException throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        String unit = seconds == 1 ? "second" : "seconds";
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                ErrorBodies.detail("Request was throttled. Expected available in " + seconds + " " + unit + "."),
                headers);
    }
}
