package org.orggroups.app.web.support;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * Lets only well-formed forwarded headers reach Spring's {@code ForwardedHeaderFilter}, which runs after it and
 * puts them into every link the service builds ({@code url}, {@code parent}, {@code Location}, {@code Link}; API.md
 * section 1, "hyperlinks"). A header that is not well-formed is ignored, as if the proxy had not sent it, and the
 * links fall back to the request's own scheme, host and port:
 * <ul>
 *   <li>{@code X-Forwarded-Proto}: {@code http} or {@code https}, any letter case;</li>
 *   <li>{@code X-Forwarded-Host}: a host name, an IPv4 address or a bracketed IPv6 address, with an optional port;</li>
 *   <li>{@code X-Forwarded-Port}: 1 to 65535;</li>
 *   <li>{@code X-Forwarded-Prefix}: an absolute path of URI path characters that Spring Security's firewall (the
 *       service's {@link HttpFirewall}) accepts as a request path, since Spring puts it before the request's own path
 *       and the firewall then judges both together: no empty, {@code .} or {@code ..} segment, no {@code ;}, no
 *       escaped {@code .}, {@code /}, {@code \}, {@code %} or control character;</li>
 *   <li>{@code Forwarded} (RFC 7239): ignored whole when any of its {@code proto} or {@code host} values breaks the rules above.</li>
 * </ul>
 * A comma-separated list (one value per proxy) is kept only when every value is well-formed. A valid
 * {@code X-Forwarded-Proto} is passed on in lower case, as links are written. Without this,
 * {@code X-Forwarded-Proto: javascript} or {@code X-Forwarded-Host: evil.com/x?y} would be copied into the links,
 * and {@code X-Forwarded-Port: abc} made Spring answer an empty 400, as the firewall did for
 * {@code X-Forwarded-Prefix: /a//b}.
 */
public class ForwardedHeaderGuard implements Filter {

    private static final String PROTO_HEADER = "X-Forwarded-Proto";
    private static final Pattern PROTO = Pattern.compile("(?i)https?");
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST = Pattern.compile(
            "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(?<port>[0-9]{1,5}))?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    /** An absolute path of RFC 3986 segments: unreserved and sub-delimiter characters, ':', '@', percent escapes. */
    private static final Pattern PREFIX = Pattern.compile("(?:/(?:[A-Za-z0-9._~!$&'()*+;=:@-]|%[0-9A-Fa-f]{2})*)+");
    /** What Spring drops from the end of each item of the prefix before it joins them. */
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    private final HttpFirewall firewall;

    /** @param firewall the firewall Spring Security's chain judges every request with, after this filter */
    public ForwardedHeaderGuard(HttpFirewall firewall) {
        this.firewall = firewall;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            Map<String, Optional<String>> edits = edits(http);
            chain.doFilter(edits.isEmpty() ? request : new EditedHeaders(http, edits), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** @return the headers to hide (empty) or, for a valid proto, to show in lower case, as Spring copies it as is */
    private Map<String, Optional<String>> edits(HttpServletRequest request) {
        Map<String, Optional<String>> edits = new HashMap<>();
        String proto = request.getHeader(PROTO_HEADER);
        if (proto != null) {
            if (!allValid(request, PROTO_HEADER, ForwardedHeaderGuard::isProto)) {
                edits.put(PROTO_HEADER, Optional.empty());
            } else if (!proto.equals(proto.toLowerCase(Locale.ROOT))) {
                edits.put(PROTO_HEADER, Optional.of(proto.toLowerCase(Locale.ROOT)));
            }
        }
        hideUnlessValid(request, "X-Forwarded-Host", ForwardedHeaderGuard::isHost, edits);
        hideUnlessValid(request, "X-Forwarded-Port", ForwardedHeaderGuard::isPort, edits);
        hideUnlessValid(request, "X-Forwarded-Prefix", prefix -> isPrefix(request, prefix), edits);
        hideUnlessValid(request, "Forwarded", ForwardedHeaderGuard::isForwardedElement, edits);
        return edits;
    }

    private static void hideUnlessValid(HttpServletRequest request, String name, Predicate<String> valid,
                                        Map<String, Optional<String>> edits) {
        if (!allValid(request, name, valid)) {
            edits.put(name, Optional.empty());
        }
    }

    /** @return whether every comma-separated value of every occurrence of the header is valid (true when absent) */
    private static boolean allValid(HttpServletRequest request, String name, Predicate<String> valid) {
        for (String header : Collections.list(request.getHeaders(name))) {
            for (String value : header.split(",", -1)) {
                if (!valid.test(value.strip())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return whether the value is {@code http} or {@code https}, any letter case */
    static boolean isProto(String value) {
        return PROTO.matcher(value).matches();
    }

    /** @return whether the value is a host name or IP literal with an optional port of 1 to 65535 */
    static boolean isHost(String value) {
        var matcher = HOST.matcher(value);
        return matcher.matches() && (matcher.group("port") == null || isPort(matcher.group("port")));
    }

    /** @return whether the value is a port number, 1 to 65535 */
    static boolean isPort(String value) {
        return PORT.matcher(value).matches() && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535;
    }

    /**
     * @param request the request the prefix came with
     * @param value   one item of the header (Spring joins the items, each without its trailing slashes)
     * @return whether the value is an absolute URI path, which Spring puts before every link's path and before the
     *         request's own path, and which the firewall takes as a path of its own
     */
    private boolean isPrefix(HttpServletRequest request, String value) {
        String prefix = value.strip();
        if (!PREFIX.matcher(prefix).matches()) {
            return false;
        }
        try {
            firewall.getFirewalledRequest(new UnderPrefix(request, TRAILING_SLASHES.matcher(prefix).replaceFirst("")));
            return true;
        } catch (RequestRejectedException rejected) {
            return false;
        }
    }

    /** One element of RFC 7239's {@code Forwarded}: {@code key=value} pairs joined by {@code ;}. */
    static boolean isForwardedElement(String element) {
        for (String pair : element.split(";", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return false;
            }
            String key = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = pair.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if ((key.equals("proto") && !isProto(value)) || (key.equals("host") && !isHost(value))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A GET of the prefix's root, as Spring's {@code ForwardedHeaderFilter} presents a request under a prefix: the
     * prefix as the context path (undecoded) and before the request's path.
     */
    private static final class UnderPrefix extends HttpServletRequestWrapper {

        private final String prefix;

        UnderPrefix(HttpServletRequest request, String prefix) {
            super(request);
            this.prefix = prefix;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return prefix + "/";
        }

        @Override
        public String getContextPath() {
            return prefix;
        }

        @Override
        public String getServletPath() {
            return "/";
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }
}
