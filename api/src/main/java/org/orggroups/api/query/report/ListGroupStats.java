package org.orggroups.api.query.report;

import java.util.List;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.PageRequest;

/**
 * Lists the report rows of live groups. Answer: {@code Page<GroupStats>}.
 *
 * @param parentId     only the direct children of this group; {@code null} for no filter
 * @param nameContains case-insensitive substring of the name, matched literally; {@code null} for none
 * @param ordering     ordering terms, most significant first; empty for name ascending
 * @param page         the page wanted
 */
public record ListGroupStats(GroupId parentId, String nameContains, List<GroupStatsOrder> ordering,
                             PageRequest page) {

    public ListGroupStats {
        ordering = List.copyOf(ordering);
    }
}
