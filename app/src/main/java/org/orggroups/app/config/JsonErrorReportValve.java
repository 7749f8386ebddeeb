package org.orggroups.app.config;

import java.io.IOException;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.CorrelationIdFilter;

/**
 * Tomcat's last word on a request it refused before the application saw it (an encoded slash, a broken
 * percent-escape, a NUL in the path, a request line or headers over the limit, a CONNECT): a DRF-style JSON body
 * with the {@code X-Correlation-ID} header instead of Tomcat's HTML page or empty body (API.md section 1: every
 * answer is JSON; section 8: every answer carries the correlation id). Errors the application answers itself
 * are left untouched.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 400 && isHeadTooLarge(throwable)) {
            // Tomcat reads the request line first: without a parsed URI, it was the line (the query) that overflowed.
            status = request.getCoyoteRequest().requestURI().isNull() ? 414 : 431;
        }
        String detail = switch (status) {
            case 400 -> "Malformed request.";
            case 404 -> ErrorBodies.NOT_FOUND;
            case 405 -> "Method not allowed.";
            case 414 -> "Request URI too long.";
            case 431 -> "Request header fields too large.";
            case 501 -> "Method \"" + request.getMethod() + "\" not implemented.";
            default -> status >= 500 ? ErrorBodies.SERVER_ERROR : "Request refused.";
        };
        try {
            response.resetBuffer();
            if (response.getHeader(CorrelationIdFilter.HEADER) == null) {
                response.setHeader(CorrelationIdFilter.HEADER, CorrelationIdFilter.idOf(request));
            }
            ErrorBodies.write(response.getResponse(), status, Map.of("detail", detail));
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response is committed: nothing more can be said to the client
        }
    }

    /** Tomcat reports a request head over {@code max-http-request-header-size} as this 400. */
    private static boolean isHeadTooLarge(Throwable throwable) {
        return throwable instanceof IllegalArgumentException
                && throwable.getMessage() != null && throwable.getMessage().contains("too large");
    }
}
