package org.orggroups.app.web.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error answer of one operation described in that operation's own words, where the shared description of its
 * status in {@link ApiSchemaCustomizer} says too little (e.g. which 404 an unknown projection name gives). Used
 * only inside {@link ApiResponsesFor#refusals()}.
 */
@Documented
@Target({})
@Retention(RetentionPolicy.RUNTIME)
public @interface Refusal {

    /** @return the HTTP status, 400 to 499 */
    int status();

    /** @return what the operation answers with this status, with the contract's DRF bodies */
    String description();

    /** @return the body's schema; {@link ErrorBody#STANDARD} gives the status's usual DRF body */
    ErrorBody body() default ErrorBody.STANDARD;
}
