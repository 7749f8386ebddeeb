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

/**
 * Lets only well-formed forwarded headers reach Spring's {@code ForwardedHeaderFilter}, which runs after it and
 * puts them into every link the service builds ({@code url}, {@code parent}, {@code Location}, {@code Link}; API.md
 * section 1, "hyperlinks"). A header that is not well-formed is ignored, as if the proxy had not sent it, and the
 * links fall back to the request's own scheme, host and port:
 * <ul>
 *   <li>{@code X-Forwarded-Proto}: {@code http} or {@code https}, any letter case;</li>
 *   <li>{@code X-Forwarded-Host}: a host name, an IPv4 address or a bracketed IPv6 address, with an optional port;</li>
 *   <li>{@code X-Forwarded-Port}: 1 to 65535;</li>
 *   <li>{@code Forwarded} (RFC 7239): ignored whole when any of its {@code proto} or {@code host} values breaks the rules above.</li>
 * </ul>
 * A comma-separated list (one value per proxy) is kept only when every value is well-formed. A valid
 * {@code X-Forwarded-Proto} is passed on in lower case, as links are written. Without this,
 * {@code X-Forwarded-Proto: javascript} or {@code X-Forwarded-Host: evil.com/x?y} would be copied into the links,
 * and {@code X-Forwarded-Port: abc} made Spring answer an empty 400.
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
    private static Map<String, Optional<String>> edits(HttpServletRequest request) {
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
        hideUnlessValid(request, "X-Forwarded-Prefix", ForwardedHeaderGuard::isPrefix, edits);
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

    /** @return whether the value is an absolute URI path, which Spring puts before every link's path */
    static boolean isPrefix(String value) {
        return PREFIX.matcher(value.strip()).matches();
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
}
