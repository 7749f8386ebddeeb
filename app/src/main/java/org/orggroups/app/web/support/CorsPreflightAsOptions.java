package org.orggroups.app.web.support;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;

/**
 * The service grants no cross-origin access (API.md section 1, "CORS"): a CORS preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered as the plain {@code OPTIONS} it also is,
 * 200 with {@code Allow} and no {@code Access-Control-*} header, which a browser reads as a refusal. That is what
 * DRF answers without a CORS package; Spring MVC would instead answer a plain-text 403 {@code Invalid CORS request}.
 */
public class CorsPreflightAsOptions implements Filter {

    private static final Map<String, Optional<String>> WITHOUT_PREFLIGHT_HEADERS = Map.of(
            HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, Optional.empty(),
            HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, Optional.empty());

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && CorsUtils.isPreFlightRequest(http)) {
            chain.doFilter(new EditedHeaders(http, WITHOUT_PREFLIGHT_HEADERS), response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
