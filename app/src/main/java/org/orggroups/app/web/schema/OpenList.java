package org.orggroups.app.web.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.orggroups.app.web.binding.PagingParameters;

/**
 * The OpenAPI description of a paged list open to anonymous readers (groups and customers, API.md sections 3 and
 * 4): the paging parameters, 200 with {@code X-Result-Count} and {@code Link}, and its refusals (a bad filter 400,
 * a bad token 401, a page that does not exist 404).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@PagingParameters
@ApiResponsesFor(status = 200, headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, errors = {400, 401, 404})
public @interface OpenList {
}
