package org.orggroups.app.web.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error answer in Django REST framework's shape, thrown anywhere below a controller and rendered once by
 * {@link ApiExceptionHandler}. Field errors are {@code {"<field>": ["message", ...]}}, other errors
 * {@code {"detail": "message"}} (API.md section 1, "errors").
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> body;
    private final HttpHeaders headers;

    /**
     * @param status  the HTTP status
     * @param body    the JSON body, rendered in insertion order
     * @param headers extra response headers, possibly empty
     */
    public ApiException(HttpStatus status, Map<String, Object> body, HttpHeaders headers) {
        super(status.value() + " " + body, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** @return a {@code {"detail": message}} error with the given status */
    public static ApiException detail(HttpStatus status, String message) {
        return new ApiException(status, ErrorBodies.detail(message), new HttpHeaders());
    }

    /** @return a 400 {@code {"<field>": [messages...]}} error */
    public static ApiException field(String field, String... messages) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorBodies.field(field, messages), new HttpHeaders());
    }

    /** @return a 400 error with several fields, each with its list of messages, in the given order */
    public static ApiException fields(Map<String, List<String>> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, new LinkedHashMap<>(errors), new HttpHeaders());
    }

    /** @return the 404 {@code {"detail":"Not found."}} that DRF gives for an unknown object */
    public static ApiException notFound() {
        return detail(HttpStatus.NOT_FOUND, ErrorBodies.NOT_FOUND);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
