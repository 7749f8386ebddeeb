package org.orggroups.app.config;

import java.util.List;

import org.orggroups.app.web.support.AcceptNegotiation;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
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

    static boolean writesAnotherFormat(HttpMessageConverter<?> converter) {
        return converter instanceof Jaxb2RootElementHttpMessageConverter
                || (converter instanceof AbstractJackson2HttpMessageConverter jackson
                        && !jackson.getSupportedMediaTypes().contains(MediaType.APPLICATION_JSON));
    }
}
