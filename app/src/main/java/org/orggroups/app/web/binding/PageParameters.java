package org.orggroups.app.web.binding;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;

/**
 * The paging parameters of a list that has no other parameter: {@code page} and {@code page_size} (API.md section 3,
 * "Listing").
 *
 * @param page the page asked for
 */
@FromRequest
public record PageParameters(PageRequest page) {

    /** @throws ApiException 404 {@code {"detail":"Invalid page."}} for a page neither a positive integer nor last */
    public static PageParameters from(HttpServletRequest request) {
        return new PageParameters(Paging.pageRequest(request));
    }
}
