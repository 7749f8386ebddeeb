package org.orggroups.command;

import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The sequence number of the last event of the aggregate a command locked, read under that lock by
 * {@link AggregateLockInterceptor} in the lock's own round trip
 * ({@link EventStreams#lockAndReadLastSequenceNumber}) and kept in the command's unit of work until
 * {@link VersionCheckedCachingRepository} checks the aggregate it kept against it. Before, the repository read it in
 * a round trip of its own (decision record 26).
 *
 * <p>It is taken once: a second load of the aggregate in the same unit of work, after the command appended to it,
 * reads the event store again.
 */
final class LockedSequenceNumber {

    private static final String RESOURCE = LockedSequenceNumber.class.getName();

    /** An aggregate's identifier and the sequence number of its last event, empty when it had none. */
    private record Read(String aggregateId, Optional<Long> last) {
    }

    private LockedSequenceNumber() {
    }

    /**
     * @param unitOfWork  the command's unit of work, which holds the lock
     * @param aggregateId the aggregate locked
     * @param last        the sequence number of its last event, read after the lock was granted
     */
    static void remember(UnitOfWork<?> unitOfWork, String aggregateId, Optional<Long> last) {
        unitOfWork.resources().put(RESOURCE, new Read(aggregateId, last));
    }

    /**
     * @param aggregateId the aggregate being loaded
     * @param otherwise   reads the number from the event store, when the current unit of work did not lock the
     *                    aggregate through the interceptor (a subtree delete's cascade loads aggregates it locked
     *                    itself) or took the number already
     * @return the sequence number of the aggregate's last event; empty when it has none
     */
    static Optional<Long> take(String aggregateId, Supplier<Optional<Long>> otherwise) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().get(RESOURCE) instanceof Read read
                && read.aggregateId().equals(aggregateId)) {
            CurrentUnitOfWork.get().resources().remove(RESOURCE);
            return read.last();
        }
        return otherwise.get();
    }
}
