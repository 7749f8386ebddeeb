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
 * The OpenAPI description of Waldur's paging parameters (API.md section 3, "Listing"), read by
 * {@link org.orggroups.app.web.support.Paging#pageRequest}; the one description of them, for every paged list.
 * {@code page} is an integer as in Waldur's schema, so that generated clients keep their types; {@code last} is
 * accepted too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Parameter(name = "page", in = ParameterIn.QUERY,
        description = "A page number within the paginated result set (1-based), or `last`; anything else, or a page "
                + "past the end, is 404 {\"detail\": \"Invalid page.\"}",
        schema = @Schema(type = "integer", example = "1"))
@Parameter(name = "page_size", in = ParameterIn.QUERY,
        description = "Number of results to return per page: default 10; larger than 300 is 300; 0, negative or not "
                + "a number is 10",
        schema = @Schema(type = "integer", defaultValue = "10", maximum = "300"))
public @interface PagingParameters {
}
