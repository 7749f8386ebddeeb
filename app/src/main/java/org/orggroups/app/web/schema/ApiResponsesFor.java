package org.orggroups.app.web.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers of one operation, for the schema, and the only way an operation declares them: the success status
 * with its description, headers and body, and the error statuses, each with its DRF body ({@code ValidationError}
 * or {@code ErrorDetail} for 400, {@code ErrorDetail} for the others) as {@link ApiSchemaCustomizer} writes them.
 * The success body is the handler's return type unless {@link #listOf()} says it. Operations that answer alike
 * (the same operation on two resources) may share it through an annotation of their own, annotated with it.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiResponsesFor {

    /** @return the success status, e.g. 201 for a creation, 202 for a started rebuild */
    int status() default 200;

    /** @return the success answer's description; empty for the status's reason phrase */
    String description() default "";

    /** @return the headers of the success answer */
    ResponseHeader[] headers() default {};

    /** @return whether the success answer has no body (HEAD, 204) */
    boolean noBody() default false;

    /**
     * @return the items of the success body, a JSON array, where the handler's return type cannot say it (a body
     *         that is JSON or CSV); {@code Void} to take the return type. The type must be a schema component.
     */
    Class<?> listOf() default Void.class;

    /** @return the description of a {@code text/csv} form of the success body; empty when there is none */
    String csv() default "";

    /**
     * @return the error statuses the operation may answer, described as everywhere: 400, 401 (with
     *         {@code WWW-Authenticate}), 403, 404, 409, 412, 413 and 429 (with {@code Retry-After}) in the
     *         contract's words, any other by its reason phrase
     */
    int[] errors() default {};

    /** @return error statuses described in this operation's own words; none of them is also in {@link #errors()} */
    Refusal[] refusals() default {};
}
