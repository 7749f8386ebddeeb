package org.orggroups.app.web.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw query string read as Waldur reads it: Django's {@code QueryDict} and DRF's page links take it apart with
 * Python's {@code parse_qsl(keep_blank_values=True)} on {@code &} and decode each part with
 * {@code unquote_plus(errors="replace")}. So an escape that is not one ({@code %ZZ}, a trailing {@code %2}) stays as
 * written and bytes that are not UTF-8 become U+FFFD, where Tomcat drops the whole parameter.
 */
public final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * @param raw a query string as sent, without the {@code ?}; may be {@code null}
     * @return its parameters, keys in first-seen order, each key's values in order; a pair without {@code =} is a key
     *         with the value {@code ""}; empty pairs are skipped
     */
    public static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = unquotePlus(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unquotePlus(pair.substring(eq + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /**
     * Python's {@code urllib.parse.unquote_plus(text, errors="replace")}.
     *
     * @param text a part of a query string
     * @return the text with {@code +} as a space and each {@code %} followed by two hex digits as that byte; any
     *         other {@code %} as written; the bytes read as UTF-8, each malformed sequence as U+FFFD
     */
    public static String unquotePlus(String text) {
        if (text.indexOf('%') < 0) {
            return text.replace('+', ' ');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isAsciiHex(text.charAt(i + 1))
                    && isAsciiHex(text.charAt(i + 2))) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
