package org.orggroups.api.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to create a group.
 *
 * @param groupId  the id the new group gets, chosen by the sender
 * @param name     the name, trimmed, 1..150 code points
 * @param parentId the parent group, or {@code null} for a root group; must exist and not be deleted
 */
public record CreateGroup(@TargetAggregateIdentifier GroupId groupId, String name, GroupId parentId) {
}
