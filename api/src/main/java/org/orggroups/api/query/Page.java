package org.orggroups.api.query;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items  the items of the page, in order; empty when the page is past the end
 * @param total  how many items match in all pages
 * @param page   the 1-based page these items are (the last page resolved)
 * @param exists whether that page exists: page 1 always does, a later one only when items reach it
 * @param <T>    the item type
 */
public record Page<T>(List<T> items, long total, int page, boolean exists) {

    public Page {
        items = List.copyOf(items);
    }
}
