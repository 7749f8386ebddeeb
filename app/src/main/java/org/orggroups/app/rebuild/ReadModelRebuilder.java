package org.orggroups.app.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.BulkRebuild.Fold;
import org.orggroups.api.replay.BulkRebuild.Table;
import org.orggroups.app.config.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds projections' tables from the event store, in bulk, while the service keeps serving: each projection's
 * {@link BulkRebuild} folds every stored event in memory (one read of the store for all the projections rebuilt
 * together) and its rows are loaded in bulk; then the new tables replace the old ones in one transaction. Proof
 * that every read table is derived data (DESIGN.md section 1).
 *
 * <p>On PostgreSQL the rows go into shadow tables ({@link ShadowTables}) while readers and writers carry on with
 * the live ones; the shadows' indexes are built once they are loaded, on two connections at once. At the end, in
 * one transaction, the live tables are locked, dropped and replaced by the shadows; then, for the synchronous views, the events that writers committed during the load (beyond the
 * position the load read up to, or in the gaps it saw below it) go through the projections' own handlers onto
 * the new tables. Writers and readers wait only for that last step. Streaming processors are shut down on this
 * node for the rebuild, and their tokens are set, in the same transaction, to the position the load reached, so
 * that on restart they go on from there with the events that came in meanwhile.
 *
 * <p>On H2 (the embedded, single-node default) the rows go straight into the live tables, emptied first, in one
 * transaction: readers see the old rows until the commit; this node's commands wait at the {@link WriteGate}
 * while synchronous views are rebuilt, so nothing comes in meanwhile.
 *
 * <p>Any failure (a fold that finds an event naming a group without a row, a database error) leaves the old tables
 * serving and the processors going on from where they were: the shadows are dropped, the final transaction rolled
 * back.
 */
