package org.orggroups.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VersionCheckedCachingRepository} on an event store in memory: a kept aggregate is used again only while no
 * other event of it was stored, and never carries a rolled back change.
 */
class VersionCheckedCachingRepositoryTest {

    record Opened(String id) {
    }

    record Counted(String id) {
    }

    record Closed(String id) {
    }

    /** An aggregate counting its {@link Counted} events. */
    static class Counter {
        @AggregateIdentifier
        private String id;
        private int count;

        Counter() {
        }

        @EventSourcingHandler
        void on(Opened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Counted event) {
            count++;
        }

        @EventSourcingHandler
        void on(Closed event) {
            markDeleted();
        }
    }

    private Configuration axon;
    private VersionCheckedCachingRepository<Counter> repository;
    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void openCounter() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .buildConfiguration();
        repository = VersionCheckedCachingRepository.of(new ConstructorAggregateFactory<>(Counter.class), axon, 100);
        inUnitOfWork(unitOfWork -> {
            try {
                repository.newInstance(() -> {
                    apply(new Opened(id));
                    return new Counter();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aLoadedAggregateIsUsedAgainWhileNoOtherEventOfItWasStored() {
        assertThat(repository.keptCount()).as("kept at its creation").isZero();
        Counter loaded = root();
        count();
        Counter counted = root();

        assertThat(counted).isSameAs(loaded);
        assertThat(counted.count).isEqualTo(1);
        assertThat(repository.keptCount()).isEqualTo(1);
    }

    @Test
    void anEventStoredBehindTheRepositorysBackIsReplayed() {
        Counter kept = root();
        // as another node's command or the subtree delete's cascade would append it
        inUnitOfWork(unitOfWork -> axon.eventStore().publish(new GenericDomainEventMessage<>(
                Counter.class.getSimpleName(), id, 1, new Counted(id))));

        Counter loaded = root();

        assertThat(loaded).isNotSameAs(kept);
        assertThat(loaded.count).isEqualTo(1);
        count();
        assertThat(root().count).isEqualTo(2);
    }

    @Test
    void theNumberReadUnderTheCommandsLockIsCheckedInsteadOfTheStore() {
        Counter kept = root();
        // An event the store holds but the number read under the lock does not count: only that number is checked,
        // so the kept aggregate is used (the interceptor's read cannot miss an event; this shows which one counts).
        inUnitOfWork(unitOfWork -> axon.eventStore().publish(new GenericDomainEventMessage<>(
                Counter.class.getSimpleName(), id, 1, new Counted(id))));
        Counter[] loaded = new Counter[1];
        inUnitOfWork(unitOfWork -> {
            LockedSequenceNumber.remember(unitOfWork, id, Optional.of(0L));
            loaded[0] = repository.load(id).invoke(counter -> counter);
        });
        assertThat(loaded[0]).isSameAs(kept);

        inUnitOfWork(unitOfWork -> {
            LockedSequenceNumber.remember(unitOfWork, id, Optional.of(1L));
            loaded[0] = repository.load(id).invoke(counter -> counter);
        });
        assertThat(loaded[0]).isNotSameAs(kept);
        assertThat(loaded[0].count).isEqualTo(1);
    }

    @Test
    void aRolledBackChangeIsNeverKept() {
        Counter kept = root();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        repository.load(id).execute(counter -> apply(new Counted(id)));
        unitOfWork.rollback();

        Counter loaded = root();

        assertThat(loaded).isNotSameAs(kept);
        assertThat(loaded.count).isZero();
    }

    @Test
    void aDeletedAggregateIsNotKept() {
        inUnitOfWork(unitOfWork -> repository.load(id).execute(counter -> apply(new Closed(id))));

        assertThat(repository.keptCount()).isZero();
        assertThatThrownBy(this::root).isInstanceOf(AggregateDeletedException.class);
    }

    @Test
    void aSizeOfNoneKeepsNothing() {
        repository = VersionCheckedCachingRepository.of(new ConstructorAggregateFactory<>(Counter.class), axon, 0);
        Counter first = root();

        assertThat(root()).isNotSameAs(first);
        assertThat(repository.keptCount()).isZero();
    }

    private void count() {
        inUnitOfWork(unitOfWork -> repository.load(id).execute(counter -> apply(new Counted(id))));
    }

    private Counter root() {
        Counter[] root = new Counter[1];
        inUnitOfWork(unitOfWork -> root[0] = repository.load(id).invoke(counter -> counter));
        return root[0];
    }

    private static void inUnitOfWork(Consumer<UnitOfWork<?>> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            work.accept(unitOfWork);
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }
}
