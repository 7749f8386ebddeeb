package org.orggroups.api.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to delete a group together with its whole subtree (Waldur's cascade), atomically.
 *
 * @param groupId         the group to delete
 * @param expectedVersion the version the sender last saw (the {@code If-Match} ETag), or {@code null} for no check
 */
public record DeleteGroup(@TargetAggregateIdentifier GroupId groupId, Long expectedVersion) {
}
