package org.orggroups.api.customer;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a customer (a Waldur organization). Its {@link #toString()} is the dashed UUID text, which is
 * also the aggregate identifier stored with every event of the customer.
 *
 * @param uuid the customer's UUID, never {@code null}
 */
public record CustomerId(UUID uuid) {

    public CustomerId {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** @return a new, random (version 4) customer id */
    public static CustomerId random() {
        return new CustomerId(UUID.randomUUID());
    }

    /**
     * @param text a dashed UUID as produced by {@link #toString()}
     * @return the id
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static CustomerId parse(String text) {
        return new CustomerId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
