package org.orggroups.app.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.orggroups.api.MetadataKeys;
import org.orggroups.app.eventstore.EventTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills an empty event store with a large, realistic and valid history for benchmarks (see
 * {@link SyntheticHistory} for its shape and the rules it keeps), fast: the events are appended straight to the
 * event table through an Axon {@link EventStorageEngine}, thousands per transaction, serialized by the service's
 * own event serializer. No command is handled and no event handler runs, so only {@code domain_event_entry} is
 * written.
 *
 * <p>The engine that appends is Axon's own {@link JdbcEventStorageEngine} on the service's table and data source,
 * in one of Axon's transactions, not the service's engine: that one appends one statement per event, so that it can
 * hand each global index to the projections of its transaction. Here a transaction's inserts go as one JDBC batch,
 * each taking its index from the column's default. The rows are the same: the same columns, the same serializer,
 * Axon's own time stamp format.
 *
 * <p>Every event carries the metadata a staff user's HTTP request gives it ({@link MetadataKeys}): the uuid and
 * username of the configured staff user ({@code orggroups.admin.username}), one correlation id per simulated
 * request, and {@code causedByGroup} on the events a subtree delete cascades to. Time stamps are whole
 * milliseconds, as the service's clock gives them, spread over the {@link #SPAN} before the run and increasing
 * with the global index.
 *
 * <p>Afterwards every read table is stale (empty on a fresh database), the command side's {@code group_tree}
 * included: the synchronous views must be rebuilt ({@code rebuild views}, or {@code rebuild --all} for every
 * projection) before the service takes commands again, or it would refuse every parent and member as unknown.
 * The service must not run on the database meanwhile. Streaming processors of this application are stopped for
 * the run, so that they do not project the events as they are written.
 */
@Component
public class DatasetGenerator {

    /** How far back the first event is stamped. */
    public static final Duration SPAN = Duration.ofDays(730);
    /** The sequence of global indexes, as the service's mapping of Axon's entry names it. */
    private static final long REPORT_NANOS = 250_000_000L;

    private final EventStorageEngine appender;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final String staffUsername;

    /**
     * @param storage       the service's storage engine, whose event serializer this uses
     * @param dataSource    the service's database
     * @param axonTransactions Axon's transactions (plain JDBC ones, {@code AxonConfig}): the appending engine opens
     *                         one per batch
     * @param staffUsername the configured staff user, to whom the events are attributed
     * @throws IllegalStateException when the service's engine is not one of Axon's own (no serializer to take)
     */
    public DatasetGenerator(EventStorageEngine storage, DataSource dataSource, TransactionManager axonTransactions,
                            EventProcessingConfiguration processing, JdbcTemplate jdbc,
                            @Value("${orggroups.admin.username:admin}") String staffUsername) {
        if (!(storage instanceof AbstractEventStorageEngine service)) {
            throw new IllegalStateException("unexpected event storage engine " + storage.getClass().getName());
        }
        this.appender = appender(service.getEventSerializer(), service.getSnapshotSerializer(), dataSource,
                axonTransactions);
        this.processing = processing;
        this.jdbc = jdbc;
        this.staffUsername = staffUsername == null ? "admin" : staffUsername.strip();
    }

    /**
     * What to generate.
     *
     * @param events           exactly how many events to write, at least 1
     * @param groups           about how many live groups the tree gets, at least 1 (customers: half as many)
     * @param seed             seed of every random choice and identifier: the same options give the same
     *                         events, ids and relative times included
     * @param batchSize        events per transaction, at least 1 (a request's events never span two)
     * @param resumeProcessors whether to start again the streaming processors stopped for the run (then they
     *                         project the new events); a command-line run exits instead
     */
    public record Options(long events, int groups, long seed, int batchSize, boolean resumeProcessors) {

        /** Default events per transaction. */
        public static final int DEFAULT_BATCH = 5_000;

        public Options {
            if (events < 1 || groups < 1 || batchSize < 1) {
                throw new IllegalArgumentException("events, groups and batch size must be positive");
            }
        }

