package org.orggroups.app.config;

import java.util.List;

import org.orggroups.app.web.support.AcceptNegotiation;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC settings: the checks made on every request before its handler runs, and how answers are negotiated. */
@Configuration(proxyBeanMethods = false)
public class WebMvcConfig implements WebMvcConfigurer {

    /** A validator that validates nothing, see {@link #getValidator()}. */
    private static final Validator NO_VALIDATION = new Validator() {
        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public void validate(Object target, Errors errors) {
            // nothing is validated this way
        }
    };

    private final AcceptNegotiation acceptNegotiation = new AcceptNegotiation();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(acceptNegotiation);
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(acceptNegotiation));
    }

    /**
     * Every answer is JSON (API.md section 1, "media type"), so the converters Spring adds for the other formats of
     * the libraries on the class path go: YAML, CBOR, Smile and XML through Jackson, and JAXB's XML. With the YAML one
     * (there for the OpenAPI document, which is written as bytes) a read asking for {@code application/yaml} was
     * answered in YAML instead of 406; and each answer asked every one of them whether it could write it (decision
     * record 22). Bytes and text stay: the OpenAPI document and the CSV reports are written with them.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(WebMvcConfig::writesAnotherFormat);
    }

    private static boolean writesAnotherFormat(HttpMessageConverter<?> converter) {
        return converter instanceof Jaxb2RootElementHttpMessageConverter
                || (converter instanceof AbstractJackson2HttpMessageConverter jackson
                        && !jackson.getSupportedMediaTypes().contains(MediaType.APPLICATION_JSON));
    }

    /**
     * No Bean Validation of handler arguments: no request type carries its annotations, requests are checked as they
     * are bound (API.md section 3, "Request bodies"). Hibernate Validator is on the class path for springdoc, which
     * reads its constraint annotations; with it, Spring MVC set up method validation for every request, looking up
     * the handler's validation groups each time (1.6 % of the JVM's samples of a rename, decision record 22). Spring
     * validates handler methods only with a Bean Validation validator, which this is not.
     *
     * @return a validator that supports no type
     */
    @Override
    public Validator getValidator() {
        return NO_VALIDATION;
    }
}
