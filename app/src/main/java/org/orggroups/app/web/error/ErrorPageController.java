package org.orggroups.app.web.error;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders the errors that never reach a controller in DRF's shape: requests that Spring Security's firewall
 * refuses (a {@code //} or a {@code ;} in the path) and any {@code sendError} of a filter are forwarded by the
 * servlet container to {@code /error}, where Spring Boot would answer
 * {@code {"timestamp", "status", "error", "path"}}. API.md section 1 wants {@code {"detail": "message"}} for
 * every error.
 */
@RestController
public class ErrorPageController implements ErrorController {

    /**
     * @return the status the container reports with {@code {"detail": message}}: DRF's texts for 400
     *         ({@code Malformed request.}), 404 and 500, else the reason phrase. A client asking for
     *         {@code /error} itself gets 404: no such resource.
     */
    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBodies.detail(message(status)));
    }

    private static String message(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Malformed request.";
            case NOT_FOUND -> ErrorBodies.NOT_FOUND;
            case INTERNAL_SERVER_ERROR -> ErrorBodies.SERVER_ERROR;
            default -> status.getReasonPhrase() + ".";
        };
    }
}
