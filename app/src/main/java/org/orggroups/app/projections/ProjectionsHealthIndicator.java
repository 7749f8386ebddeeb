package org.orggroups.app.projections;

import java.util.Map;
import java.util.TreeMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code projections}, part of readiness ({@code /actuator/health/readiness}, with the
 * database's {@code db}): UP while every synchronous (subscribing) processor of this node is running, DOWN
 * otherwise. Its details name each of them with {@code running} or {@code stopped}.
 *
 * <p>A synchronous processor updates its views in the transaction of each write (DESIGN.md section 5): a node
 * taking writes while one is not subscribed would store events that its views never show. Axon starts them before
 * the web server opens its port and stops them after it has closed, so this holds between the two, and matters
 * when a processor fails to start or is stopped by hand.
 *
 * <p>Streaming processors do not count: they follow the store on their own and may run on another node, and a
 * lagging report must not take every node out of the balancer. Nor does a failed rebuild: the old tables serve
 * until a rebuild replaces them. Both are shown by {@code /api/projections/} and the {@code orggroups.projection.*}
 * metrics ({@link ProjectionMetrics}).
 */
@Component
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    /** @param processing Axon's event processors */
    public ProjectionsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** @return UP when every subscribing processor runs (or there is none), DOWN otherwise */
    @Override
    public Health health() {
        Map<String, String> processors = new TreeMap<>();
        boolean allRunning = true;
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof SubscribingEventProcessor) {
                boolean running = processor.isRunning();
                allRunning &= running;
                processors.put(processor.getName(), running ? "running" : "stopped");
            }
        }
        return (allRunning ? Health.up() : Health.down()).withDetails(processors).build();
    }
}
