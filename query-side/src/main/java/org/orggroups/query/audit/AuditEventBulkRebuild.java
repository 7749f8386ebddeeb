package org.orggroups.query.audit;

import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;
import org.springframework.stereotype.Component;

/**
 * The bulk rebuild of {@link AuditEventProjection}: one {@code audit_event} row per event, handed to the sink as
 * soon as the event is applied. The fold keeps no state at all, so its memory does not grow with the store.
 *
 * <p>Each row is the handler's, built by the same method ({@code AuditEventProjection.row}), with the global index
 * given to {@link Fold#apply} as its key.
 */
@Component
public class AuditEventBulkRebuild implements BulkRebuild {

    /** {@code audit_event}, every column. */
    public static final Table AUDIT_EVENT = Table.of("audit_event",
            "global_index", "event_type", "aggregate_type", "aggregate_id", "sequence_number", "time_stamp",
            "user_uuid", "username", "correlation_id", "payload");

    /** @return {@value AuditEventProjection#PROCESSING_GROUP}, the projection's processing group */
    @Override
    public String processingGroup() {
        return AuditEventProjection.PROCESSING_GROUP;
    }

    /** @return {@code audit_event}, the one table {@link AuditEventProjection#reset()} empties */
    @Override
    public List<Table> tables() {
        return List.of(AUDIT_EVENT);
    }

    /**
     * @param sink receives one {@code audit_event} row per {@link Fold#apply}, nothing in {@link Fold#finish()}
     * @return a fold
     */
    @Override
    public Fold start(RowSink sink) {
        return new AuditFold(sink);
    }

    private static final class AuditFold implements Fold {

        private final RowSink sink;

        AuditFold(RowSink sink) {
            this.sink = sink;
        }

        /**
         * @throws IllegalStateException when the payload cannot be written as JSON, as the handler's
         *                               {@link AuditPayloads#encode} throws
         */
        @Override
        public void apply(long globalIndex, DomainEventMessage<?> event) {
            sink.add(AUDIT_EVENT.name(), AuditEventProjection.row(globalIndex, event));
        }

        /** Nothing left: every row went to the sink with its event. */
        @Override
        public void finish() {
        }
    }
}
