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
 * The OpenAPI description of the {@code {uuid}} path variable, read by {@link PathUuid#of} (API.md section 1,
 * "UUIDs, accepted"): on the operation where the argument is hidden, or on the typed id argument itself
 * ({@code @UuidPathParameter GroupId id}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Parameter(name = "uuid", in = ParameterIn.PATH, required = true,
        description = "Dashed or undashed, any letter case; a malformed uuid is 404",
        schema = @Schema(type = "string", format = "uuid"))
public @interface UuidPathParameter {
}
