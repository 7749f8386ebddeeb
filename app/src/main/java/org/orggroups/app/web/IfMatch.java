package org.orggroups.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.orggroups.app.web.error.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Reads {@code If-Match} (RFC 9110 section 13.1.1, strong comparison) into the version a command expects
 * (API.md section 5).
 */
final class IfMatch {

    static final String CHANGED = "The organization group has changed since it was read.";

    private IfMatch() {
    }

    /**
     * @param header  the {@code If-Match} header, or {@code null}
     * @param current reads the group's current version; used only when the header lists several tags
     * @return the version the command must find, or {@code null} for no check (no header, or {@code *})
     * @throws ApiException 412 when no listed tag can match (weak or malformed tags never match)
     */
    static Long expectedVersion(String header, LongSupplier current) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<Long> versions = new ArrayList<>();
        for (String raw : header.split(",")) {
            String tag = raw.strip();
            if (tag.equals("*")) {
                return null;
            }
            if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                try {
                    versions.add(Long.parseLong(tag.substring(1, tag.length() - 1)));
                } catch (NumberFormatException e) {
                    // an opaque tag we never issued cannot match
                }
            }
        }
        if (versions.isEmpty()) {
            throw changed();
        }
        if (versions.size() == 1) {
            return versions.get(0);
        }
        long now = current.getAsLong();
        if (!versions.contains(now)) {
            throw changed();
        }
        return now;
    }

    static ApiException changed() {
        return ApiException.detail(HttpStatus.PRECONDITION_FAILED, CHANGED);
    }
}
