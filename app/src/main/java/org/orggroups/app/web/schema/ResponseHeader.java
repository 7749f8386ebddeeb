package org.orggroups.app.web.schema;

/**
 * Response headers the schema documents, with their meaning in the contract (API.md sections 3 and 5).
 */
public enum ResponseHeader {

    /** {@code X-Result-Count}: matching items over all pages. */
    RESULT_COUNT("X-Result-Count", true, "The number of matching items over all pages."),
    /** {@code Link}: first, prev, next and last pages (Waldur's {@code LinkHeaderPagination}). */
    LINK("Link", false, "`<url>; rel=\"first\"`, then `prev` and `next` where they exist, then `last`, "
            + "joined by `, `; the URLs hold no raw comma."),
    /** {@code Location} of a created resource. */
    LOCATION("Location", false, "The url of the created resource."),
    /** {@code ETag}: the group's version, for {@code If-Match}. */
    ETAG("ETag", false, "The strong entity tag of the group's version (`\"<version>\"`); send it back in "
            + "`If-Match` to refuse a write to a group that has changed since (412).");

    private final String headerName;
    private final boolean integer;
    private final String description;

    ResponseHeader(String headerName, boolean integer, String description) {
        this.headerName = headerName;
        this.integer = integer;
        this.description = description;
    }

    public String headerName() {
        return headerName;
    }

    /** @return whether the value is an integer (else a string) */
    boolean integer() {
        return integer;
    }

    String description() {
        return description;
    }
}
