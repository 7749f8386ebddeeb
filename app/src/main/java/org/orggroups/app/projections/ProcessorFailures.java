package org.orggroups.app.projections;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.stereotype.Component;

/**
 * The last failure of each event processor on this node, for {@code /api/projections/}: a streaming processor
 * whose batch fails releases its segment and claims it again after a back-off, so Axon's own status shows no error
 * most of the time, and a batch that fails again and again would look {@code live} while nothing moves.
 *
 * <p>It is the processors' error handler: it remembers the failure, with the processor's stored position at that
 * moment, and then rethrows it as Axon's {@link PropagatingErrorHandler} does, so the batch is rolled back and
 * retried as before.
 */
@Component
public class ProcessorFailures implements ErrorHandler {

    private final ProjectionPositions positions;
    private final Map<String, Failure> last = new ConcurrentHashMap<>();

    /** @param positions the processors' stored positions */
    public ProcessorFailures(ProjectionPositions positions) {
        this.positions = positions;
    }

    /**
     * A failure of a batch.
     *
     * @param reason   what went wrong, as {@link RebuildRun#describe} words it
     * @param position the processor's stored position when it failed: the batch starts after it
     * @param at       when
     */
    public record Failure(String reason, long position, Instant at) {
    }

    /**
     * Remembers the failure and rethrows it.
     *
     * @throws Exception the failure itself, so that the processor rolls the batch back and retries it
     */
    @Override
    public void handleError(ErrorContext errorContext) throws Exception {
        long position;
        try {
            position = positions.position(errorContext.eventProcessor());
        } catch (RuntimeException e) {
            position = -1;
        }
        last.put(errorContext.eventProcessor(),
                new Failure(RebuildRun.describe(errorContext.error()), position, Instant.now()));
        PropagatingErrorHandler.instance().handleError(errorContext);
    }

    /**
     * @param processor a processor's name
     * @param position  its stored position now
     * @return its last failure, while it has not got past the position it failed at; empty once it has
     */
    public Optional<Failure> unresolved(String processor, long position) {
        Failure failure = last.get(processor);
        if (failure == null) {
            return Optional.empty();
        }
        if (position > failure.position()) {
            last.remove(processor, failure);
            return Optional.empty();
        }
        return Optional.of(failure);
    }
}
