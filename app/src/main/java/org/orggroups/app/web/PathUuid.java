package org.orggroups.app.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Marks the {@code {uuid}} of a detail path, bound by {@link TypedArguments} as a typed id and documented as
 * Waldur documents it: a path parameter {@code uuid}, a string of format uuid (any form is accepted; a malformed
 * one is 404, API.md section 1).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(name = "uuid", in = ParameterIn.PATH, required = true, schema = @Schema(type = "string", format = "uuid"))
@interface PathUuid {
}
