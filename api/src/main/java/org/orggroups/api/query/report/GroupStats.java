package org.orggroups.api.query.report;

import java.util.List;

import org.orggroups.api.group.GroupId;

/**
 * Counts of one live group and its subtree.
 *
 * @param groupId               the group
 * @param name                  its current name
 * @param customersCount        customers that are direct members of the group
 * @param subtreeCustomersCount distinct customers that are members of the group or of any of its descendants
 * @param descendantsCount      live groups below it, at any depth
 * @param depth                 its distance from its root: 0 for a root
 * @param path                  names from the root down to the group itself, {@code depth + 1} entries
 */
public record GroupStats(GroupId groupId, String name, long customersCount, long subtreeCustomersCount,
                         long descendantsCount, int depth, List<String> path) {

    public GroupStats {
        path = List.copyOf(path);
    }
}
