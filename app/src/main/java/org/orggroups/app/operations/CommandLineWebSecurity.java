package org.orggroups.app.operations;

import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * Lets the application context start without a web server for the {@link OperatorCommands}: Spring Boot
 * enables web security only in a web application, while the service's security configuration builds its filter
 * chain from Spring Security's {@code HttpSecurity} unconditionally. The chain is built and never used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnNotWebApplication
@EnableWebSecurity
class CommandLineWebSecurity {
}
