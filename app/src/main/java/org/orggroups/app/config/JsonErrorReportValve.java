package org.orggroups.app.config;

import java.io.IOException;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.orggroups.app.web.error.ErrorBodies;

/**
 * Tomcat's last word on a request it refused before the application saw it (an encoded slash, a broken
 * percent-escape, a NUL in the path): a DRF-style JSON body instead of Tomcat's HTML page (API.md section 1:
 * never an HTML page, never a stack trace). Errors the application answers itself are left untouched.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = switch (status) {
            case 400 -> "Malformed request.";
            case 404 -> ErrorBodies.NOT_FOUND;
            case 405 -> "Method not allowed.";
            default -> status >= 500 ? ErrorBodies.SERVER_ERROR : "Request refused.";
        };
        try {
            response.resetBuffer();
            ErrorBodies.write(response.getResponse(), status, Map.of("detail", detail));
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response is committed: nothing more can be said to the client
        }
    }
}
