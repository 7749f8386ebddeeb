package org.orggroups.app.config;

import java.util.List;

import org.orggroups.app.web.support.AcceptNegotiation;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC settings: the checks made on every request before its handler runs, and how answers are negotiated. */
@Configuration(proxyBeanMethods = false)
public class WebMvcConfig implements WebMvcConfigurer {

    private final AcceptNegotiation acceptNegotiation = new AcceptNegotiation();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(acceptNegotiation);
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(acceptNegotiation));
    }
}
