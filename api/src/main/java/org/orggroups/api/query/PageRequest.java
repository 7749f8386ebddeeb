package org.orggroups.api.query;

import java.util.List;

/**
 * Which page of a list to return.
 *
 * @param page 1-based page number, or {@code null} for the last page
 * @param size items per page, at least 1
 */
public record PageRequest(Integer page, int size) {

    public PageRequest {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1, was " + size);
        }
        if (page != null && page < 1) {
            throw new IllegalArgumentException("page must be at least 1, was " + page);
        }
    }

    /**
     * @param total number of matching items
     * @return the number of the last page: 1 for an empty result
     */
    public int lastPage(long total) {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /**
     * @param total number of matching items
     * @return the page this request names, with {@code null} resolved to the last page
     */
    public int resolve(long total) {
        return page == null ? lastPage(total) : page;
    }

    /**
     * Pages a list that is already complete and in order (for small lists kept in memory).
     *
     * @param all every matching item, in order
     * @return this page of them; {@link Page#exists()} is false when the page is past the end
     */
    public <T> Page<T> slice(List<T> all) {
        int resolved = resolve(all.size());
        boolean exists = resolved <= lastPage(all.size());
        long from = Math.min((long) (resolved - 1) * size, all.size());
        int to = (int) Math.min(from + size, all.size());
        return new Page<>(exists ? all.subList((int) from, to) : List.of(), all.size(), resolved, exists);
    }
}
