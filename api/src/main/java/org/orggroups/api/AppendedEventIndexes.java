package org.orggroups.api;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The global indexes that the event store gave the events appended in the current unit of work, kept for the
 * handlers of the same transaction (the timelines mark each row with its event's index).
 *
 * <p>The store appends the events of a command just before the synchronous projections handle them, in the same
 * transaction; it records each index here, under the outermost unit of work, so that no handler has to read it
 * back from the event table. Outside a unit of work nothing is recorded and nothing is found.
 */
public final class AppendedEventIndexes {

    private static final String RESOURCE = AppendedEventIndexes.class.getName();

    private AppendedEventIndexes() {
    }

    /**
     * @param eventIdentifier an event just appended in the current unit of work
     * @param globalIndex     the index the store gave it
     */
    public static void record(String eventIdentifier, long globalIndex) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.<Map<String, Long>>getOrComputeResource(RESOURCE, key -> new HashMap<>())
                    .put(eventIdentifier, globalIndex);
        }
    }

    /**
     * @param eventIdentifier an event's identifier
     * @return its global index, when it was appended in the current unit of work; else empty
     */
    public static OptionalLong of(String eventIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return OptionalLong.empty();
        }
        Map<String, Long> indexes = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        Long index = indexes == null ? null : indexes.get(eventIdentifier);
        return index == null ? OptionalLong.empty() : OptionalLong.of(index);
    }
}
