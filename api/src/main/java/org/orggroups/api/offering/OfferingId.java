package org.orggroups.api.offering;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an offering of a provider (a Waldur marketplace offering). Its {@link #toString()} is the dashed UUID text.
 *
 * @param uuid the UUID, never {@code null}
 */
public record OfferingId(UUID uuid) {

    public OfferingId {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** @return a new, random (version 4) id */
    public static OfferingId random() {
        return new OfferingId(UUID.randomUUID());
    }

    /**
     * @param text a dashed UUID as produced by {@link #toString()}
     * @return the id
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static OfferingId parse(String text) {
        return new OfferingId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
