package org.orggroups.api;

/**
 * Keys of the metadata that every command carries and that Axon copies onto the events it causes.
 * Values are strings. Never a token, a password or any other secret.
 */
public final class MetadataKeys {

    /** Dashed UUID of the user who sent the command; absent for system actions. */
    public static final String USER_UUID = "userUuid";
    /** Username of the user who sent the command; absent for system actions. */
    public static final String USERNAME = "username";
    /** Correlation id of the HTTP request that caused the command (the {@code X-Correlation-ID} header). */
    public static final String CORRELATION_ID = "correlationId";
    /**
     * Id the service gave the HTTP request that caused the command: 32 hex digits, new for every request, so unlike
     * the correlation id (which the caller may choose, and repeat) it tells requests apart. History shows the
     * events one request recorded on one resource as one version, as Waldur records one revision per request.
     * Events recorded before this key existed, and those of the operator's tools, have none.
     */
    public static final String REQUEST_ID = "requestId";
    /**
     * On events of a cascaded delete: dashed UUID of the group whose {@code DeleteGroup} command caused them.
     */
    public static final String CAUSED_BY_GROUP = "causedByGroup";

    /**
     * On the {@code OfferingDeleted} events of a provider's delete: dashed UUID of the customer whose
     * {@code DeleteCustomer} command caused them.
     */
    public static final String CAUSED_BY_CUSTOMER = "causedByCustomer";

    private MetadataKeys() {
    }
}
