package org.orggroups.app.auth;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.orggroups.app.web.error.ErrorBodies;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Stateless token security for the whole service: no sessions, no CSRF (no cookies are ever trusted), no form
 * login, no HTTP basic. Who may do what is declared as request matchers from {@link AccessRules}, in their order;
 * answers are DRF's bodies (API.md section 2):
 * <ul>
 *   <li>no credentials on a staff-only or authenticated-only request: 401 {@code {"detail":"Authentication credentials were not
 *       provided."}} with {@code WWW-Authenticate: Token};</li>
 *   <li>a bad token on any request: 401 {@code {"detail":"Invalid token."}}, from
 *       {@link TokenAuthenticationFilter};</li>
 *   <li>a non-staff user on a staff-only request: 403 {@code {"detail":"You do not have permission to perform
 *       this action."}}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, AdminProperties.class})
public class SecurityConfig {

    /** Spring Security's filter chain bean ({@code AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME}). */
    private static final String SECURITY_FILTER_CHAIN = "springSecurityFilterChain";
    /** The factory of the handler lookup cache filter, a package-private class of Spring Security. */
    private static final String INTROSPECTOR_CACHE_FILTER = "org.springframework.security.config.annotation.web"
            + ".configuration.WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    /**
     * @return the filter chain applied to every request
     * @throws Exception when Spring Security cannot build it
     */
    @Bean
    public SecurityFilterChain tokenSecurityFilterChain(HttpSecurity http, TokenService tokens) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .addFilterBefore(new TokenAuthenticationFilter(tokens), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(notAuthenticated())
                        .accessDeniedHandler(permissionDenied()))
                .authorizeHttpRequests(requests -> {
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        var matched = requests.requestMatchers(rule.requestMatcher());
                        switch (rule.access()) {
                            case STAFF -> matched.hasAuthority(PasswordAuthenticationProvider.STAFF_AUTHORITY);
                            case AUTHENTICATED -> matched.authenticated();
                            case OPEN -> matched.permitAll();
                        }
                    }
                    requests.anyRequest().permitAll();
                });
        return http.build();
    }

    /**
     * Spring Security's firewall, letting requests with any method name through: DRF answers a method the
     * resource does not have with 405 and {@code Allow} (API.md section 3), which Spring MVC does after routing,
     * while the default firewall would answer an empty 400 first. Methods other than GET, HEAD and OPTIONS still
     * need a staff user ({@link AccessRules}).
     */
    @Bean
    public HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return firewall;
    }

    /**
     * No Micrometer observation of Spring Security's filters, authentication and authorization. With an
     * observation registry present (the actuator's), Spring Security wraps every filter of the chain in an
     * observation, which cost about a tenth of the service's CPU per request when profiled; the HTTP server
     * observation ({@code http.server.requests}) still times every request as a whole.
     */
    @Bean
    public SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Takes Spring MVC's handler lookup cache out of Spring Security's filter chain. With Spring MVC present, Spring
     * Security puts {@code HandlerMappingIntrospector#createCacheFilter()} in front of its chain
     * ({@code WebMvcSecurityConfiguration}), and that filter finds the handler of every request in advance, for request
     * matchers and a CORS configuration that ask Spring MVC. This chain's matchers are path patterns and regular
     * expressions ({@link AccessRules}) and it has no CORS configuration (CORS preflights are answered by
     * {@code CorsPreflightAsOptions}), so nothing reads that cache; finding the handler once more was about 4 % of the
     * JVM's samples of a rename and more of a read's (decision record 24). Runs after every bean definition registry
     * post-processor, Spring Security's included, and removes the filter's definition from the chain's composite;
     * {@code SecurityFilterChainIntegrationTest} checks that no request passes through it.
     *
     * @return the post-processor
     */
    @Bean
    public static BeanFactoryPostProcessor withoutHandlerMappingIntrospectorCache() {
        return beanFactory -> {
            if (beanFactory.containsBeanDefinition(SECURITY_FILTER_CHAIN)) {
                removeIntrospectorCache(beanFactory.getBeanDefinition(SECURITY_FILTER_CHAIN));
            }
        };
    }

    /** Removes the cache filter's definition from a composite's list of filters, and from the composites in it. */
    private static void removeIntrospectorCache(BeanDefinition composite) {
        ConstructorArgumentValues.ValueHolder filters =
                composite.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (filters != null && filters.getValue() instanceof List<?> list) {
            list.removeIf(filter -> filter instanceof BeanDefinition definition
                    && INTROSPECTOR_CACHE_FILTER.equals(definition.getBeanClassName()));
            list.stream().filter(BeanDefinition.class::isInstance).map(BeanDefinition.class::cast)
                    .forEach(SecurityConfig::removeIntrospectorCache);
        }
    }

    /** @return bcrypt with its default cost (2^10 rounds), for {@code app_user.password_hash} */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    private static AuthenticationEntryPoint notAuthenticated() {
        return (request, response, exception) ->
                TokenAuthenticationFilter.refuse(response, ErrorBodies.NOT_AUTHENTICATED);
    }

    private static AccessDeniedHandler permissionDenied() {
        return (request, response, exception) -> ErrorBodies.write(response, HttpServletResponse.SC_FORBIDDEN,
                ErrorBodies.detail(ErrorBodies.PERMISSION_DENIED));
    }
}
