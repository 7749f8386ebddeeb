package org.orggroups.app.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ErrorBody;
import org.orggroups.app.web.schema.Refusal;
import org.orggroups.app.web.error.ErrorBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api-auth/password/}: Waldur's login, trading a username and password for an API token
 * (API.md section 2).
 *
 * <p>Waldur returns the same token on every login; since we keep only a hash of each token, every successful
 * login issues a new one instead (see {@link TokenService}).
 */
@RestController
@Tag(name = "api-auth")
public class LoginController {

    static final String INVALID_CREDENTIALS = "Invalid username/password";
    private static final String PATH = "/api-auth/password";

    private final PasswordAuthenticationProvider passwords;
    private final TokenService tokens;
    private final LoginThrottle throttle;

    LoginController(PasswordAuthenticationProvider passwords, TokenService tokens, LoginThrottle throttle) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /**
     * Logs in.
     *
     * @param credentials read and checked by {@link ObtainAuthTokenRequest#from}
     * @param request     for the client address, which failed logins are counted under besides the username
     * @return 200 {@code {"token": "<40 lowercase hex>"}}
     * @throws ApiException 401 {@code {"detail":"Invalid username/password"}} for wrong credentials or an inactive
     *                      user; 429 with {@code Retry-After} when the client address has failed too often (the
     *                      password is not checked), or for wrong credentials of a username that has failed too
     *                      often (see {@link LoginThrottle})
     */
    @PostMapping({PATH, PATH + "/"})
    @Operation(operationId = "api_auth_password", summary = "Trade a username and password for an API token")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ObtainAuthTokenRequest.class)),
            @Content(mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = ObtainAuthTokenRequest.class))})
    @SecurityRequirements
    @ApiResponsesFor(description = "A new token", errors = 413, refusals = {
            @Refusal(status = 400, description = "Malformed JSON "
                    + "({\"detail\": \"JSON parse error - ...\"}) or JSON that is not an object "
                    + "({\"non_field_errors\": [...]})"),
            @Refusal(status = 401, body = ErrorBody.FIELDS_OR_DETAIL, description = "Wrong credentials or an inactive user "
                    + "({\"detail\": \"Invalid username/password\"}); a missing or blank field "
                    + "({\"password\": [\"This field is required.\"]}): DRF answers these with 401"),
            @Refusal(status = 429, description = "Too many failed logins from this client address, whatever the "
                    + "password; or wrong credentials for a username that has failed too often "
                    + "({\"detail\": \"Request was throttled. Expected available in 5 seconds.\"})")})
    public IssuedToken login(@Parameter(hidden = true) ObtainAuthTokenRequest credentials,
                             HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return throttle.serialized(address, () -> attempt(credentials, address));
    }

    private IssuedToken attempt(ObtainAuthTokenRequest credentials, String address) {
        Optional<Duration> wait = throttle.refusal(address);
        if (wait.isPresent()) {
            throw throttled(wait.get());
        }
        AuthenticatedUser user;
        try {
            user = (AuthenticatedUser) passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    credentials.username(), credentials.password())).getPrincipal();
        } catch (AuthenticationException e) {
            throw throttle.failed(address, credentials.username())
                    .map(LoginController::throttled)
                    .orElseGet(() -> unauthorized(ErrorBodies.detail(INVALID_CREDENTIALS)));
        }
        return new IssuedToken(tokens.issue(user.uuid()));
    }

    /** @return a 401 with the given body and {@code WWW-Authenticate: Token}, as DRF's login answers */
    static ApiException unauthorized(Map<String, Object> body) {
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
