package org.orggroups.app.projections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.orggroups.app.eventstore.TokenClaims;
import org.orggroups.app.projections.ProjectionState.Progress;
import org.orggroups.app.rebuild.ReadModelRebuilder;
import org.orggroups.app.rebuild.StoredEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The event processors of this service as projections: their state, and rebuilds of them in the background.
 *
 * <p>Synchronous (subscribing) processors are rebuilt together, as the one consistent unit {@value #VIEWS}:
 * naming any of them (or {@value #VIEWS}) rebuilds all of them. Streaming processors are rebuilt each on its own.
 * Both through {@link ReadModelRebuilder}, in bulk, into new tables that replace the old ones at the end (old
 * tables serve until then).
 *
 * <p>At most one rebuild runs per unit, on this node and across the nodes sharing the database ({@link RebuildClaims});
 * the state of the last one is kept until the next starts, so that a failure stays visible. Rebuilds are in memory of
 * this node: another node shows its own.
 */
@Component
public class Projections implements DisposableBean {

    /** Name of the unit of all synchronous views, accepted wherever a processor's name is. */
    public static final String VIEWS = "views";

    private static final Logger LOG = LoggerFactory.getLogger(Projections.class);

    private final EventProcessingConfiguration processing;
    private final ReadModelRebuilder rebuilder;
    private final StoredEvents events;
    private final ProjectionPositions positions;
    private final ProcessorFailures failures;
    private final TokenClaims claims;
    private final RebuildClaims rebuildClaims;
    private final Map<String, RebuildRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public Projections(EventProcessingConfiguration processing, ReadModelRebuilder rebuilder, StoredEvents events,
                       ProjectionPositions positions, ProcessorFailures failures, TokenClaims claims,
                       RebuildClaims rebuildClaims) {
        this.failures = failures;
        this.claims = claims;
        this.rebuildClaims = rebuildClaims;
        this.processing = processing;
        this.rebuilder = rebuilder;
        this.events = events;
        this.positions = positions;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "projection-rebuild-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Thrown for a name that is neither a processor nor {@value #VIEWS}. */
    public static class UnknownProjectionException extends RuntimeException {
        UnknownProjectionException(String name) {
            super("No projection named " + name);
        }
    }

    /** Thrown when a rebuild of the same unit is still running. */
    public static class RebuildRunningException extends RuntimeException {
        RebuildRunningException(String unit) {
            super("A rebuild of " + unit + " is already running.");
        }
    }

    /** @return every processor's state, by name */
    public List<ProjectionState> list() {
        long head = events.head();
        return processors().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(p -> state(p, head))
                .toList();
    }

    /** @return the named processor's state, or empty when there is none of that name */
    public Optional<ProjectionState> find(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor == null && VIEWS.equals(name)) {
            // The unit of the synchronous views: shown as its first member, under the unit's name.
            processor = processors().stream().filter(SubscribingEventProcessor.class::isInstance)
                    .min(Comparator.comparing(EventProcessor::getName)).orElse(null);
            return Optional.ofNullable(processor).map(p -> state(p, events.head())).map(s -> new ProjectionState(
                    VIEWS, s.kind(), s.status(), s.position(), s.lag(), s.progress(), null, s.error()));
        }
        return Optional.ofNullable(processor).map(p -> state(p, events.head()));
    }

    /**
     * @return the names a rebuild accepts: every processor's, and {@value #VIEWS} when there are synchronous ones
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(processors().stream().map(EventProcessor::getName).sorted().toList());
        if (!rebuilder.synchronousProcessors().isEmpty()) {
            names.add(VIEWS);
        }
        return names;
    }

    /** @return the units {@code rebuild --all} rebuilds, synchronous views first */
    public List<String> allUnits() {
        List<String> units = new ArrayList<>();
        if (!rebuilder.synchronousProcessors().isEmpty()) {
            units.add(VIEWS);
        }
        processors().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(EventProcessor::getName).sorted().forEach(units::add);
        return units;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @param name a processor's name or {@value #VIEWS}
     * @return the run, to follow or await
     * @throws UnknownProjectionException when there is no such processor
     * @throws RebuildRunningException    when a rebuild of the same unit runs
     */
    public RebuildRun startRebuild(String name) {
        String unit = unitOf(name);
        RebuildRun run = new RebuildRun(unit);
        run.progressed(0, events.count());
        RebuildClaims.Claim claim = start(List.of(unit), run);
        execute(run, claim, VIEWS.equals(unit) ? () -> rebuilder.rebuildAll(run::progressed)
                : () -> rebuilder.rebuild(List.of(unit), run::progressed));
        return run;
    }

    /**
     * Starts a rebuild of every unit ({@link #allUnits()}) in the background, from one read of the event store.
     *
     * @return the run, under the unit name {@code all}, to follow or await
     * @throws RebuildRunningException when a rebuild of any unit runs
     */
    public RebuildRun startRebuildAll() {
        List<String> units = allUnits();
        RebuildRun run = new RebuildRun(String.join(", ", units));
        run.progressed(0, events.count());
        RebuildClaims.Claim held = start(units, run);
        List<String> processors = processors().stream().map(EventProcessor::getName).sorted().toList();
        execute(run, held, () -> rebuilder.rebuild(processors, run::progressed));
        return run;
    }

    /**
     * Records the run as the one of each unit, once no rebuild of any of them runs on this node and this node holds
     * each of them across the cluster ({@link RebuildClaims}).
     *
     * @return the cluster-wide claim, which the run releases when it ends
     * @throws RebuildRunningException when a rebuild of one of the units runs, here or on another node
     */
    private RebuildClaims.Claim start(List<String> units, RebuildRun run) {
        synchronized (runs) {
            for (String unit : units) {
                RebuildRun current = runs.get(unit);
                if (current != null && !current.finished()) {
                    throw new RebuildRunningException(unit);
                }
            }
            RebuildClaims.Claim claim;
            try {
                claim = rebuildClaims.claim(units);
            } catch (RebuildClaims.ClaimedElsewhereException e) {
                throw new RebuildRunningException(e.unit());
            }
            units.forEach(unit -> runs.put(unit, run));
            return claim;
        }
    }

    private void execute(RebuildRun run, RebuildClaims.Claim claim, Runnable work) {
        String unit = run.unit();
        Runnable task = () -> {
            try {
                // Released before the run is seen to end, so that a rebuild started right after it is not refused.
                try (claim) {
                    work.run();
                }
                run.succeeded();
                LOG.info("Rebuild of {} finished: {} events", unit, run.progress().done());
            } catch (RuntimeException | Error e) {
                LOG.warn("Rebuild of {} failed", unit, e);
                run.failed(e);
            }
        };
        try {
            executor.execute(task);
        } catch (RuntimeException e) {
            claim.close();
            run.failed(e);
            throw e;
        }
    }

    private String unitOf(String name) {
        if (VIEWS.equals(name) && !rebuilder.synchronousProcessors().isEmpty()) {
            return VIEWS;
        }
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor instanceof SubscribingEventProcessor) {
            return VIEWS;
        }
        if (processor instanceof StreamingEventProcessor) {
            return name;
        }
        throw new UnknownProjectionException(name);
    }

    private ProjectionState state(EventProcessor processor, long head) {
        if (processor instanceof StreamingEventProcessor streaming) {
            return streamingState(streaming, head);
        }
        RebuildRun run = runs.get(VIEWS);
        String kind = ProjectionState.SYNCHRONOUS;
        if (run != null && !run.finished()) {
            return new ProjectionState(processor.getName(), kind, ProjectionState.REBUILDING, head, 0L,
                    run.progress(), null, null);
        }
        String failure = run == null ? null : run.failure();
        return new ProjectionState(processor.getName(), kind,
                failure == null ? ProjectionState.LIVE : ProjectionState.FAILED, head, 0L, null, null, failure);
    }

    private ProjectionState streamingState(StreamingEventProcessor processor, long head) {
        String name = processor.getName();
        String kind = ProjectionState.STREAMING;
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        // From the stored tokens, so that every node answers the same, whichever node holds the segments.
        List<ProjectionPositions.Segment> stored = positions.segments(name);
        long position = stored.stream().mapToLong(ProjectionPositions.Segment::position).min().orElse(0);
        long lag = positions.lagBeyond(position);
        // Axon keeps the status of a segment whose batch failed after the segment went to another node, so this node
        // holds a segment (and its error counts) only while the token store has it under this node's name.
        Set<Integer> mine = stored.stream().filter(segment -> claims.nodeName().equals(segment.owner()))
                .map(ProjectionPositions.Segment::segment).collect(Collectors.toSet());
        Optional<String> segmentError = segmentError(segments.stream()
                .filter(status -> mine.contains(status.getSegment().getSegmentId())).toList());
        RebuildRun run = runs.get(name);
        // Axon's coordinator clears its error only when it next hands out work, which a node that holds no segment
        // never does: after a passing outage it would report the error for good on every idle node, while other
        // nodes handle the events (and, once one of them is killed, instead of waiting for its segments). So a node
        // that holds no segment reports it only while a segment with events to handle is claimed by no node or
        // still under this node's name, which may be this node's doing: as after an outage, when nodes dropped their
        // segments and back off (their claims released, or left behind when the database could not be reached).
        boolean droppedOrFree = stored.stream().anyMatch(segment -> segment.position() < head
                && (segment.owner() == null || segment.owner().equals(claims.nodeName())));
        boolean backingOff = processor.isError() && (!mine.isEmpty() || droppedOrFree);
        if (segmentError.isPresent() || backingOff) {
            // Axon backs off and tries again, without end (the back-off doubles up to a minute): a database that
            // was away for a while leaves the processor here until its next attempt, not failed for good.
            return new ProjectionState(name, kind, ProjectionState.RETRYING, position, lag, null, null,
                    segmentError.orElse(name + " is backing off after an error"));
        }
        if (run != null && !run.finished()) {
            return new ProjectionState(name, kind, ProjectionState.REBUILDING, position, lag, run.progress(), null,
                    null);
        }
        List<Waiting> waiting = waitingFor(stored, head);
        boolean heldByStoppedNode = waiting.stream().anyMatch(Waiting::heldByAnotherNode);
        // A failed rebuild left the projection as it was; while a stopped node's segment holds the position back,
        // that segment is what the projection waits for (a rebuild asked for then fails on its claim), as below.
        if (run != null && run.failure() != null && !heldByStoppedNode) {
            return new ProjectionState(name, kind, ProjectionState.FAILED, position, lag, null, null, run.failure());
        }
        // A failure matters only while events wait: at lag 0 every event is handled, whichever node failed a batch
        // (or a claim's renewal) while the database was away. Nor while a segment with events to handle is held by
        // another node that stopped renewing its claim: the position cannot pass that segment's until a node takes
        // it over, so a failure of this node at or after it (say while the database was away, before the other
        // node was killed) could not be seen resolved, and would be shown with its old reason instead of what the
        // processor waits for. Once the segment is taken over, a failure the position has not passed counts again.
        // Not so a segment that no node holds: a failed batch leaves its segment so, and the failure is the reason.
        Optional<ProcessorFailures.Failure> failing =
                lag > 0 && !heldByStoppedNode ? failures.unresolved(name, position) : Optional.empty();
        if (failing.isPresent()) {
            return new ProjectionState(name, kind, ProjectionState.RETRYING, position, lag, null, null,
                    failing.get().reason());
        }
        if (segments.stream().anyMatch(EventTrackerStatus::isReplaying)) {
            // A replay that another node (or Axon itself) started: progress without a rate.
            long done = Math.min(position, head);
            return new ProjectionState(name, kind, ProjectionState.REBUILDING, position, lag,
                    new Progress(done, head, 0, null), null, null);
        }
        if (!processor.isRunning()) {
            return new ProjectionState(name, kind, ProjectionState.FAILED, position, lag, null, null,
                    name + " is not running");
        }
        if (!waiting.isEmpty()) {
            return new ProjectionState(name, kind, ProjectionState.WAITING, position, lag, null,
                    String.join("; ", waiting.stream().map(Waiting::description).toList()), null);
        }
        return new ProjectionState(name, kind, ProjectionState.LIVE, position, lag, null, null, null);
    }

    /**
     * The segments with events to handle that no live node holds: claimed by another node that has not renewed the
     * claim for longer than a live node ever lets it age ({@link TokenClaims#abandonedAfter()}), or claimed by no
     * node for that long. Axon gives such a segment to the first node that tries to claim it once the claim has
     * expired; until then nothing moves it. A segment of this node is never waited for: this node reclaims it.
     *
     * @param stored the processor's segments as the token store holds them
     * @return those segments, each with its claim and until when; empty when there is none
     */
    private List<Waiting> waitingFor(List<ProjectionPositions.Segment> stored, long head) {
        Instant now = Instant.now();
        Instant renewedSince = now.minus(claims.abandonedAfter());
        List<Waiting> waiting = new ArrayList<>();
        for (ProjectionPositions.Segment segment : stored) {
            if (segment.position() >= head || claims.nodeName().equals(segment.owner())
                    || segment.claimedAt().isAfter(renewedSince)) {
                continue;
            }
            String which = "segment " + segment.segment();
            Instant expiry = segment.claimedAt().plus(claims.claimTimeout());
            if (segment.owner() == null) {
                waiting.add(new Waiting(which + " claimed by no node since " + segment.claimedAt(), false));
            } else if (expiry.isAfter(now)) {
                waiting.add(new Waiting(which + " held by " + segment.owner() + " until its claim expires at "
                        + expiry, true));
            } else {
                waiting.add(new Waiting(which + " held by " + segment.owner() + ", whose claim expired at " + expiry
                        + ", until a node claims it", true));
            }
        }
        return waiting;
    }

    /**
     * A segment waited for.
     *
     * @param description       which segment, whose claim and until when
     * @param heldByAnotherNode whether another node's claim holds it (rather than none, as after a failed batch)
     */
    private record Waiting(String description, boolean heldByAnotherNode) {
    }

    private static Optional<String> segmentError(Collection<EventTrackerStatus> segments) {
        return segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(s -> s.getError() == null ? "segment " + s.getSegment().getSegmentId() + " is in error"
                        : RebuildRun.describe(s.getError()));
    }

    private List<EventProcessor> processors() {
        return List.copyOf(processing.eventProcessors().values());
    }

    /** Stops waiting for running rebuilds when the application stops; a synchronous one rolls back. */
    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
