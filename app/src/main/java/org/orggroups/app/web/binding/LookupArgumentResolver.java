package org.orggroups.app.web.binding;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;

/**
 * A resolver that turns a path variable into an existing resource (or answers 404), like Spring Data's domain class
 * converter that binds {@code @PathVariable Order order}. Beans of this type are registered by
 * {@link ArgumentResolversConfig}.
 */
public interface LookupArgumentResolver extends HandlerMethodArgumentResolver {
}
