package org.orggroups.query;

import java.util.List;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;

/**
 * Offset paging shared by the list queries. Source of the rules: API.md section 3, {@code page}: 1-based,
 * {@code last} (a {@code null} page) is the last page, past the end does not exist, and an empty result still
 * has page 1.
 */
public final class Paging {

    /** Reads one slice of the ordered result. */
    @FunctionalInterface
    public interface Slice<T> {
        /**
         * @param offset rows to skip, at least 0
         * @param limit  rows to return at most, at least 1
         * @return the rows
         */
        List<T> rows(long offset, int limit);
    }

    private Paging() {
    }

    /**
     * @param request the page asked for
     * @param total   how many rows match in all
     * @param slice   reads the rows of the page; not called for a page past the end
     * @param <T>     the item type
     * @return the page, with {@link Page#exists()} {@code false} and no items when it is past the last page
     */
    public static <T> Page<T> page(PageRequest request, long total, Slice<T> slice) {
        int number = request.resolve(total);
        if (number > request.lastPage(total)) {
            return new Page<>(List.of(), total, number, false);
        }
        long offset = (long) (number - 1) * request.size();
        return new Page<>(slice.rows(offset, request.size()), total, number, true);
    }
}
