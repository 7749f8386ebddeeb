package org.orggroups.app.web.support;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.apache.catalina.Globals;

/**
 * Keeps a query parameter whose escapes Tomcat cannot decode ({@code ?name=%ZZ}, {@code ?parent=ab%2}): Tomcat
 * drops such a parameter with a log line, so a filter would quietly not apply and the whole list would come back,
 * where Django reads the value as {@link QueryStrings} does and answers accordingly (a name filter matching
 * {@code %ZZ} literally, a 400 for a uuid that is none). API.md section 1: only parameters a resource does not know
 * are ignored.
 *
 * <p>Only a request whose query string holds a {@code %} and whose parameters Tomcat failed to parse is wrapped; its
 * parameters are then {@link QueryStrings#parse} of the raw query string. A request with a form body (the login
 * takes one) is left to Tomcat, which reads the form's parameters from the body together with the query's: read
 * again from the query alone, they would be lost; and asking Tomcat for them consumes a body that an endpoint
 * reading JSON must still see whole, to refuse its type with 415.
 */
public class UndecodableQueryParameters implements Filter {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && http.getQueryString() != null
                && http.getQueryString().indexOf('%') >= 0 && !hasFormBody(http)) {
            http.getParameterMap(); // Tomcat parses the query now, and records a failure in the attribute
            if (http.getAttribute(Globals.PARAMETER_PARSE_FAILED_ATTR) != null) {
                chain.doFilter(new Reparsed(http, parameters(http.getQueryString())), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** @return whether Tomcat would read parameters from the body too: a form, URL-encoded or multipart */
    private static boolean hasFormBody(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.regionMatches(true, 0, FORM, 0, FORM.length())
                || type.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length()));
    }

    /** @return the query's parameters as Django reads them */
    private static Map<String, String[]> parameters(String query) {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        QueryStrings.parse(query).forEach((key, values) -> parameters.put(key, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(parameters);
    }

    /** The request with its parameters read again. */
    private static final class Reparsed extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        Reparsed(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(List.copyOf(parameters.keySet()));
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }
}
