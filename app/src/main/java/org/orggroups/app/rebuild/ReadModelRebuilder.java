package org.orggroups.app.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the tables of every subscribing event processor (the command-side tree, the group and customer
 * views) from the event store: each processor's {@code @ResetHandler}s empty its tables, then every stored
 * event, in global order, goes through the same handlers that live processing uses. Proof that these tables
 * are derived data (DESIGN.md section 1).
 *
 * <p>It all happens in one transaction: readers keep seeing the old tables until the new ones are complete and
 * committed, and a failure rolls back and leaves the old tables serving.
 *
 * <p>Concurrent writes are held back for the whole rebuild, never lost: this node's commands wait at the
 * {@link WriteGate}, and on PostgreSQL the view tables ({@code orggroups.rebuild.lock-tables}) are locked
 * {@code IN EXCLUSIVE MODE} first, which lets plain reads through but makes every other node's writer wait
 * until the commit. A waiting writer then applies its events on the rebuilt rows. Without the lock a writer
 * could commit an event that the replay has already passed, or update a row the replay has not written yet.
 * The price: writes wait (or time out) for as long as the rebuild runs, so a synchronous rebuild is an
 * operator's action for a quiet moment, with the progress to judge how long it takes.
 */
@Component
public class ReadModelRebuilder {

    /** How often, in events, the progress listener hears of the replay. */
    static final int PROGRESS_EVERY = 1_000;

    private final EventStorageEngine storage;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final WriteGate writeGate;
    private final List<String> lockTables;
    private final boolean postgres;

    /**
     * @param lockTables the tables the synchronous processors write, locked against writers of other nodes on
     *                   PostgreSQL; a new synchronous projection adds its tables here
     */
    public ReadModelRebuilder(EventStorageEngine storage, EventProcessingConfiguration processing,
                              PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                              WriteGate writeGate, DataSource dataSource,
                              @Value("${orggroups.rebuild.lock-tables:group_tree,group_member,group_view,"
                                      + "customer_view,customer_group_view}") List<String> lockTables) {
        this.storage = storage;
        this.processing = processing;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.writeGate = writeGate;
        this.lockTables = List.copyOf(lockTables);
        this.postgres = isPostgres(dataSource);
    }

    /** Told of a replay's progress, on the rebuilding thread. */
    @FunctionalInterface
    public interface ProgressListener {

        /** A listener that ignores everything. */
        ProgressListener NONE = (done, total) -> { };

        /**
         * @param done  events replayed so far
         * @param total events in the store when the replay started (after the write lock was taken)
         */
        void progressed(long done, long total);
    }

    /**
     * @return the number of events replayed
     * @throws IllegalStateException when a handler fails; nothing is changed then
     */
    public long rebuildAll() {
        return rebuildAll(ProgressListener.NONE);
    }

    /**
     * Rebuilds every synchronous view, telling the listener of the progress at the start, every
     * {@value #PROGRESS_EVERY} events and at the end (before the commit).
     *
     * @return the number of events replayed
     * @throws RuntimeException whatever a handler or the database threw; the transaction is rolled back then
     */
    public long rebuildAll(ProgressListener listener) {
        Long replayed = writeGate.closedDuring(() -> transaction.execute(status -> {
            lockViewTables();
            return replay(subscribingInvokers(), listener);
        }));
        return replayed == null ? 0 : replayed;
    }

    /** @return the names of the processors this rebuilds (the subscribing ones), sorted */
    public List<String> synchronousProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(SubscribingEventProcessor.class::isInstance)
                .map(EventProcessor::getName)
                .sorted()
                .toList();
    }

    private void lockViewTables() {
        if (postgres && !lockTables.isEmpty()) {
            // EXCLUSIVE conflicts with ROW SHARE (select ... for update) and ROW EXCLUSIVE (writes), not with
            // ACCESS SHARE (plain reads): readers carry on against the old rows. Held until the commit.
            jdbc.execute("lock table " + String.join(", ", lockTables) + " in exclusive mode");
        }
    }

    private List<EventHandlerInvoker> subscribingInvokers() {
        return processing.eventProcessors().values().stream()
                .filter(SubscribingEventProcessor.class::isInstance)
                .map(p -> ((AbstractEventProcessor) p).eventHandlerInvoker())
                .toList();
    }

    private long replay(List<EventHandlerInvoker> invokers, ProgressListener listener) {
        Long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        long total = stored == null ? 0 : stored;
        listener.progressed(0, total);
        invokers.forEach(EventHandlerInvoker::performReset);
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                DefaultUnitOfWork.startAndGet(event).execute(() -> {
                    for (EventHandlerInvoker invoker : invokers) {
                        if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                            handle(invoker, event);
                        }
                    }
                });
                count++;
                if (count % PROGRESS_EVERY == 0) {
                    listener.progressed(count, Math.max(total, count));
                }
            }
        }
        listener.progressed(count, Math.max(total, count));
        return count;
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

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to check its kind", e);
        }
    }
}
