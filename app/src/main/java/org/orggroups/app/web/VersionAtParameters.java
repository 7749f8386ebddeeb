package org.orggroups.app.web;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Timestamps;

/**
 * The query parameter of {@code .../history/at/} (API.md section 6).
 *
 * @param timestamp the instant asked for
 * @param raw       the parameter exactly as sent, echoed as {@code queried_at}
 */
@FromRequest
public record VersionAtParameters(Instant timestamp, String raw) {

    /**
     * Reads {@code timestamp} (its last value).
     *
     * @throws ApiException 400 {@code {"timestamp": "This parameter is required."}} when absent or empty,
     *                      {@code {"timestamp": "Invalid timestamp format."}} when not ISO 8601: strings, not lists,
     *                      as Waldur answers them
     */
    public static VersionAtParameters from(HttpServletRequest request) {
        String raw = Paging.last(request, "timestamp");
        if (raw == null || raw.isEmpty()) {
            throw Timestamps.stringError("timestamp", "This parameter is required.");
        }
        Instant timestamp = Timestamps.parse(raw)
                .orElseThrow(() -> Timestamps.stringError("timestamp", Timestamps.INVALID));
        return new VersionAtParameters(timestamp, raw);
    }
}
