package org.orggroups.api.query;

import java.util.UUID;

/**
 * Who made a change, as the event's metadata recorded it ({@code org.orggroups.api.MetadataKeys}).
 *
 * @param uuid     the user's id
 * @param username the user's name at the time of the change, or {@code null} when not recorded
 */
public record RevisionUser(UUID uuid, String username) {
}
