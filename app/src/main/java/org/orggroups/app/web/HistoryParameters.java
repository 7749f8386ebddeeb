package org.orggroups.app.web;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Timestamps;

/**
 * The query parameters of {@code .../history/} (API.md section 6).
 *
 * @param createdAfter  exclusive lower bound, or {@code null}
 * @param createdBefore exclusive upper bound, or {@code null}
 * @param page          the page asked for
 */
@FromRequest
public record HistoryParameters(Instant createdAfter, Instant createdBefore, PageRequest page) {

    /**
     * Reads the parameters, one error at a time in the contract's order: a malformed {@code page}, then
     * {@code created_after}, then {@code created_before}.
     *
     * @throws ApiException 404 {@code {"detail":"Invalid page."}}; 400 {@code {"created_after":"Invalid timestamp
     *                      format."}} (a string, as Waldur answers it) or the same for {@code created_before}; 400
     *                      {@code {"<name>":["Null characters are not allowed."]}}
     */
    public static HistoryParameters from(HttpServletRequest request) {
        PageRequest page = Paging.pageRequest(request);
        Instant after = Timestamps.optionalParameter(request, "created_after");
        Instant before = Timestamps.optionalParameter(request, "created_before");
        return new HistoryParameters(after, before, page);
    }
}
