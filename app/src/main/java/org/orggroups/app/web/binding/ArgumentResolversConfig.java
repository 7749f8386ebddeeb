package org.orggroups.app.web.binding;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the typed controller arguments: {@link PathUuid}, every {@link LookupArgumentResolver} bean and
 * {@link FromRequest} records. Spring consults these before its own catch-all binding of unannotated
 * arguments, and resolves a handler's arguments in their declared order, so a lookup declared first is made
 * before any parameter after it is read.
 */
@Configuration(proxyBeanMethods = false)
public class ArgumentResolversConfig implements WebMvcConfigurer {

    private final List<LookupArgumentResolver> lookups;

    /** @param lookups every lookup resolver of the application */
    public ArgumentResolversConfig(List<LookupArgumentResolver> lookups) {
        this.lookups = lookups;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PathUuid.Resolver());
        resolvers.addAll(lookups);
        resolvers.add(new FromRequestResolver());
    }
}
