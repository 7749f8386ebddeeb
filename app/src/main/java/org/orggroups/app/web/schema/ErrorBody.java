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
    FIELDS_OR_DETAIL;

    /** The description of the inline schema of {@link #TIMESTAMP_ERROR}. */
    static final String TIMESTAMP_ERROR_DESCRIPTION = "{\"<parameter>\": \"message\"}: a string for a timestamp that "
            + "is missing or not a time, as Waldur answers it; {\"<parameter>\": [\"message\"]} for every other error";
}
