package org.orggroups.app.web.schema;

/**
 * The schema of an error answer's body (API.md section 1, "errors"; sections 6 and 8 for timestamps).
 */
public enum ErrorBody {

    /**
     * DRF's usual body for the status: for 400 either {@code ValidationError} or {@code ErrorDetail} (a body that
     * is not JSON), for every other status {@code ErrorDetail}.
     */
    STANDARD,
    /** Only {@code ValidationError}: field errors, where no malformed body can be sent (a GET). */
    VALIDATION_ERROR,
    /**
     * Waldur's timestamp errors, {@code {"<parameter>": "message"}}: a string rather than DRF's list, so not
     * {@code ValidationError}; every other error of the same operation is DRF's list.
     */
    TIMESTAMP_ERROR,
    /**
     * {@code ValidationError} or {@code ErrorDetail} whatever the status: Waldur's login answers a missing field with
     * 401 and field errors (API.md section 2).
     */
    FIELDS_OR_DETAIL,
    /**
     * DRF's field errors of a body with a nested list (an offering's {@code plans}): {@code ValidationError}, where a
     * nested list's key holds one object of field errors per item ({@code {"plans": [{}, {"name": [...]}]}}); or
     * {@code ErrorDetail} for a body that is not JSON.
     */
    NESTED_FIELDS;

    /** The description of the inline schema of {@link #NESTED_FIELDS}. */
    static final String NESTED_FIELDS_DESCRIPTION = "{\"<field>\": [\"message\"]}; for a nested list, one object "
            + "of field errors per item, {} for an item without error ({\"plans\": [{}, {\"name\": [\"This field "
            + "is required.\"]}]}); or {\"detail\": \"message\"} for a body that is not JSON";

    /** The description of the inline schema of {@link #TIMESTAMP_ERROR}. */
    static final String TIMESTAMP_ERROR_DESCRIPTION = "{\"<parameter>\": \"message\"}: a string for a timestamp that "
            + "is missing or not a time, as Waldur answers it; {\"<parameter>\": [\"message\"]} for every other error";
}
