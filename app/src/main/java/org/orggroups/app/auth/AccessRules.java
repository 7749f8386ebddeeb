package org.orggroups.app.auth;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RegexRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests need a staff user (API.md section 2), as an ordered list of Spring Security request matchers: the
 * first rule that matches a request decides, as in {@code authorizeHttpRequests}, where {@link SecurityConfig}
 * declares them. Everything no rule makes staff only is open, so that Spring MVC itself answers unknown paths with
 * 404 and unknown methods with 405; and the rules look at the method and path only, so a staff-only path is refused
 * before anything looks its uuid or name up.
 *
 * <ol>
 *   <li>GET and HEAD of the OpenAPI document and its viewer, {@code /api/schema/**} and {@code /api/docs/**}:
 *       open.</li>
 *   <li>{@code /api/users/**}, {@code /api/projections/**}, {@code /api/audit-events/**}, {@code /api/reports/**}:
 *       staff only, any method.</li>
 *   <li>any path under {@code /api/} containing {@code /history}: staff only, any method.</li>
 *   <li>{@code /api/marketplace-provider-offerings/<uuid>/allowed_customers/} and {@code .../order_check/}: staff
 *       only, any method (API.md sections 12.6 and 12.7).</li>
 *   <li>GET and HEAD of {@code /api/marketplace-provider-offerings/**} and {@code /api/marketplace-plans/**}: any
 *       authenticated user (Waldur's provider views need a token; API.md section 12).</li>
 *   <li>GET, HEAD and OPTIONS of anything else under {@code /api/}: open. Reads of groups and customers are open to
 *       anonymous callers, as in Waldur.</li>
 *   <li>any other method under {@code /api/}: staff only.</li>
 *   <li>{@code /actuator/health/**}, {@code /actuator/info/**} and {@code /actuator/prometheus}: open, for load
 *       balancers, orchestrators and Prometheus, which scrapes each node on its own port without a token (tokens
 *       expire); the balancer does not pass {@code /actuator/prometheus} on (docker/nginx.conf). Every other
 *       actuator path is staff only.</li>
 *   <li>{@code POST /api-auth/password/} and everything else: open.</li>
 * </ol>
 * Paths are compared without letter case and with or without their trailing slash ({@code /**} also matches the
 * path itself).
 */
final class AccessRules {

    /** Spring's path patterns, without letter case: {@code /API/Users/} is the users resource to Waldur's clients. */
    private static final PathPatternParser PATHS = caseInsensitive();
    /**
     * The history rule is the one a path pattern cannot say ({@code **} must end a pattern). Matched against the
     * decoded servlet path and, by {@link RegexRequestMatcher}, the query string, which may follow but not hold
     * the {@code /history}.
     */
    private static final String HISTORY = "^/api(/[^?]*)?/history[^?]*(\\?.*)?$";
    private static final Pattern HISTORY_PATTERN = Pattern.compile(HISTORY, Pattern.CASE_INSENSITIVE);

    /** The rules in the order they apply. */
    static final List<Rule> RULES = List.of(
            Rule.open(HttpMethod.GET, "/api/schema/**"),
            Rule.open(HttpMethod.HEAD, "/api/schema/**"),
            Rule.open(HttpMethod.GET, "/api/docs/**"),
            Rule.open(HttpMethod.HEAD, "/api/docs/**"),
            Rule.staff(null, "/api/users/**"),
            Rule.staff(null, "/api/projections/**"),
            Rule.staff(null, "/api/audit-events/**"),
            Rule.staff(null, "/api/reports/**"),
            Rule.staffHistory(),
            Rule.staff(null, "/api/marketplace-provider-offerings/*/allowed_customers/**"),
            Rule.staff(null, "/api/marketplace-provider-offerings/*/order_check/**"),
            Rule.authenticated(HttpMethod.GET, "/api/marketplace-provider-offerings/**"),
            Rule.authenticated(HttpMethod.HEAD, "/api/marketplace-provider-offerings/**"),
            Rule.authenticated(HttpMethod.GET, "/api/marketplace-plans/**"),
            Rule.authenticated(HttpMethod.HEAD, "/api/marketplace-plans/**"),
            Rule.open(HttpMethod.GET, "/api/**"),
            Rule.open(HttpMethod.HEAD, "/api/**"),
            Rule.open(HttpMethod.OPTIONS, "/api/**"),
            Rule.staff(null, "/api/**"),
            Rule.open(null, "/actuator/health/**"),
            Rule.open(null, "/actuator/info/**"),
            Rule.open(null, "/actuator/prometheus/**"),
            Rule.staff(null, "/actuator/**"));

    private AccessRules() {
    }

    /**
     * Evaluates the rules without a servlet request, as the filter chain does for the request's method and its
     * decoded path.
     *
     * @param method the HTTP method, e.g. {@code GET} (case-sensitive, as HTTP methods are)
     * @param path   the decoded path inside the application, starting with {@code /}
     * @return whether the request needs an authenticated staff user
     */
    static boolean staffOnly(String method, String path) {
        return access(method, path) == Access.STAFF;
    }

    /**
     * As {@link #staffOnly}, telling the three kinds of access apart.
     *
     * @return who may send the request
     */
    static Access access(String method, String path) {
        for (Rule rule : RULES) {
            if (rule.matches(method, path)) {
                return rule.access();
            }
        }
        return Access.OPEN;
    }

    /** Who may send a request. */
    enum Access {
        /** Anyone, without a token. */
        OPEN,
        /** Any user with a valid token: anonymous callers get 401. */
        AUTHENTICATED,
        /** Staff users only: anonymous callers get 401, others 403. */
        STAFF
    }

    private static PathPatternParser caseInsensitive() {
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        return parser;
    }

    /**
     * One rule: who may send requests of this method (any when {@code null}) whose path matches.
     *
     * @param method  the method, or {@code null} for any
     * @param pattern a Spring path pattern, or {@code null} for the history rule
     * @param access  who may send matching requests
     */
    record Rule(HttpMethod method, String pattern, Access access) {

        static Rule open(HttpMethod method, String pattern) {
            return new Rule(method, pattern, Access.OPEN);
        }

        static Rule authenticated(HttpMethod method, String pattern) {
            return new Rule(method, pattern, Access.AUTHENTICATED);
        }

        static Rule staff(HttpMethod method, String pattern) {
            return new Rule(method, pattern, Access.STAFF);
        }

        static Rule staffHistory() {
            return new Rule(null, null, Access.STAFF);
        }

        /** @return Spring Security's matcher of this rule, for {@code authorizeHttpRequests} */
        RequestMatcher requestMatcher() {
            if (pattern == null) {
                return new RegexRequestMatcher(HISTORY, null, true);
            }
            PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withPathPatternParser(PATHS);
            return method == null ? paths.matcher(pattern) : paths.matcher(method, pattern);
        }

        boolean matches(String requestMethod, String path) {
            if (method != null && !method.name().equals(requestMethod)) {
                return false;
            }
            if (pattern == null) {
                return HISTORY_PATTERN.matcher(path).matches();
            }
            PathPattern parsed = PATHS.parse(pattern);
            return parsed.matches(PathContainer.parsePath(path));
        }
    }
}
