package org.orggroups.app.web.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The OpenAPI description of {@code created_after} and {@code created_before}, the exclusive time range of the
 * history and audit lists (API.md sections 6 and 8), read by
 * {@link org.orggroups.app.web.support.Timestamps#optionalParameter}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Parameter(name = "created_after", in = ParameterIn.QUERY,
        description = "Only those recorded after this time (exclusive; any ISO 8601 form, UTC when without an "
                + "offset, a bare date is its midnight)",
        schema = @Schema(type = "string", format = "date-time"))
@Parameter(name = "created_before", in = ParameterIn.QUERY,
        description = "Only those recorded before this time (exclusive; any ISO 8601 form, UTC when without an "
                + "offset, a bare date is its midnight)",
        schema = @Schema(type = "string", format = "date-time"))
public @interface CreatedRangeParameters {
}
