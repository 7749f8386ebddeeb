package org.orggroups.app.web.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record that a controller takes as an argument and that {@link FromRequestResolver} reads from the
 * request (its query parameters, or its body) through the record's
 * {@code public static <Record> from(HttpServletRequest)} factory. The factory is the one place where the record's
 * input is read and checked: it throws
 * {@link org.orggroups.app.web.error.ApiException} with the contract's DRF body, in the contract's order of
 * errors, before the controller runs.
 *
 * <p>The input is read by hand rather than bound by Spring's data binder or message converters because the
 * contract keeps Django's reading of it: the last of repeated query values counts, text is trimmed as Python trims
 * it, JSON numbers are text where DRF takes them as text, and each malformed value has its own DRF message
 * (API.md sections 2, 3, 6, 8 and 9).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface FromRequest {
}
