package org.orggroups.app.web.schema;

/**
 * Response headers the schema documents, with their meaning in the contract (API.md sections 3, 5, 9 and 10).
 */
public enum ResponseHeader {

    /** {@code X-Result-Count}: matching items over all pages. */
    RESULT_COUNT("X-Result-Count", true, null, "The number of matching items over all pages."),
    /** {@code Link}: first, prev, next and last pages (Waldur's {@code LinkHeaderPagination}). */
    LINK("Link", false, null, "`<url>; rel=\"first\"`, then `prev` and `next` where they exist, then `last`, "
            + "joined by `, `; the URLs hold no raw comma."),
    /** {@code Location} of a created resource, or of the projection a rebuild was started for. */
    LOCATION("Location", false, "uri", "The url of the created resource, or of the projection a rebuild was "
            + "started for (`<base>/api/projections/<name>/`)."),
    /** {@code ETag}: the group's version, for {@code If-Match}. */
    ETAG("ETag", false, null, "The strong entity tag of the group's version (`\"<version>\"`); send it back in "
            + "`If-Match` to refuse a write to a group that has changed since (412)."),
    /** {@code X-Event-Position}: how far a streaming projection reflects the event store (API.md section 5). */
    EVENT_POSITION("X-Event-Position", true, "int64", "Every event with a global index up to this one is reflected; "
            + "0 before the projection has handled any."),
    /** {@code X-Projection-Lag}: stored events beyond {@code X-Event-Position}. */
    PROJECTION_LAG("X-Projection-Lag", true, "int64", "Stored events beyond `X-Event-Position`; 0 means up to date.");

    private final String headerName;
    private final boolean integer;
    private final String format;
    private final String description;

    ResponseHeader(String headerName, boolean integer, String format, String description) {
        this.headerName = headerName;
        this.integer = integer;
        this.format = format;
        this.description = description;
    }

    public String headerName() {
        return headerName;
    }

    /** @return whether the value is an integer (else a string) */
    boolean integer() {
        return integer;
    }

    /** @return the OpenAPI format of the value, e.g. {@code uri} or {@code int64}; {@code null} for the default */
    String format() {
        return format;
    }

    String description() {
        return description;
    }
}
