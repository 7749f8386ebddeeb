package org.orggroups.app.auth;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.JsonTypes;
import org.orggroups.app.web.support.RequestBodies;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The body of {@code POST /api-auth/password/} (API.md section 2), named as in Waldur's schema: JSON, or a form as
 * DRF's login view also accepts.
 *
 * @param username the username, trimmed
 * @param password the password as sent
 */
@FromRequest
@Schema(name = "ObtainAuthTokenRequest")
public record ObtainAuthTokenRequest(
        @Schema(minLength = 1) String username,
        @Schema(minLength = 1, format = "password", accessMode = Schema.AccessMode.WRITE_ONLY) String password) {

    /**
     * Reads the credentials. DRF's login serializer answers its field errors with 401, not 400.
     *
     * @throws ApiException 401 {@code {"username":["This field is required."]}} (then the same for
     *                      {@code password}) when a field is missing, blank or neither a string nor a number; 401
     *                      {@code {"detail":"Invalid username/password"}} when one holds a NUL character (no stored
     *                      username or password does); 400 {@code {"detail":"JSON parse error - ..."}} for malformed
     *                      JSON, 400 {@code non_field_errors} for JSON that is not an object; 413 for a body over
     *                      1 MiB
     */
    public static ObtainAuthTokenRequest from(HttpServletRequest request) {
        String username;
        String password;
        if (isForm(request)) {
            username = request.getParameter("username");
            password = request.getParameter("password");
        } else {
            ObjectNode body = RequestBodies.readObject(request);
            username = jsonText(body, "username");
            password = jsonText(body, "password");
        }
        if (username == null || username.isBlank()) {
            throw LoginController.unauthorized(ErrorBodies.field("username", ErrorBodies.REQUIRED));
        }
        if (password == null || password.isBlank()) {
            throw LoginController.unauthorized(ErrorBodies.field("password", ErrorBodies.REQUIRED));
        }
        String stripped = username.strip();
        if (stripped.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
            // PostgreSQL cannot even compare text with NUL
            throw LoginController.unauthorized(ErrorBodies.detail(LoginController.INVALID_CREDENTIALS));
        }
        return new ObtainAuthTokenRequest(stripped, password);
    }

    /** @return the credentials without the password, so that it cannot reach a log line */
    @Override
    public String toString() {
        return "ObtainAuthTokenRequest[username=" + username + "]";
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
}
