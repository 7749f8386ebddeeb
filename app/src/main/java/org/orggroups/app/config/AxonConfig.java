package org.orggroups.app.config;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.orggroups.api.MetadataKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon settings that the defaults get wrong for this service (DESIGN.md sections 1, 3 and 5).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /**
     * Event time stamps are taken at microsecond precision (API.md section 1: times are stored with exactly the
     * precision they are rendered with, so a rendered time passed back as a filter means that same instant).
     */
    public AxonConfig() {
        GenericEventMessage.clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * Every event processor not configured otherwise (the command-side tree, the group and customer views) is
     * subscribing: it runs in
     * the transaction of the command that produced the events, so a client reads its own write on any node.
     * A failing handler fails that transaction: Axon's default {@code LoggingErrorHandler} would log and
     * carry on, and the views would silently drift from the events. Replayable projections (history, reports)
     * are declared as pooled streaming processors in {@code application.yml}
     * ({@code axon.eventhandling.processors.<name>.mode: pooled}); a failure there stops the segment, which
     * Axon retries with back-off.
     */
    @Bean
    ConfigurerModule subscribingProcessorsThatPropagateFailures() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Copies who sent a command and the request's correlation id from the command onto every event it causes.
     * Replaces Axon's default {@code MessageOriginProvider}, whose {@code correlationId} (the command's message
     * id) would overwrite the request's.
     */
    @Bean
    CorrelationDataProvider requestCorrelationData() {
        return new SimpleCorrelationDataProvider(
                MetadataKeys.USER_UUID, MetadataKeys.USERNAME, MetadataKeys.CORRELATION_ID);
    }
}
