package org.orggroups.api.group;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an organization group. Its {@link #toString()} is the dashed UUID text, which is also the
 * aggregate identifier stored with every event of the group.
 *
 * @param uuid the group's UUID, never {@code null}
 */
public record GroupId(UUID uuid) {

    public GroupId {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** @return a new, random (version 4) group id */
    public static GroupId random() {
        return new GroupId(UUID.randomUUID());
    }

    /**
     * @param text a dashed UUID as produced by {@link #toString()}
     * @return the id
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static GroupId parse(String text) {
        return new GroupId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
