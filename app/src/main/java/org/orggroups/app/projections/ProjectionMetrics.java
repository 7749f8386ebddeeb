package org.orggroups.app.projections;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The state of every event processor as Micrometer gauges, for {@code /actuator/prometheus}: the same figures as
 * {@code GET /api/projections/} (API.md section 10), read from {@link Projections#list()} when scraped. Tags:
 * {@value #PROCESSOR_TAG} (e.g. {@code audit-events}) and {@value #KIND_TAG} ({@code synchronous} or
 * {@code streaming}).
 * <ul>
 *   <li>{@value #LAG}: stored events beyond the processor's position (0 for a synchronous one);</li>
 *   <li>{@value #POSITION}: the global index of the last event it reflects;</li>
 *   <li>{@value #STATE}: one series per status of {@link ProjectionState#STATUSES}, tagged {@value #STATE_TAG},
 *       1 for the status it has and 0 for the others (Prometheus' way to show an enumeration).</li>
 * </ul>
 * The figures of a streaming processor come from the token store, so every node shows the same whichever holds its
 * segments; a rebuild's {@code rebuilding} and a batch's {@code retrying} are seen by the node they happen on, as
 * in {@code /api/projections/}.
 */
@Component
public class ProjectionMetrics {

    /** Gauge of the events a processor has still to handle. */
    public static final String LAG = "orggroups.projection.lag";
    /** Gauge of the global index a processor has reached. */
    public static final String POSITION = "orggroups.projection.position";
    /** Gauge of a processor's status, one series per status. */
    public static final String STATE = "orggroups.projection.state";
    /** Tag with the processor's name. */
    public static final String PROCESSOR_TAG = "processor";
    /** Tag with the processor's kind. */
    public static final String KIND_TAG = "kind";
    /** Tag with the status a {@value #STATE} series stands for. */
    public static final String STATE_TAG = "state";

    /**
     * One reading of the processors serves every gauge of a scrape: {@link Projections#list()} costs two queries
     * per streaming processor, and a scrape reads three gauges and five states of each.
     */
    private static final Duration READING_KEPT = Duration.ofSeconds(1);

    private final Projections projections;
    private final MeterRegistry registry;
    private final LoadingCache<Boolean, Map<String, ProjectionState>> reading;

    /**
     * @param projections the processors' states
     * @param registry    where the gauges are registered
     */
    public ProjectionMetrics(Projections projections, MeterRegistry registry) {
        this.projections = projections;
        this.registry = registry;
        this.reading = Caffeine.newBuilder().expireAfterWrite(READING_KEPT).build(key -> read());
    }

    /**
     * Registers the gauges of every processor. Once the application has started, because Axon builds its
     * processors when it starts.
     */
    @EventListener(ApplicationStartedEvent.class)
    public void registerGauges() {
        for (ProjectionState processor : projections.list()) {
            String name = processor.name();
            Tags tags = Tags.of(PROCESSOR_TAG, name, KIND_TAG, processor.kind());
            gauge(LAG, "Stored events beyond the processor's position", tags, name, ProjectionState::lag);
            gauge(POSITION, "Global index of the last event the processor reflects", tags, name,
                    ProjectionState::position);
            for (String status : ProjectionState.STATUSES) {
                gauge(STATE, "1 for the processor's status, 0 for the others", tags.and(STATE_TAG, status), name,
                        state -> status.equals(state.status()) ? 1L : 0L);
            }
        }
    }

    private void gauge(String meter, String description, Tags tags, String processor,
                       Function<ProjectionState, Long> figure) {
        ToDoubleFunction<ProjectionMetrics> value = metrics -> {
            ProjectionState state = metrics.reading.get(Boolean.TRUE).get(processor);
            Long number = state == null ? null : figure.apply(state);
            return number == null ? Double.NaN : number;
        };
        Gauge.builder(meter, this, value).description(description).tags(tags).register(registry);
    }

    private Map<String, ProjectionState> read() {
        return projections.list().stream().collect(Collectors.toMap(ProjectionState::name, Function.identity()));
    }
}
