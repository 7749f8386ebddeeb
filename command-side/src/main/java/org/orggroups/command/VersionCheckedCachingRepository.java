package org.orggroups.command;

import java.util.Optional;

import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.modelling.command.RepositorySpanFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Axon's event-sourcing repository with the aggregates it loaded kept in memory, each used again only when the event
 * store holds no event of it beyond the one it was kept at. Loading a group for a rename read all its events and
 * replayed them, 8 and 9.5 % of the JVM's samples in two profiles of renames (decision record 24); the check of its
 * last sequence number reads the event table's unique index instead, and nothing is deserialized.
 *
 * <p>Axon's own {@code CachingEventSourcingRepository} trusts its cache: an event appended by another node, or by
 * {@code GroupDeletionHandler}'s cascade that appends without loading, would go unseen until the event table's unique
 * {@code (aggregate_identifier, sequence_number)} refused the next append. Here every load of a kept aggregate first
 * reads the sequence number of its last event within the command's transaction, after the command's aggregate lock
 * ({@link AggregateLockInterceptor}) was granted, so that read sees every event committed before, and a kept aggregate
 * whose version differs is dropped and loaded from its events. The interceptor reads it in the lock's own round trip
 * ({@link LockedSequenceNumber}); for an aggregate loaded without it, {@link EventStore#lastSequenceNumberFor} is
 * asked. So what a command decides on is always the fold of all its aggregate's events, as without a cache.
 *
 * <p>An aggregate leaves the cache when it is loaded and goes back only after its command committed, with the version
 * it was committed at: no two commands ever share an instance, and a rolled back command's changes are never kept.
 * A deleted aggregate is not kept, nor a new one: most groups are never changed after their creation, and a burst of
 * creations (an import) would push out the groups being changed. The cache holds at most {@code maximumSize}
 * aggregates (Caffeine's eviction by frequency of use, so that groups changed often stay).
 *
 * @param <T> the aggregate's type
 */
public final class VersionCheckedCachingRepository<T> extends EventSourcingRepository<T> {

    /** A committed aggregate's root and the sequence number of its last event. */
    private record Kept<T>(T root, long version) {
    }

    private final Cache<String, Kept<T>> kept;
    private final EventStore eventStore;
    private final RepositoryProvider repositoryProvider;

    private VersionCheckedCachingRepository(Builder<T> builder, long maximumSize) {
        super(builder);
        this.eventStore = builder.eventStore();
        this.repositoryProvider = builder.repositoryProvider();
        // Evictions on the writing thread (a few entries at a time), so that the bound holds when the put returns.
        this.kept = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    /**
     * The repository of an aggregate as Axon's configuration would build it (its event store, handler inspection and
     * span factory), with no aggregate lock in the JVM ({@link CommandSideConfiguration#aggregateLockFactory()}) and
     * no snapshots.
     *
     * @param factory       creates the aggregate's instance that its events are applied to
     * @param configuration Axon's configuration
     * @param maximumSize   how many aggregates of this type are kept at most; 0 keeps none
     * @param <T>           the aggregate's type
     * @return the repository
     */
    public static <T> VersionCheckedCachingRepository<T> of(AggregateFactory<T> factory, Configuration configuration,
                                                            long maximumSize) {
        Class<T> type = factory.getAggregateType();
        Builder<T> builder = new Builder<>(type);
        builder.parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(type))
                .lockFactory(NullLockFactory.INSTANCE)
                .eventStore(configuration.eventStore())
                .aggregateFactory(factory)
                .repositoryProvider(configuration::repository)
                .spanFactory(configuration.getComponent(RepositorySpanFactory.class));
        return new VersionCheckedCachingRepository<>(builder, maximumSize);
    }

    /**
     * Takes the kept aggregate when the event store's last sequence number for it is the one it was kept at, and
     * otherwise loads it from its events as Axon does; either way it is kept again once the command has committed.
     *
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when it has no event
     * @throws org.axonframework.eventsourcing.AggregateDeletedException      when it is deleted
     */
    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        Kept<T> entry = kept.asMap().remove(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = entry != null
                && Optional.of(entry.version()).equals(LockedSequenceNumber.take(aggregateIdentifier,
                        () -> eventStore.lastSequenceNumberFor(aggregateIdentifier)))
                ? EventSourcedAggregate.reconstruct(entry.root(), aggregateModel(), entry.version(), false, eventStore,
                        repositoryProvider, NoSnapshotTriggerDefinition.TRIGGER)
                : super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> {
            Long version = aggregate.version();
            if (version != null && !aggregate.isDeleted()) {
                kept.put(aggregateIdentifier, new Kept<>(aggregate.getAggregateRoot(), version));
            }
        });
        return aggregate;
    }

    /** @return how many aggregates are kept now, for tests */
    long keptCount() {
        kept.cleanUp();
        return kept.estimatedSize();
    }

    /** Axon's builder, whose constructor only a subclass may call. */
    private static final class Builder<T> extends EventSourcingRepository.Builder<T> {
        Builder(Class<T> type) {
            super(type);
        }

        EventStore eventStore() {
            return eventStore;
        }

        RepositoryProvider repositoryProvider() {
            return repositoryProvider;
        }
    }
}
