package org.orggroups.api.offering;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a plan (a pricing plan of an offering). Its {@link #toString()} is the dashed UUID text.
 *
 * @param uuid the UUID, never {@code null}
 */
public record PlanId(UUID uuid) {

    public PlanId {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** @return a new, random (version 4) id */
    public static PlanId random() {
        return new PlanId(UUID.randomUUID());
    }

    /**
     * @param text a dashed UUID as produced by {@link #toString()}
     * @return the id
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static PlanId parse(String text) {
        return new PlanId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
