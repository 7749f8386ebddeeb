package org.orggroups.command;

import org.orggroups.api.customer.CustomerId;

/**
 * An offering was to be created for a provider (a customer) that does not exist or is deleted, possibly deleted
 * by a delete that raced with the creation (API.md 12.3, E1). HTTP: 400
 * {@code {"customer": ["Invalid hyperlink - Object does not exist."]}}.
 */
public class ProviderNotFoundException extends RuntimeException {

    private final CustomerId providerId;

    /** @param providerId the provider that cannot have offerings */
    public ProviderNotFoundException(CustomerId providerId) {
        super("Customer " + providerId + " does not exist or is deleted.");
        this.providerId = providerId;
    }

    /** @return the provider that cannot have offerings */
    public CustomerId providerId() {
        return providerId;
    }
}
