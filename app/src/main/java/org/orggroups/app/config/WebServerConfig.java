package org.orggroups.app.config;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/** Settings of the embedded Tomcat and of the dispatcher servlet that Spring Boot has no property for. */
@Configuration(proxyBeanMethods = false)
// The operator commands run without a web server, and Spring MVC's settings exist only with one.
@ConditionalOnWebApplication
public class WebServerConfig {

    /**
     * Replaces Tomcat's HTML error report with {@link JsonErrorReportValve} on the host, before it starts.
     * TRACE is let through to the application, which routes it like any method ({@link TraceRoutingDispatcherServlet}):
     * Tomcat would refuse it itself with an empty 405 whose {@code Allow} lists the servlet's methods, not the
     * path's. {@code [} and {@code ]} are allowed raw in query strings, as clients send array parameters
     * ({@code zzz[]=2}) and Waldur's server takes them; Tomcat refuses them by default.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
            factory.addConnectorCustomizers(connector -> {
                connector.setAllowTrace(true);
                connector.setProperty("relaxedQueryChars", "[]");
            });
        };
    }

    /**
     * Lets at most {@code orggroups.http.concurrency} requests run at once ({@link RequestConcurrencyValve}); 0, the
     * default, means twice the cores the JVM sees. At most half of Tomcat's request threads
     * ({@code server.tomcat.threads.max}) wait for a turn, so that the rest stay free for the health probes.
     *
     * @param concurrency requests at once, 0 or more
     * @param maxWait     {@code orggroups.http.max-wait}: how long a request waits for its turn before a 503
     * @param server      the web server's settings, for Tomcat's request threads
     * @throws IllegalArgumentException if {@code concurrency} is empty or negative, or {@code maxWait} empty or not
     *                                  positive
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestConcurrency(
            @Value("${orggroups.http.concurrency}") Integer concurrency,
            @Value("${orggroups.http.max-wait}") Duration maxWait, ServerProperties server) {
        if (concurrency == null) {
            throw new IllegalArgumentException(
                    "orggroups.http.concurrency must be a whole number (0: twice the cores), was empty");
        }
        int limit = concurrency == 0 ? 2 * Runtime.getRuntime().availableProcessors() : concurrency;
        RequestConcurrencyValve valve = new RequestConcurrencyValve(limit, maxWait,
                server.getTomcat().getThreads().getMax() / 2);
        return factory -> factory.addContextValves(valve);
    }

    /**
     * Spring Boot's dispatcher servlet, configured as its auto-configuration would, but routing TRACE
     * (API.md section 3, "other methods").
     */
    @Bean(name = DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME)
    DispatcherServlet dispatcherServlet(WebMvcProperties webMvc) {
        DispatcherServlet servlet = new TraceRoutingDispatcherServlet();
        servlet.setDispatchOptionsRequest(webMvc.isDispatchOptionsRequest());
        servlet.setPublishEvents(webMvc.isPublishRequestHandledEvents());
        servlet.setEnableLoggingRequestDetails(webMvc.isLogRequestDetails());
        return servlet;
    }

    /**
     * Routes TRACE to the handlers like any other method, so a resource answers it as it answers every method it
     * lacks: 405 {@code {"detail":"Method \"TRACE\" not allowed."}} with its own {@code Allow} (after the access
     * rules, as DRF checks permissions before the method). The servlet API's default would echo the request,
     * its {@code Authorization} header included, back to the caller (cross-site tracing), even after the handler
     * has answered.
     */
    static class TraceRoutingDispatcherServlet extends DispatcherServlet {

        @Override
        protected void doTrace(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            processRequest(request, response);
        }
    }
}
