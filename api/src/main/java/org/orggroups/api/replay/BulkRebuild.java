package org.orggroups.api.replay;

import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A projection's rebuild in bulk: the same rows its event handlers write, computed in memory from the events
 * read once in global order, and handed to a {@link RowSink} that loads them in bulk. Replaying through the
 * handlers costs several database round trips per event; this costs none per event (rows are streamed out in
 * large batches), which is what makes a rebuild of a large store fast.
 *
 * <p>A {@code BulkRebuild} sits next to the projection it mirrors, and must give exactly the rows the
 * projection's handlers give for the same events, row for row (except identity columns); tests replay scripted
 * histories both ways and compare. Where a handler throws (an event that names a group without a row), the fold
 * throws an {@link IllegalStateException} with a message that says the same.
 */
public interface BulkRebuild {

    /** @return the processing group whose tables this rebuilds (the projection's {@code PROCESSING_GROUP}) */
    String processingGroup();

    /**
     * @return the tables this fills, each with the columns it writes, in the order the rows may be loaded
     *         (every table the projection's {@code @ResetHandler} empties, and only those)
     */
    List<Table> tables();

    /**
     * Starts a fold over the store.
     *
     * @param sink where the rows go; rows of one table arrive in no particular order
     * @return a fold to hand every stored event, in global order
     */
    Fold start(RowSink sink);

    /**
     * A table and the columns a rebuild writes to it (identity columns left out: the database numbers them).
     *
     * @param name    the table's name
     * @param columns the columns, in the order {@link RowSink#add} receives their values
     */
    record Table(String name, List<String> columns) {

        public Table {
            columns = List.copyOf(columns);
        }

        /** @return a table with these columns */
        public static Table of(String name, String... columns) {
            return new Table(name, List.of(columns));
        }
    }

    /** One rebuild in progress: the state folded so far. Not thread-safe; used by one thread. */
    interface Fold {

        /**
         * Folds one event in. Rows that can no longer change (a closed timeline row, an audit row) may be
         * handed to the sink at once.
         *
         * @param globalIndex the event's global index in the store
         * @param event       the event as stored: payload, metadata, aggregate, sequence number, time stamp
         *                    (at the store's precision)
         * @throws IllegalStateException where the projection's handler would throw for this event
         */
        void apply(long globalIndex, DomainEventMessage<?> event);

        /** Hands the sink every row not handed over yet: the tables' final state after the last event. */
        void finish();
    }
}
