package org.orggroups.app.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.JsonTypes;
import org.orggroups.app.web.support.RequestBodies;

/**
 * The body of {@code POST /api/users/}, read the way Django REST framework's serializer fields read it:
 * {@code username} and {@code password} required, {@code full_name} optional (default empty), {@code is_staff}
 * optional (default false); unknown keys ignored. Strings are trimmed, except the password.
 *
 * @param username the trimmed username
 * @param password the password as sent
 * @param fullName the trimmed display name, possibly empty
 * @param staff    whether the user is staff
 */
@FromRequest
@Schema(name = "UserRequest")
public record NewUserForm(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 150) String username,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 8, format = "password",
                accessMode = Schema.AccessMode.WRITE_ONLY) String password,
        @JsonProperty("full_name") @Schema(maxLength = 150, defaultValue = "") String fullName,
        @JsonProperty("is_staff") @Schema(defaultValue = "false") boolean staff) {

    /**
     * Reads the JSON body of the request.
     *
     * @throws ApiException as {@link #parse}; 400 {@code {"detail":"JSON parse error - ..."}} for malformed JSON; 413
     *                      for a body over 1 MiB
     */
    public static NewUserForm from(HttpServletRequest request) {
        return parse(RequestBodies.readObject(request));
    }

    /**
     * @param body the parsed JSON body, or {@code null} when there is none
     * @return the form, its fields checked against {@link UserRules} (but not the username's uniqueness)
     * @throws ApiException 400 with every field error at once, in field order; or 400 {@code non_field_errors}
     *                      when the body is not a JSON object
     */
    static NewUserForm parse(JsonNode body) {
        if (body != null && !body.isObject()) {
            throw ApiException.fields(Map.of("non_field_errors",
                    List.of("Invalid data. Expected a dictionary, but got " + JsonTypes.pythonName(body) + ".")));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        JsonNode fields = body == null ? JsonNodeFactory.instance.objectNode() : body;

        String username = requiredString(fields, "username", true, errors);
        if (username != null) {
            UserRules.usernameProblem(username).ifPresent(problem -> errors.put("username", List.of(problem)));
        }
        String password = requiredString(fields, "password", false, errors);
        if (password != null) {
            UserRules.passwordProblem(password).ifPresent(problem -> errors.put("password", List.of(problem)));
        }
        String fullName = optionalFullName(fields.get("full_name"), errors);
        boolean staff = optionalBoolean(fields.get("is_staff"), "is_staff", errors);
        if (!errors.isEmpty()) {
            throw ApiException.fields(errors);
        }
        return new NewUserForm(username, password, fullName, staff);
    }

    /** @return the text, or {@code null} after recording the field's error */
    private static String requiredString(JsonNode fields, String key, boolean trim, Map<String, List<String>> errors) {
        JsonNode value = fields.get(key);
        if (value == null || value.isMissingNode()) {
            errors.put(key, List.of(ErrorBodies.REQUIRED));
            return null;
        }
        String text = text(value, key, errors);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            errors.put(key, List.of(ErrorBodies.BLANK));
            return null;
        }
        return trim ? text.strip() : text;
    }

    private static String optionalFullName(JsonNode value, Map<String, List<String>> errors) {
        if (value == null || value.isMissingNode()) {
            return "";
        }
        String text = text(value, "full_name", errors);
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > UserRules.MAX_FULL_NAME) {
            errors.put("full_name", List.of(ErrorBodies.TOO_LONG));
        }
        return trimmed;
    }

    /** @return the form without its password, so that the password cannot reach a log line */
    @Override
    public String toString() {
        return "NewUserForm[username=" + username + ", fullName=" + fullName + ", staff=" + staff + "]";
    }

    /** DRF's {@code CharField}: strings, and numbers taken as their text; anything else is an error. */
    private static String text(JsonNode value, String key, Map<String, List<String>> errors) {
        if (value.isNull()) {
            errors.put(key, List.of(ErrorBodies.NULL));
            return null;
        }
        if (value.isTextual() || value.isNumber()) {
            String text = JsonTypes.pythonText(value);
            if (text.indexOf('\0') >= 0) {
                // DRF's CharField refuses NUL, and PostgreSQL cannot store it in text
                errors.put(key, List.of(ErrorBodies.NULL_CHARACTERS));
                return null;
            }
            return text;
        }
        errors.put(key, List.of(ErrorBodies.NOT_A_STRING));
        return null;
    }

    /** DRF's {@code BooleanField}: JSON booleans, 0 and 1, and the usual words for yes and no. */
    private static boolean optionalBoolean(JsonNode value, String key, Map<String, List<String>> errors) {
        if (value == null || value.isMissingNode()) {
            return false;
        }
        if (value.isNull()) {
            errors.put(key, List.of(ErrorBodies.NULL));
            return false;
        }
        Optional<Boolean> parsed = RequestBodies.bool(value);
        if (parsed.isEmpty()) {
            errors.put(key, List.of(RequestBodies.NOT_A_BOOLEAN));
            return false;
        }
        return parsed.get();
    }
}
