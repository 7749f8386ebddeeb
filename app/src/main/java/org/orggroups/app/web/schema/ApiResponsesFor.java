package org.orggroups.app.web.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers of one operation, for the schema: the success status with its headers, and the error statuses,
 * each with its DRF body ({@code ValidationError} for 400, {@code ErrorDetail} for the others) as
 * {@link ApiSchemaCustomizer} writes them. The success body is the handler's return type.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiResponsesFor {

    /** @return the success status, e.g. 201 for a creation */
    int status() default 200;

    /** @return the headers of the success answer */
    ResponseHeader[] headers() default {};

    /** @return whether the success answer has no body (HEAD, 204) */
    boolean noBody() default false;

    /**
     * @return the error statuses the operation may answer; 400, 401, 403, 404, 409, 412, 413 and 429 are described
     *         in the contract's words, any other by its reason phrase
     */
    int[] errors() default {};
}
