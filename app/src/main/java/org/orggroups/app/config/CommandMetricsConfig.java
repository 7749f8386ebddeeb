package org.orggroups.app.config;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The latency of commands, for operators ({@code /actuator/prometheus}, README "Cluster"): Axon's own
 * {@link MessageTimerMonitor} on the command bus, and no other of Axon's monitors.
 *
 * <p>Axon's metrics auto-configuration would put counters, timers and capacity gauges on every bus and processor,
 * each called on every message; {@code axon.metrics.auto-configuration.enabled} is off in {@code application.yml}
 * and only this timer is kept, so that a request pays for one measurement.
 */
@Configuration(proxyBeanMethods = false)
public class CommandMetricsConfig {

    /**
     * Prefix of the timers. Axon appends {@code allTimer}, {@code successTimer}, {@code failureTimer} and
     * {@code ignoredTimer}, so Prometheus shows {@code orggroups_command_allTimer_seconds} and so on.
     */
    public static final String TIMER_PREFIX = "orggroups.command";

    /** Tag with the command's simple class name, e.g. {@code CreateGroup}. */
    public static final String COMMAND_TAG = "command";

    /**
     * Histogram buckets (Prometheus {@code le}) instead of Axon's percentiles computed on each node: buckets of
     * several nodes add up, percentiles of several nodes do not. From 5 ms (a rename on an idle database) to 10 s.
     */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /**
     * Times every command dispatched on this node's command bus, those that command handlers send included, from
     * its dispatch until its unit of work has committed or rolled back (the synchronous views are updated inside
     * it), per command type and outcome: {@code successTimer} for a command that committed, {@code failureTimer}
     * for one whose handler threw (a refused command too: a cycle, a conflict), {@code allTimer} for both.
     *
     * @param registry the service's meter registry (Prometheus), looked up when Axon builds the command bus
     */
    @Bean
    ConfigurerModule commandLatencyTimer(ObjectProvider<MeterRegistry> registry) {
        return configurer -> configurer.configureMessageMonitor(CommandBus.class, axon ->
                MessageTimerMonitor.builder()
                        .meterNamePrefix(TIMER_PREFIX)
                        .meterRegistry(registry.getObject())
                        .tagsBuilder(message -> Tags.of(COMMAND_TAG, message.getPayloadType().getSimpleName()))
                        .timerCustomization(timer -> timer.publishPercentiles().serviceLevelObjectives(BUCKETS))
                        .build());
    }
}
