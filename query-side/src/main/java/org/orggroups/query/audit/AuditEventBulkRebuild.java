package org.orggroups.query.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;
import org.springframework.stereotype.Component;

/**
 * The bulk rebuild of {@link AuditEventProjection}: one {@code audit_event} row per event, handed to the sink as
 * soon as the event is applied. The fold keeps no state at all, so its memory does not grow with the store.
 *
 * <p>Each row is the handler's, column for column (mirrors {@code AuditEventProjection.on(Object, EventMessage)}):
 * {@code global_index} the index given to {@link Fold#apply} ({@link Long}); {@code event_type} the payload's simple
 * class name; {@code aggregate_type}, {@code aggregate_id} ({@link UUID}, or {@code null} when the aggregate
 * identifier is not a UUID) and {@code sequence_number} ({@link Long}) from the domain event; {@code time_stamp} the
 * event's time stamp as it comes, in UTC ({@link OffsetDateTime}); {@code user_uuid} ({@link UUID}, {@code null}
 * when absent or not a UUID), {@code username} and {@code correlation_id} from the metadata
 * ({@link MetadataKeys}); {@code payload} the JSON text of {@link AuditPayloads#encode}.
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
            MetaData metaData = event.getMetaData();
            sink.add(AUDIT_EVENT.name(), globalIndex, event.getPayloadType().getSimpleName(), event.getType(),
                    uuidOrNull(event.getAggregateIdentifier()), event.getSequenceNumber(),
                    OffsetDateTime.ofInstant(event.getTimestamp(), ZoneOffset.UTC),
                    uuidOrNull(text(metaData.get(MetadataKeys.USER_UUID))),
                    text(metaData.get(MetadataKeys.USERNAME)),
                    text(metaData.get(MetadataKeys.CORRELATION_ID)),
                    AuditPayloads.encode(event.getPayload()));
        }

        /** Nothing left: every row went to the sink with its event. */
        @Override
        public void finish() {
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        /** Mirrors the handler's {@code uuidOrNull}: anything but a UUID is kept out of the uuid column. */
        private static UUID uuidOrNull(String text) {
            if (text == null) {
                return null;
            }
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
