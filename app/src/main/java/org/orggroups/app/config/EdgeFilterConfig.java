package org.orggroups.app.config;

import jakarta.servlet.DispatcherType;

import org.orggroups.app.web.support.CorrelationIdFilter;
import org.orggroups.app.web.support.CorsPreflightAsOptions;
import org.orggroups.app.web.support.ForwardedHeaderGuard;
import org.orggroups.app.web.support.UndecodableQueryParameters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * The servlet filters at the edge, in this order: {@link CorrelationIdFilter} (first, so that every answer carries
 * the id), {@link ForwardedHeaderGuard}, Spring's {@link ForwardedHeaderFilter}, {@link CorsPreflightAsOptions},
 * {@link UndecodableQueryParameters}; then Spring Security's chain.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeFilterConfig {

    @Bean
    FilterRegistrationBean<ForwardedHeaderGuard> forwardedHeaderGuard(HttpFirewall firewall) {
        FilterRegistrationBean<ForwardedHeaderGuard> registration =
                new FilterRegistrationBean<>(new ForwardedHeaderGuard(firewall));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Spring's filter as Spring Boot registers it for {@code server.forward-headers-strategy: framework} (which
     * then registers none of its own), but ordered after {@link ForwardedHeaderGuard}: Spring Boot puts it first
     * of all, where it would read the headers before they are checked.
     */
    @Bean
    @ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
    FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter() {
        FilterRegistrationBean<ForwardedHeaderFilter> registration = new FilterRegistrationBean<>(new ForwardedHeaderFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CorsPreflightAsOptions> corsPreflightAsOptions() {
        FilterRegistrationBean<CorsPreflightAsOptions> registration = new FilterRegistrationBean<>(new CorsPreflightAsOptions());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    FilterRegistrationBean<UndecodableQueryParameters> undecodableQueryParameters() {
        FilterRegistrationBean<UndecodableQueryParameters> registration =
                new FilterRegistrationBean<>(new UndecodableQueryParameters());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }
}
