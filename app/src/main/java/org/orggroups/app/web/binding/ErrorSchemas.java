package org.orggroups.app.web.binding;

/**
 * References to the shared error schemas of the OpenAPI document, for {@code @ApiResponse} annotations: DRF's two
 * error shapes (API.md section 1, "errors").
 */
public final class ErrorSchemas {

    /** {@code {"detail": "message"}}. */
    public static final String ERROR_DETAIL = "#/components/schemas/ErrorDetail";
    /** {@code {"<field>": ["message", ...]}}. */
    public static final String VALIDATION_ERROR = "#/components/schemas/ValidationError";

    /**
     * Description of an inline error schema for the answers that mix both: Waldur's timestamp errors are
     * {@code {"<parameter>": "message"}}, a string rather than DRF's list (API.md sections 6 and 8), so they are not
     * {@link #VALIDATION_ERROR}.
     */
    public static final String TIMESTAMP_ERROR = "{\"<parameter>\": \"message\"}: a string for a timestamp that is "
            + "missing or not a time, as Waldur answers it; {\"<parameter>\": [\"message\"]} for every other error";

    private ErrorSchemas() {
    }
}
