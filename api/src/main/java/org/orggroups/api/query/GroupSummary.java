package org.orggroups.api.query;

import org.orggroups.api.group.GroupId;

/**
 * A group as the read side shows it.
 *
 * @param groupId        the group
 * @param name           its name
 * @param parentId       its parent, or {@code null} for a root
 * @param parentName     the parent's current name, or {@code null} for a root
 * @param customersCount how many customers are direct members (not members of descendants)
 * @param version        the aggregate's sequence number of the group's last change of name or parent;
 *                       the ETag of the group
 */
public record GroupSummary(GroupId groupId, String name, GroupId parentId, String parentName,
                           long customersCount, long version) {
}
