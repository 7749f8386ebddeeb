package org.orggroups.app.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The latency of commands, for operators ({@code /actuator/prometheus}, README "Cluster"): the timers of Axon's
 * {@link MessageTimerMonitor} on the command bus, and none of Axon's other monitors.
 *
 * <p>Axon's metrics auto-configuration would put counters, timers and capacity gauges on every bus and processor,
 * each called on every message; {@code axon.metrics.auto-configuration.enabled} is off in {@code application.yml}
 * and only this timer is kept, so that a request pays for one measurement. The timers are those Axon's
 * {@link MessageTimerMonitor} would register, found once per command type: Axon's builds and looks up its four
 * timers again for every message (2 % of the JVM's samples of a write, decision record 22).
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
        return configurer -> configurer.configureMessageMonitor(CommandBus.class,
                axon -> new CommandTimers(registry.getObject()));
    }

    /**
     * Axon's {@link MessageTimerMonitor} with {@code allTimer}, {@code successTimer}, {@code failureTimer} and
     * {@code ignoredTimer} per command type, registered on first use and kept.
     */
    static final class CommandTimers implements MessageMonitor<Message<?>> {

        private final MeterRegistry registry;
        private final Clock clock;
        private final ClassValue<Timers> timers = new ClassValue<>() {
            @Override
            protected Timers computeValue(Class<?> command) {
                return new Timers(timer("allTimer", command), timer("successTimer", command),
                        timer("failureTimer", command), timer("ignoredTimer", command));
            }
        };

        CommandTimers(MeterRegistry registry) {
            this.registry = registry;
            this.clock = registry.config().clock();
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Timers timer = timers.get(message.getPayloadType());
            long start = clock.monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    record(start, timer.all(), timer.success());
                }

                @Override
                public void reportFailure(Throwable cause) {
                    record(start, timer.all(), timer.failure());
                }

                @Override
                public void reportIgnored() {
                    record(start, timer.all(), timer.ignored());
                }
            };
        }

        private void record(long start, Timer all, Timer outcome) {
            long nanos = clock.monotonicTime() - start;
            all.record(nanos, TimeUnit.NANOSECONDS);
            outcome.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** As {@link MessageTimerMonitor} builds its timers, with buckets instead of its percentiles. */
        private Timer timer(String name, Class<?> command) {
            return Timer.builder(TIMER_PREFIX + "." + name)
                    .distributionStatisticExpiry(Duration.ofMinutes(10))
                    .tags(COMMAND_TAG, command.getSimpleName())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
        }
    }

    /** One command type's timers. */
    private record Timers(Timer all, Timer success, Timer failure, Timer ignored) {
    }
}
