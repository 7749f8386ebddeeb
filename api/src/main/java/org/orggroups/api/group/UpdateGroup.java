package org.orggroups.api.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to rename and/or move a group, as one atomic change (HTTP PUT and PATCH change both at once, and a
 * refused parent must leave the name unchanged too). Fields that are {@code null} are kept. A change to
 * the values the group already has records nothing.
 *
 * @param groupId         the group to change
 * @param name            the new name (trimmed, 1..150 code points), or {@code null} to keep it
 * @param parent          the new parent, or {@code null} to keep it
 * @param expectedVersion the version the sender last saw (the {@code If-Match} ETag), or {@code null} for no check
 */
public record UpdateGroup(@TargetAggregateIdentifier GroupId groupId, String name, ParentChange parent,
                          Long expectedVersion) {
}