@Component
public class ReadModelRebuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelRebuilder.class);

    /** How often, in events, the progress listener hears of the replay. */
    static final int PROGRESS_EVERY = 1_000;
    /** Connections that build the shadows' indexes at once: one per core of the machine this was measured on. */
    static final int INDEX_CONNECTIONS = 2;
    /** How far below the head a missing index counts as a gap to revisit: Axon's default for its event store. */
    static final int GAP_WINDOW = 10_000;

    private final StoredEvents events;
    private final EventProcessingConfiguration processing;
    private final Map<String, BulkRebuild> bulkRebuilds = new LinkedHashMap<>();
    private final TokenStore tokenStore;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final WriteGate writeGate;
    private final DataSource dataSource;
    private final boolean postgres;

    /**
     * @param bulkRebuilds one per processing group that can be rebuilt (all of this service's)
     */
    public ReadModelRebuilder(StoredEvents events, EventProcessingConfiguration processing,
                              List<BulkRebuild> bulkRebuilds, TokenStore tokenStore,
                              PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                              WriteGate writeGate, DataSource dataSource) {
        this.events = events;
        this.processing = processing;
        bulkRebuilds.forEach(b -> this.bulkRebuilds.put(b.processingGroup(), b));
        this.tokenStore = tokenStore;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.writeGate = writeGate;
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** Told of a replay's progress, on the rebuilding thread. */
    @FunctionalInterface
    public interface ProgressListener {

        /** A listener that ignores everything. */
        ProgressListener NONE = (done, total) -> { };

        /**
         * @param done  events replayed so far
         * @param total events in the store when the replay started
         */
        void progressed(long done, long total);
    }

    /**
     * Rebuilds every synchronous view.
     *
     * @return the number of events replayed
     * @throws RuntimeException whatever a fold, a handler or the database threw; nothing is changed then
     */
    public long rebuildAll() {
        return rebuildAll(ProgressListener.NONE);
    }

    /**
     * Rebuilds every synchronous view, telling the listener of the progress.
     *
     * @return the number of events replayed
     * @throws RuntimeException whatever a fold, a handler or the database threw; nothing is changed then
     */
    public long rebuildAll(ProgressListener listener) {
        return rebuild(synchronousProcessors(), listener);
    }

    /**
     * Rebuilds the named processors' tables together, from one read of the store, telling the listener of the
     * progress at the start, every {@value #PROGRESS_EVERY} events and at the end. Naming one synchronous
     * processor rebuilds it alone; rebuilding all of them together is what keeps them consistent with each other
     * while writes go on, which is why {@code Projections} always rebuilds them as one unit.
     *
     * @param processors names of event processors, each with a {@link BulkRebuild}
     * @return the number of events replayed (loaded in bulk, plus those applied by handlers at the swap)
     * @throws IllegalArgumentException when a name is not a processor with a {@link BulkRebuild}
     * @throws RuntimeException         whatever a fold, a handler or the database threw; nothing is changed then
     */
    public long rebuild(Collection<String> processors, ProgressListener listener) {
        List<BulkRebuild> bulks = new ArrayList<>();
        List<StreamingEventProcessor> streaming = new ArrayList<>();
        List<EventHandlerInvoker> synchronous = new ArrayList<>();
        for (String name : processors) {
            EventProcessor processor = processing.eventProcessors().get(name);
            BulkRebuild bulk = bulkRebuilds.get(name);
            if (processor == null || bulk == null) {
                throw new IllegalArgumentException("no processor " + name + " with a bulk rebuild");
            }
            bulks.add(bulk);
            if (processor instanceof StreamingEventProcessor s) {
                streaming.add(s);
            } else {
                synchronous.add(((AbstractEventProcessor) processor).eventHandlerInvoker());
            }
        }
        // Only those running here are stopped and started again: a processor stopped on purpose stays stopped.
        List<StreamingEventProcessor> stopped = streaming.stream().filter(StreamingEventProcessor::isRunning).toList();
        stopped.forEach(StreamingEventProcessor::shutDown);
        try {
            if (postgres) {
                return intoShadows(bulks, streaming, synchronous, listener);
            }
            return synchronous.isEmpty() ? transaction.execute(status -> inPlace(bulks, streaming, listener))
                    : writeGate.closedDuring(() -> transaction.execute(status -> inPlace(bulks, streaming, listener)));
        } finally {
            stopped.forEach(StreamingEventProcessor::start);
        }
    }

    /** @return the names of the subscribing processors, sorted */
    public List<String> synchronousProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(SubscribingEventProcessor.class::isInstance)
                .map(EventProcessor::getName)
                .sorted()
                .toList();
    }

    private long intoShadows(List<BulkRebuild> bulks, List<StreamingEventProcessor> streaming,
                             List<EventHandlerInvoker> synchronous, ProgressListener listener) {
        ShadowTables shadows = new ShadowTables(jdbc);
        List<String> tables = tables(bulks);
        boolean swapped = false;
        try {
            tables.forEach(shadows::create);
            long started = System.nanoTime();
            Loaded loaded = load(bulks, ShadowTables::shadowOf, listener);
            long loadedAt = System.nanoTime();
            index(tables.stream().flatMap(table -> shadows.indexStatements(table).stream()).toList());
            long indexedAt = System.nanoTime();
            Long tail = transaction.execute(status -> swap(shadows, tables, synchronous, streaming, loaded));
            swapped = true;
            LOG.info("Rebuilt {}: {} events loaded in {} ms, indexed in {} ms, swapped with {} more events in {} ms",
                    tables, loaded.count(), millis(started, loadedAt), millis(loadedAt, indexedAt), tail,
                    millis(indexedAt, System.nanoTime()));
            return loaded.count() + (tail == null ? 0 : tail);
        } finally {
            if (!swapped) {
                tables.forEach(shadows::drop);
            }
        }
    }

    /**
     * Replaces the live tables by their loaded shadows and brings them up to date, in the caller's transaction.
     *
     * @return the number of events applied through the handlers after the swap
     */
    private long swap(ShadowTables shadows, List<String> tables, List<EventHandlerInvoker> synchronous,
                      List<StreamingEventProcessor> streaming, Loaded loaded) {
        String live = String.join(", ", tables);
        if (!synchronous.isEmpty()) {
            // Writers store their events before they touch the views: holding new events back first means that no
            // writer can be holding one view table while waiting for another that this rebuild has locked.
            jdbc.execute("lock table domain_event_entry in exclusive mode");
        }
        // EXCLUSIVE first: it waits for writers and row locks but lets plain reads through; then the swap's
        // ACCESS EXCLUSIVE, which makes readers wait for the commit, is held only for the swap and the tail.
        jdbc.execute("lock table " + live + " in exclusive mode");
        jdbc.execute("lock table " + live + " in access exclusive mode");
        tables.forEach(shadows::swap);
        long tail = synchronous.isEmpty() ? 0 : replayTail(synchronous, loaded);
        streaming.forEach(p -> storeTokens(p, loaded));
        return tail;
    }

    /**
     * Runs the shadows' index statements on {@value #INDEX_CONNECTIONS} connections at once: building an index is
     * the database's own work, one core per statement, and nothing else runs at this point of a rebuild.
     */
    private void index(List<String> statements) {
        ExecutorService builders = Executors.newFixedThreadPool(INDEX_CONNECTIONS, task -> {
            Thread thread = new Thread(task, "rebuild-index");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // An analyze waits for its table's indexes: run last, after every build has been handed out.
            List<Future<?>> builds = new ArrayList<>();
            statements.stream().filter(s -> !s.startsWith("analyze"))
                    .forEach(sql -> builds.add(builders.submit(() -> jdbc.execute(sql))));
            await(builds);
            List<Future<?>> analyses = new ArrayList<>();
            statements.stream().filter(s -> s.startsWith("analyze"))
                    .forEach(sql -> analyses.add(builders.submit(() -> jdbc.execute(sql))));
            await(analyses);
        } finally {
            builders.shutdownNow();
        }
    }

    private static void await(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building indexes", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("building an index failed", e.getCause());
            }
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private long inPlace(List<BulkRebuild> bulks, List<StreamingEventProcessor> streaming,
                         ProgressListener listener) {
        List<String> tables = new ArrayList<>(tables(bulks));
        Collections.reverse(tables);
        tables.forEach(table -> jdbc.update("delete from " + table));
        Loaded loaded = load(bulks, table -> table, listener);
        streaming.forEach(p -> storeTokens(p, loaded));
        return loaded.count();
    }

    /** Where a load stopped: the head it read up to, the indexes below it it did not see, the events it read. */
    private record Loaded(long head, List<Long> gaps, long count) {
    }

    private Loaded load(List<BulkRebuild> bulks, UnaryOperator<String> physicalName, ProgressListener listener) {
        long started = System.nanoTime();
        long total = events.count();
        long head = events.head();
        List<Table> tables = bulks.stream().flatMap(b -> b.tables().stream()).toList();
        TableLoader loader = TableLoader.of(dataSource, postgres, tables, physicalName);
        // Ahead on a thread of its own only when loading outside a transaction (PostgreSQL): in place (H2) this
        // node's writers wait at the gate holding pooled connections, and a reader needing one more could starve.
        PageReader reader = new PageReader(head, postgres);
        try {
            List<Fold> folds = bulks.stream().map(b -> b.start(loader)).toList();
            listener.progressed(0, total);
            TreeSet<Long> gaps = new TreeSet<>();
            long previous = 0;
            long count = 0;
            for (List<TrackedEventMessage<?>> page = reader.next(); page != null; page = reader.next()) {
                for (TrackedEventMessage<?> event : page) {
                    long index = StoredEvents.indexOf(event);
                    for (long missing = Math.max(previous + 1, head - GAP_WINDOW + 1); missing < index; missing++) {
                        gaps.add(missing);
                    }
                    previous = index;
                    for (Fold fold : folds) {
                        fold.apply(index, StoredEvents.domain(event));
                    }
                    count++;
                    if (count % PROGRESS_EVERY == 0) {
                        listener.progressed(count, Math.max(total, count));
                    }
                }
            }
            for (long missing = Math.max(previous + 1, head - GAP_WINDOW + 1); missing <= head; missing++) {
                gaps.add(missing);
            }
            long folded = System.nanoTime();
            folds.forEach(Fold::finish);
            loader.flush();
            LOG.info("Folded {} events in {} ms; final rows written in {} ms ({} rows in all)", count,
                    millis(started, folded), millis(folded, System.nanoTime()), loader.rows());
            listener.progressed(count, Math.max(total, count));
            return new Loaded(head, List.copyOf(gaps), count);
        } catch (RuntimeException | Error e) {
            loader.abort();
            throw e;
        } finally {
            reader.close();
        }
    }

    /**
     * Reads and deserializes the pages of the store up to a head. Ahead: on a thread of its own, a few pages ahead
     * of the folds, so that reading and Jackson run while the folds work; its queries then run on connections of
     * their own (the loader's connection is busy meanwhile). Otherwise on the caller's thread and connection.
     */
    private final class PageReader implements AutoCloseable {

        /** Marks the end of the pages: compared by identity. */
        private final List<TrackedEventMessage<?>> end = new ArrayList<>();

        private final BlockingQueue<List<TrackedEventMessage<?>>> pages = new ArrayBlockingQueue<>(4);
        private final Thread thread;
        private final long head;
        private long after;
        private volatile RuntimeException failure;

        PageReader(long head, boolean ahead) {
            this.head = head;
            if (ahead) {
                thread = new Thread(() -> read(head), "rebuild-read");
                thread.setDaemon(true);
                thread.start();
            } else {
                thread = null;
            }
        }

        private void read(long head) {
            try {
                for (long after = 0; after < head; after = StoredEvents.nextPage(after, head)) {
                    List<TrackedEventMessage<?>> page = events.page(after, head);
                    for (TrackedEventMessage<?> event : page) {
                        // Deserialized here, not lazily on the folding thread.
                        event.getPayload();
                        event.getMetaData();
                    }
                    if (!page.isEmpty()) {
                        pages.put(page);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                pages.put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** @return the next page, or null after the last */
        List<TrackedEventMessage<?>> next() {
            if (thread == null) {
                while (after < head) {
                    List<TrackedEventMessage<?>> page = events.page(after, head);
                    after = StoredEvents.nextPage(after, head);
                    if (!page.isEmpty()) {
                        return page;
                    }
                }
                return null;
            }
            List<TrackedEventMessage<?>> page;
            try {
                page = pages.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the event store", e);
            }
            if (page == end) {
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            return page;
        }

        @Override
        public void close() {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /**
     * Applies, through the synchronous processors' own handlers, the events that writers committed while the
     * load ran: beyond the head it read up to, or in a gap it saw below it.
     */
    private long replayTail(List<EventHandlerInvoker> invokers, Loaded loaded) {
        long count = 0;
        for (TrackedEventMessage<?> event : events.tail(loaded.gaps(), loaded.head())) {
            DefaultUnitOfWork.startAndGet(event).execute(() -> {
                for (EventHandlerInvoker invoker : invokers) {
                    if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                        handle(invoker, event);
                    }
                }
            });
            count++;
        }
        return count;
    }

    /**
     * Sets every segment's token to where the load stopped (its head, with its gaps still to be seen), so the
     * processor goes on with the events committed since. Claims each segment for the write and releases it:
     * fails (and rolls the rebuild back) while another node still runs the processor.
     */
    private void storeTokens(StreamingEventProcessor processor, Loaded loaded) {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(loaded.head(), loaded.gaps());
        int[] segments = tokenStore.fetchSegments(processor.getName());
        if (segments.length == 0) {
            // Without tokens the processor would start from its initial position and apply the events again.
            throw new IllegalStateException(processor.getName() + " has no tokens yet: start it once first");
        }
        for (int segment : segments) {
            tokenStore.storeToken(token, processor.getName(), segment);
            tokenStore.releaseClaim(processor.getName(), segment);
        }
    }

    private static List<String> tables(List<BulkRebuild> bulks) {
        return bulks.stream().flatMap(b -> b.tables().stream()).map(Table::name).distinct().toList();
    }

    private static void handle(EventHandlerInvoker invoker, TrackedEventMessage<?> event) {
        try {
            invoker.handle(event, Segment.ROOT_SEGMENT);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Replaying event " + event.getIdentifier() + " failed", e);
        }
    }

}
