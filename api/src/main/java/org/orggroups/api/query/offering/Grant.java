package org.orggroups.api.query.offering;

import org.orggroups.api.group.GroupId;

/**
 * A live group of a restriction through which a customer qualifies (API.md 12.7, {@code granted_by}).
 *
 * @param groupId the group named by the restriction
 * @param name    its current name
 * @param viaId   the customer's own group: {@code groupId} itself, or under 2.9 a descendant of it
 */
public record Grant(GroupId groupId, String name, GroupId viaId) {
}
