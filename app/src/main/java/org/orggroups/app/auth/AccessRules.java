package org.orggroups.app.auth;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests need a staff user (API.md section 2). Everything not listed here is open, so that Spring MVC
 * itself answers unknown paths with 404 and unknown methods with 405.
 *
 * <ul>
 *   <li>{@code /api/users/**}: staff only, any method.</li>
 *   <li>{@code /api/projections/**}: staff only, any method.</li>
 *   <li>{@code /api/audit-events/**} and {@code /api/reports/**}: staff only, any method.</li>
 *   <li>any path under {@code /api/} containing {@code /history}: staff only, any method.</li>
 *   <li>any other method than GET, HEAD and OPTIONS under {@code /api/}: staff only. Reads of groups and
 *       customers are open to anonymous callers, as in Waldur.</li>
 *   <li>{@code /actuator/health/**} and {@code /actuator/info} are open; every other actuator path is staff only.</li>
 *   <li>{@code POST /api-auth/password/} and everything else: open.</li>
 * </ul>
 * Paths are compared without letter case and with or without their trailing slash.
 */
final class AccessRules {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private AccessRules() {
    }

    /** @return whether the request needs an authenticated staff user */
    static boolean staffOnly(HttpServletRequest request) {
        return staffOnly(request.getMethod(), pathOf(request));
    }

    /**
     * @param method the HTTP method, e.g. {@code GET}
     * @param path   the decoded path inside the application, starting with {@code /}
     * @return whether the request needs an authenticated staff user
     */
    static boolean staffOnly(String method, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (isUnder(p, "/api")) {
            return isUnder(p, "/api/users")
                    || isUnder(p, "/api/projections")
                    || isUnder(p, "/api/audit-events")
                    || isUnder(p, "/api/reports")
                    || p.contains("/history")
                    || !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
        }
        if (isUnder(p, "/actuator")) {
            return !(isUnder(p, "/actuator/health") || isUnder(p, "/actuator/info"));
        }
        return false;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /**
     * The servlet container's decoded and normalised path, the one Spring MVC routes on, so that an encoded
     * character cannot route a request to a controller while it escapes these rules.
     */
    private static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }
}
