package org.orggroups.command;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Many aggregates' event streams at once, for a subtree delete, which appends one event to each group of the
 * subtree and one to each of its members: loading thousands of aggregates one query each, only to learn the next
 * sequence number, was a fifth of such a delete's time (decision record 16).
 */
public interface EventStreams {

    /**
     * @param aggregateIds aggregate identifiers, possibly empty
     * @return the sequence number of the last event of each of them that has events; those without are left out
     */
    Map<String, Long> lastSequenceNumbers(Collection<String> aggregateIds);

    /**
     * Takes, in the given order, the lock that {@link AggregateLockInterceptor} takes for a command on each of the
     * aggregates, held until the transaction ends: their own commands wait for this transaction, and it for them.
     *
     * @param aggregateIds aggregate identifiers in ascending order (uuid order, to stay free of deadlocks)
     */
    void lock(List<String> aggregateIds);

    /**
     * Takes the lock that {@link AggregateLockInterceptor} takes for a command on one aggregate, held until the
     * transaction ends, and then reads the sequence number of the aggregate's last event, in one round trip where the
     * database takes two statements together (decision record 26). The read runs once the lock is granted, so it sees
     * every event committed before: no other command on the aggregate can append until this transaction ends.
     *
     * @param aggregateId the aggregate's identifier
     * @return the sequence number of its last event; empty when it has none, and then nothing is locked
     */
    Optional<Long> lockAndReadLastSequenceNumber(String aggregateId);
}
