package org.orggroups.app.web.support;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-ID} (or {@code X-Request-ID}) when it
 * is a short token of safe characters, else a new one. It is put in the log context (every log line of the
 * request shows it), echoed in the {@code X-Correlation-ID} response header, and copied into the metadata of
 * every event the request causes. The request also gets an id of its own, never the caller's, for the events'
 * metadata ({@link org.orggroups.api.MetadataKeys#REQUEST_ID}): a caller may send one correlation id with many
 * requests, and history must still tell them apart.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter extends OncePerRequestFilter {

    /** Name of the log-context entry and of the response header. */
    public static final String MDC_KEY = "correlationId";
    public static final String HEADER = "X-Correlation-ID";
    /** Name of the log-context entry that holds the request's own id (32 hex digits). */
    public static final String REQUEST_ID_MDC_KEY = "requestId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idOf(request);
        MDC.put(MDC_KEY, id);
        MDC.put(REQUEST_ID_MDC_KEY, Uuids.hex(UUID.randomUUID()));
        response.setHeader(HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(REQUEST_ID_MDC_KEY);
        }
    }

    /**
     * Also used for the answers the web container makes itself, before any filter runs (API.md section 8: every
     * response carries {@code X-Correlation-ID}).
     *
     * @return the request's {@code X-Correlation-ID}, else its {@code X-Request-ID}, when 1 to 64 characters of
     *         {@code A-Z a-z 0-9 . _ : -}; otherwise a new 32-hex id
     */
    public static String idOf(HttpServletRequest request) {
        String id = pick(request.getHeader(HEADER));
        if (id == null) {
            id = pick(request.getHeader("X-Request-ID"));
        }
        return id != null ? id : Uuids.hex(UUID.randomUUID());
    }

    private static String pick(String header) {
        return header != null && SAFE.matcher(header).matches() ? header : null;
    }
}