        /** @return options for {@code events} events with one group per ten events */
        public static Options ofEvents(long events, long seed) {
            return new Options(events, (int) Math.max(1, Math.min(Integer.MAX_VALUE, events / 10)), seed,
                    DEFAULT_BATCH, false);
        }

        /** @return options for about {@code groups} groups, with ten events per group */
        public static Options ofGroups(int groups, long seed) {
            return new Options(10L * groups, groups, seed, DEFAULT_BATCH, false);
        }

        /** @return these options with another batch size */
        public Options withBatchSize(int size) {
            return new Options(events, groups, seed, size, resumeProcessors);
        }

        /** @return these options, resuming the streaming processors afterwards or not */
        public Options withResumeProcessors(boolean resume) {
            return new Options(events, groups, seed, batchSize, resume);
        }
    }

    /** Told of progress, from the generating thread, at most four times a second and once at the end. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done            events written (committed) so far
         * @param total           events to write
         * @param eventsPerSecond events written per second since the start
         */
        void progressed(long done, long total, double eventsPerSecond);
    }

    /**
     * What a run wrote.
     *
     * @param events           events written
     * @param requests         simulated requests (correlation ids)
     * @param seconds          wall time of the run
     * @param groupsCreated    groups created
     * @param groupsLive       groups not deleted at the end
     * @param customersCreated customers created
     * @param customersLive    customers not deleted at the end
     * @param memberships      memberships at the end (live customers in live groups)
     * @param groupsPerLevel   live groups per depth at the end, roots first
     * @param eventCounts      events by payload type's simple name
     * @param firstEvent       time stamp of the first event written
     * @param lastEvent        time stamp of the last event written
     */
    public record Result(long events, long requests, double seconds, int groupsCreated, int groupsLive,
                         int customersCreated, int customersLive, long memberships, int[] groupsPerLevel,
                         Map<String, Long> eventCounts, Instant firstEvent, Instant lastEvent) {

        /** @return events written per second of wall time */
        public double eventsPerSecond() {
            return seconds > 0 ? events / seconds : 0;
        }
    }

    /**
     * Generates and writes the history.
     *
     * @throws IllegalStateException when the event store is not empty (the history is stamped in the past and
     *                               must come before any event the service records), or when there is no staff
     *                               user to attribute the events to
     */
    public Result generate(Options options, Listener listener) {
        requireEmptyStore();
        Staff staff = staffUser();
        List<StreamingEventProcessor> stopped = stopStreamingProcessors();
        try {
            return write(options, staff, listener);
        } finally {
            if (options.resumeProcessors()) {
                stopped.forEach(EventProcessor::start);
            }
        }
    }

    private Result write(Options options, Staff staff, Listener listener) {
        long started = System.nanoTime();
        SyntheticHistory history = new SyntheticHistory(options.events(), options.groups(), options.seed());
        // Message and correlation ids from their own seeded stream, so that they do not shift the history.
        Random ids = new Random(options.seed() ^ 0x5DEECE66DL);
        Stamps stamps = new Stamps(options.events(), ids);
        List<EventMessage<?>> batch = new ArrayList<>(options.batchSize() + 64);
        long written = 0;
        long lastReport = started;
        Instant first = null;
        Instant last = null;
        for (List<SyntheticHistory.Event> request = history.next(); request != null; request = history.next()) {
            String correlationId = uuid(ids).toString().replace("-", "");
            long time = stamps.next(request.size());
            for (int i = 0; i < request.size(); i++) {
                SyntheticHistory.Event event = request.get(i);
                Map<String, String> metaData = new HashMap<>(6);
                metaData.put(MetadataKeys.USER_UUID, staff.uuid());
                metaData.put(MetadataKeys.USERNAME, staff.username());
                metaData.put(MetadataKeys.CORRELATION_ID, correlationId);
                if (event.causedByGroup() != null) {
                    metaData.put(MetadataKeys.CAUSED_BY_GROUP, event.causedByGroup());
                }
                // One millisecond apart inside a request, as one command's events are.
                last = Instant.ofEpochMilli(time + i);
                if (first == null) {
                    first = last;
                }
                batch.add(new GenericDomainEventMessage<>(event.aggregateType(), event.aggregateId(),
                        event.sequenceNumber(), event.payload(), metaData, uuid(ids).toString(), last));
            }
            if (batch.size() >= options.batchSize()) {
                written += append(batch);
                batch = new ArrayList<>(options.batchSize() + 64);
                long now = System.nanoTime();
                if (now - lastReport >= REPORT_NANOS) {
                    lastReport = now;
                    listener.progressed(written, options.events(), written / ((now - started) / 1e9));
                }
            }
        }
        written += append(batch);
        double seconds = (System.nanoTime() - started) / 1e9;
        listener.progressed(written, options.events(), seconds > 0 ? written / seconds : 0);
        SyntheticHistory.Shape shape = history.shape();
        return new Result(written, shape.requests(), seconds, shape.groupsCreated(), shape.groupsLive(),
                shape.customersCreated(), shape.customersLive(), shape.memberships(), shape.groupsPerLevel(),
                shape.eventCounts(), first, last);
    }

    /** Appends in one transaction (the engine's own); the events get their global indexes in list order. */
    private int append(List<EventMessage<?>> batch) {
        if (!batch.isEmpty()) {
            appender.appendEvents(batch);
        }
        return batch.size();
    }

    /**
     * Axon's JDBC engine with its own batched append, on the service's event table: the global index comes from
     * the column's default (V10), one value of the sequence at a time.
     */
    private static EventStorageEngine appender(Serializer events, Serializer snapshots, DataSource dataSource,
                                               TransactionManager transactions) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactions)
                .eventSerializer(events)
                .snapshotSerializer(snapshots)
                .schema(EventTable.EVENTS)
                .build();
    }

    private void requireEmptyStore() {
        Long any = jdbc.queryForObject("select min(global_index) from domain_event_entry", Long.class);
        if (any != null) {
            throw new IllegalStateException("the event store already holds events: generate writes a history "
                    + "dated in the past, into an empty event store only (use a fresh database)");
        }
    }

    /** The user the events are attributed to: the configured staff user, else the oldest active staff user. */
    private Staff staffUser() {
        // The first staff user, on a fresh database, is made by a start-up runner ordered before this command's.
        List<Staff> users = staffUsers();
        if (users.isEmpty()) {
            throw new IllegalStateException("no active staff user to attribute the events to (orggroups.admin."
                    + "username is " + staffUsername + ")");
        }
        return users.get(0);
    }

    private List<Staff> staffUsers() {
        return jdbc.query("""
                        select id, username from app_user where is_staff = true and is_active = true
                        order by case when username = ? then 0 else 1 end, date_joined, username""",
                (rs, row) -> new Staff(rs.getObject(1, UUID.class).toString(), rs.getString(2)), staffUsername);
    }

    private List<StreamingEventProcessor> stopStreamingProcessors() {
        List<StreamingEventProcessor> stopped = new ArrayList<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                streaming.shutDown();
                stopped.add(streaming);
            }
        }
        return stopped;
    }

    private static UUID uuid(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private record Staff(String uuid, String username) {
    }

    /**
     * Request times: random (exponential) gaps proportional to each request's size, scaled so that the whole
     * history fills about the {@link #SPAN} before now and ends a minute ago, later than the previous request's
     * last event.
     */
    private static final class Stamps {
        private final long end;
        private final double millisPerEvent;
        private final Random random;
        private long clock;
        private long nextFree;

        Stamps(long events, Random random) {
            this.end = Instant.now().toEpochMilli() - 60_000;
            this.clock = end - SPAN.toMillis();
            // A little short of the span, so that the random gaps rarely run past the end.
            this.millisPerEvent = SPAN.toMillis() * 0.97 / events;
            this.random = random;
        }

        /** @return the time of the first event of a request of {@code size} events */
        long next(int size) {
            double gap = -Math.log(1 - random.nextDouble()) * millisPerEvent * size;
            clock = Math.max(nextFree, Math.min(end, clock + (long) gap));
            nextFree = clock + size;
            return clock;
        }
    }
}
