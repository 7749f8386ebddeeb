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

    private ErrorSchemas() {
    }
}
