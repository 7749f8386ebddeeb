package org.orggroups.app.projections;

import java.util.List;

/**
 * What {@code GET /api/projections/{name}/} shows of one event processor.
 *
 * @param name     the processor's name (its processing group)
 * @param kind     {@code synchronous} (subscribing: updated in the writer's transaction) or {@code streaming}
 *                 (pooled or tracking: follows the event store on its own threads)
 * @param status   {@code live}, {@code rebuilding}, {@code waiting}, {@code retrying} or {@code failed}
 * @param position the global index of the last event it reflects; for synchronous views the store's head. Null
 *                 when this node holds no segment of a streaming processor and none is in the token store
 * @param lag      events in the store beyond {@code position}; null when {@code position} is
 * @param progress   the running rebuild's progress, or null when none runs
 * @param waitingFor the segments it waits for and why, in one line, or null unless {@code status} is
 *                   {@code waiting}
 * @param error      why it failed, or null unless {@code status} is {@code failed} or {@code retrying}
 */
public record ProjectionState(String name, String kind, String status, Long position, Long lag,
                              Progress progress, String waitingFor, String error) {

    /** Kind of a subscribing processor. */
    public static final String SYNCHRONOUS = "synchronous";
    /** Kind of a pooled or tracking processor. */
    public static final String STREAMING = "streaming";
    /** Up to date with the store (or following it, for streaming ones). */
    public static final String LIVE = "live";
    /** A rebuild or replay is running. */
    public static final String REBUILDING = "rebuilding";
    /**
     * A streaming processor's batch failed on this node and the processor has not got past it since, or the
     * processor is backing off after an error (on a node that holds none of its segments, only while a segment with
     * events to handle is claimed by no node or under this node's name): Axon rolls the batch back and tries it
     * again after a back-off, and {@code error} says why it failed. A segment held by a node that stopped renewing its claim shows
     * {@link #WAITING} instead: the processor cannot get past that segment until a node takes it over.
     */
    public static final String RETRYING = "retrying";
    /**
     * A streaming processor has events to handle in a segment held by a node that stopped renewing its claim (or
     * by no node), so its position cannot advance until a node takes the segment over; {@code waitingFor} says
     * which segments and until when.
     */
    public static final String WAITING = "waiting";
    /** The last rebuild failed, or the processor is not running on this node. */
    public static final String FAILED = "failed";
    /** Every status, in the order of the list above. */
    public static final List<String> STATUSES = List.of(LIVE, REBUILDING, RETRYING, WAITING, FAILED);

    /**
     * A rebuild's progress.
     *
     * @param done            events replayed so far (for streaming processors: global index reached)
     * @param total           events to replay (for streaming processors: the store's head index at the reset)
     * @param eventsPerSecond average rate since the rebuild started
     * @param etaSeconds      seconds left at that rate, or null while no rate is known
     */
    public record Progress(long done, long total, long eventsPerSecond, Long etaSeconds) {
    }
}
