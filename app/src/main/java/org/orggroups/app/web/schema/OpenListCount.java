package org.orggroups.app.web.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.orggroups.app.web.binding.PagingParameters;

/**
 * The OpenAPI description of the {@code HEAD} of an {@link OpenList} (Waldur's "count" operation): the same
 * parameters, status and headers, no body.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@PagingParameters
@ApiResponsesFor(status = 200, headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, noBody = true,
        errors = {400, 401, 404})
public @interface OpenListCount {
}
