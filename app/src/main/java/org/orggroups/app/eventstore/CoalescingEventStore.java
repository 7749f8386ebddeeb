package org.orggroups.app.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, with the wake-up of its streaming readers after a local commit delayed by
 * {@code wakeDelay} and shared by every commit within that delay.
 *
 * <p>The store's producer thread reads new events for the streaming processors ({@code audit-events},
 * {@code group-report}); after every commit on this node Axon wakes it at once. Under a steady stream of writes each
 * wake-up then finds one or two events, and each of them travels alone through a fetch query, both processors'
 * coordinators and work packages, a batch transaction and the audit log's index look-up. Woken once per delay
 * instead, the producer fetches every event committed within it in one query and each processor handles them in one
 * batch (up to its batch size, 500 events). The streaming views lag by up to that much more; commands and the
 * synchronous views do not wait for it. Events committed on other nodes are still found within the store's fetch
 * delay, as before. A zero delay keeps Axon's own behaviour. Measured in decision record 18.
 */
public class CoalescingEventStore extends EmbeddedEventStore {

    private final long wakeDelayNanos;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService waker;

    /**
     * @param builder   Axon's builder of the embedded store, with its storage engine and monitors set
     * @param wakeDelay how long after a commit the readers are woken; zero wakes them at once
     */
    public CoalescingEventStore(Builder builder, Duration wakeDelay) {
        super(builder);
        this.wakeDelayNanos = wakeDelay.toNanos();
        this.waker = wakeDelayNanos > 0 ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "EventStoreWaker");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (waker == null) {
            super.afterCommit(events);
        } else if (wakeScheduled.compareAndSet(false, true)) {
            try {
                waker.schedule(() -> {
                    // Cleared before the wake-up, so a commit that lands while the producer reads schedules the next.
                    wakeScheduled.set(false);
                    super.afterCommit(events);
                }, wakeDelayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shutDown) {
                // A write that commits while the node shuts down: its events are stored, wake the reader at once.
                wakeScheduled.set(false);
                super.afterCommit(events);
            }
        }
    }

    @Override
    public void shutDown() {
        if (waker != null) {
            waker.shutdownNow();
            // A wake-up cancelled above leaves the flag set: cleared, a later commit wakes the reader at once.
            wakeScheduled.set(false);
        }
        super.shutDown();
    }
}
