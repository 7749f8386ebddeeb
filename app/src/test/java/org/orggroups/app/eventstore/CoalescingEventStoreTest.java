package org.orggroups.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming readers' wake-up after local commits: at once with no delay (Axon's behaviour), once per delay
 * otherwise, with every event delivered either way. The store's own polling is set to a minute, so any event seen
 * before that came through a wake-up after a commit.
 */
class CoalescingEventStoreTest {

    private static final int EVENTS = 50;

    private final CountingEngine engine = new CountingEngine();
    private CoalescingEventStore store;

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void withoutADelayEachCommitWakesTheReadersAtOnce() throws InterruptedException {
        store = new CoalescingEventStore(builder(), Duration.ZERO);
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null);

        store.publish(GenericEventMessage.asEventMessage("first"));

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
    }

    @Test
    void commitsWithinTheDelayAreFetchedTogether() throws InterruptedException {
        store = new CoalescingEventStore(builder(), Duration.ofSeconds(1));
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null);
        // Caught up with the empty store, the reader now waits for the store's producer.
        assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
        engine.fetches.set(0);

        for (int i = 0; i < EVENTS; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
        }

        List<Object> received = new ArrayList<>();
        while (received.size() < EVENTS && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
            received.add(stream.nextAvailable().getPayload());
        }
        assertThat(received).hasSize(EVENTS).first().isEqualTo("event 0");
        // The fetch after the wake-up that finds all fifty and the one after it that finds none; one more if the
        // fifty commits took longer than the delay.
        assertThat(engine.fetches.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void aCommitDuringShutDownIsStoredWithoutAWakeUpToSchedule() {
        store = new CoalescingEventStore(builder(), Duration.ofSeconds(1));
        store.openStream(null);
        store.shutDown();

        store.publish(GenericEventMessage.asEventMessage("late"));

        assertThat(engine.readEvents(null, false).map(event -> (Object) event.getPayload())).containsExactly("late");
    }

    private EmbeddedEventStore.Builder builder() {
        return EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(60_000);
    }

    /** Axon's in-memory engine, counting the reads of the store's producer. */
    private static final class CountingEngine extends InMemoryEventStorageEngine {
        final AtomicInteger fetches = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            fetches.incrementAndGet();
            return super.readEvents(trackingToken, mayBlock);
        }
    }
}
