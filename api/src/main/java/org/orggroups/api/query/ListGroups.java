package org.orggroups.api.query;

import java.util.List;

import org.orggroups.api.group.GroupId;

/**
 * Lists live groups (API.md section 3, "Listing"). Answer: {@code Page<GroupSummary>}.
 *
 * @param nameContains case-insensitive substring of the name, matched literally; {@code null} for none
 * @param nameExact    exact, case-sensitive name; {@code null} for none
 * @param parentId     only the direct children of this group; {@code null} for no filter
 * @param ordering     ordering terms, first the most significant; empty for name ascending
 * @param page         the page wanted
 */
public record ListGroups(String nameContains, String nameExact, GroupId parentId, List<GroupOrder> ordering,
                         PageRequest page) {

    public ListGroups {
        ordering = List.copyOf(ordering);
    }
}
