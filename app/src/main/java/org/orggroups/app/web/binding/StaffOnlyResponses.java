package org.orggroups.app.web.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OpenAPI description of the refusals of a staff-only operation (API.md section 2): 401 without credentials or
 * with a bad token (with {@code WWW-Authenticate: Token}), 403 for a user who is not staff. Both come before the
 * path is looked at.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "401",
        description = "No credentials ({\"detail\": \"Authentication credentials were not provided.\"}) or a bad token "
                + "({\"detail\": \"Invalid token.\"})",
        headers = @io.swagger.v3.oas.annotations.headers.Header(name = "WWW-Authenticate",
                schema = @Schema(type = "string", example = "Token")),
        content = @Content(mediaType = "application/json", schema = @Schema(ref = ErrorSchemas.ERROR_DETAIL)))
@ApiResponse(responseCode = "403",
        description = "Not a staff user ({\"detail\": \"You do not have permission to perform this action.\"})",
        content = @Content(mediaType = "application/json", schema = @Schema(ref = ErrorSchemas.ERROR_DETAIL)))
public @interface StaffOnlyResponses {
}
