package org.orggroups.app.web.error;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;

/**
 * Builds and writes DRF-style error bodies. The messages are Django REST framework's own texts, because
 * Waldur clients show them to users and some match on them (API.md sections 1 to 4).
 */
public final class ErrorBodies {

    public static final String NOT_FOUND = "Not found.";
    public static final String NOT_AUTHENTICATED = "Authentication credentials were not provided.";
    public static final String INVALID_TOKEN = "Invalid token.";
    public static final String PERMISSION_DENIED = "You do not have permission to perform this action.";
    public static final String REQUIRED = "This field is required.";
    public static final String BLANK = "This field may not be blank.";
    public static final String NULL = "This field may not be null.";
    public static final String NOT_A_STRING = "Not a valid string.";
    public static final String TOO_LONG = "Ensure this field has no more than 150 characters.";
    public static final String NULL_CHARACTERS = "Null characters are not allowed.";
    public static final String SERVER_ERROR = "A server error occurred.";
    public static final String NOT_ACCEPTABLE = "Could not satisfy the request Accept header.";
    /** Answered (409) when a write kept losing races with concurrent writes (API.md section 5). */
    public static final String CONCURRENT_CHANGES = "The request conflicted with concurrent changes. Please retry.";
    public static final String JSON_PARSE_ERROR = "JSON parse error - ";
    /** Answered (503) while the database cannot be reached: DRF's {@code ServiceUnavailable} text. */
    public static final String SERVICE_UNAVAILABLE = "Service temporarily unavailable, try again later.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    /**
     * @param codePoint a lone surrogate, U+D800 to U+DFFF
     * @return DRF's message for it, e.g. {@code Surrogate characters are not allowed: U+D800.}
     */
    public static String surrogateCharacters(int codePoint) {
        return "Surrogate characters are not allowed: U+" + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT) + ".";
    }

    /**
     * @param contentType the request's {@code Content-Type} header as sent, {@code ""} when absent
     * @return DRF's 415 message, e.g. {@code Unsupported media type "text/plain" in request.}
     */
    public static String unsupportedMediaType(String contentType) {
        return "Unsupported media type \"" + contentType + "\" in request.";
    }

    /**
     * @param method the refused method, e.g. {@code TRACE}
     * @return DRF's 405 message, e.g. {@code Method "TRACE" not allowed.}
     */
    public static String methodNotAllowed(String method) {
        return "Method \"" + method + "\" not allowed.";
    }

    /** @return {@code {"detail": message}} */
    public static Map<String, Object> detail(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", message);
        return body;
    }

    /** @return {@code {"<field>": [messages...]}} */
    public static Map<String, Object> field(String field, String... messages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, List.of(messages));
        return body;
    }

    /**
     * Writes a JSON error body straight to a servlet response, for the places that run before Spring MVC
     * (security and body-size filters).
     *
     * @throws IOException when the response cannot be written
     */
    public static void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
