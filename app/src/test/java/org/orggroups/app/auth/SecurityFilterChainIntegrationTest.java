package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.filter.CompositeFilter;
import org.springframework.web.filter.ServletRequestPathFilter;

/**
 * The filters Spring Security runs in front of its chain, as built: its request path filter, and not Spring MVC's
 * handler lookup cache, which {@link SecurityConfig#withoutHandlerMappingIntrospectorCache()} takes out.
 */
class SecurityFilterChainIntegrationTest extends IntegrationTest {

    @Autowired
    @Qualifier("springSecurityFilterChain")
    private Filter springSecurityFilterChain;

    @Test
    void noRequestPassesThroughTheHandlerLookupCache() {
        List<Filter> filters = new ArrayList<>();
        collect(springSecurityFilterChain, filters);

        assertThat(filters).as("the structure this test walks")
                .hasAtLeastOneElementOfType(ServletRequestPathFilter.class)
                .hasAtLeastOneElementOfType(FilterChainProxy.class);
        assertThat(filters).extracting(filter -> filter.getClass().getName())
                .noneMatch(name -> name.contains("HandlerMappingIntrospector"));
        assertThat(get("/api/organization-groups/").status()).isEqualTo(200);
    }

    /** The filter, and those of the composites it delegates to (Spring Security's field names). */
    private static void collect(Filter filter, List<Filter> into) {
        into.add(filter);
        if (filter instanceof CompositeFilter composite) {
            for (Object inner : (List<?>) ReflectionTestUtils.getField(composite, "filters")) {
                collect((Filter) inner, into);
            }
        } else if (filter instanceof FilterChainProxy && filter.getClass() != FilterChainProxy.class) {
            collect((Filter) ReflectionTestUtils.getField(filter, "doFilterDelegate"), into);
            collect((Filter) ReflectionTestUtils.getField(filter, "springSecurityFilterChain"), into);
        }
    }
}
