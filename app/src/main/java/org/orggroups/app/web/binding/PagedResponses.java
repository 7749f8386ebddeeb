package org.orggroups.app.web.binding;

import java.util.List;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Answers a page of a list with Waldur's paging headers ({@code X-Result-Count}, {@code Link}; API.md section 3,
 * "Listing"), for controllers that take typed parameters instead of the servlet request. The links repeat the
 * current request's URL and query, as {@link Paging} builds them.
 */
public final class PagedResponses {

    private PagedResponses() {
    }

    /**
     * @param page    the page from the query side
     * @param request the page asked for (its size is the one used in the links)
     * @param items   the page's items, rendered
     * @return 200 with the items and the paging headers
     * @throws ApiException 404 {@code {"detail":"Invalid page."}} when the page is past the end
     */
    public static <T> ResponseEntity<List<T>> of(Page<?> page, PageRequest request, List<T> items) {
        return Paging.respond(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest(),
                page, request.size(), items);
    }
}
