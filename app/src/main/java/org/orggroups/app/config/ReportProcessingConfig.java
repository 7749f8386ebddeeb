package org.orggroups.app.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.orggroups.query.report.GroupReportProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Processing settings of the report projections that {@code application.yml} cannot express.
 */
@Configuration(proxyBeanMethods = false)
public class ReportProcessingConfig {

    /**
     * The group report handles every event in global order, as one sequence: a customer's join reads the closure
     * rows its group's creation wrote, and Axon's default policy (one sequence per aggregate) could hand the two
     * to different segments, in either order. With one sequence all events go to one segment, whatever the
     * number of segments configured.
     */
    @Bean
    ConfigurerModule groupReportInGlobalOrder() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(GroupReportProjection.PROCESSING_GROUP, c -> new SequentialPolicy()));
    }
}
