package org.orggroups.query.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.orggroups.api.MetadataKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log: one {@code audit_event} row per stored event, keyed by its global index.
 *
 * <p>Runs in a pooled streaming processor (declared in the application's configuration), so it can be replayed
 * from the first event at any time and its lag is observable. Rows of one processor batch are written with one
 * JDBC batch just before the batch's transaction commits, together with the processor's token: a replay of a
 * million events is then a few thousand round trips, not a million. The rows commit with the token or not at
 * all, so a batch retried after a failure writes each event once.
 */
@Component
@ProcessingGroup(AuditEventProjection.PROCESSING_GROUP)
public class AuditEventProjection {

    /** Name of the processing group and of its processor. */
    public static final String PROCESSING_GROUP = "audit-events";

    private static final String PENDING_ROWS = AuditEventProjection.class.getName() + ".rows";
    private static final String INSERT = "insert into audit_event (global_index, event_type, aggregate_type,"
            + " aggregate_id, sequence_number, time_stamp, user_uuid, username, correlation_id, payload)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    /** @param jdbc access to {@code audit_event} */
    public AuditEventProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records any event.
     *
     * @param payload the event's payload, whatever its type
     * @param event   the event message, tracked (it comes from the event store) and usually a domain event
     * @throws IllegalStateException when the event has no global position (it did not come from the store)
     */
    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        long globalIndex = globalIndex(event);
        String aggregateType = null;
        UUID aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = uuidOrNull(domain.getAggregateIdentifier());
            sequence = domain.getSequenceNumber();
        }
        Object[] row = {globalIndex, event.getPayloadType().getSimpleName(), aggregateType, aggregateId, sequence,
                OffsetDateTime.ofInstant(event.getTimestamp(), ZoneOffset.UTC),
                uuidOrNull(text(event.getMetaData().get(MetadataKeys.USER_UUID))),
                text(event.getMetaData().get(MetadataKeys.USERNAME)),
                text(event.getMetaData().get(MetadataKeys.CORRELATION_ID)),
                AuditPayloads.encode(payload)};
        pendingRows().add(row);
    }

    /** Empties the log before a replay, which writes it again from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from audit_event");
    }

    /**
     * The rows waiting for the current batch's commit. Outside a unit of work (a direct call), a list that is
     * written at once by the caller's {@link #on} through {@link ImmediateRows}.
     */
    private List<Object[]> pendingRows() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ImmediateRows(jdbc);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_ROWS, key -> {
            List<Object[]> rows = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> flush(jdbc, rows));
            return rows;
        });
    }

    private static void flush(JdbcTemplate jdbc, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
            rows.clear();
        }
    }

    private static long globalIndex(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElseThrow(() -> new IllegalStateException(
                    "event " + event.getIdentifier() + " has no global position"));
        }
        throw new IllegalStateException("event " + event.getIdentifier() + " did not come from the event store");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static UUID uuidOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            // Aggregates here are identified by UUIDs; anything else is kept out of the uuid column.
            return null;
        }
    }

    /** A list that writes each row as soon as it is added: for calls outside a unit of work. */
    private static final class ImmediateRows extends ArrayList<Object[]> {
        private final transient JdbcTemplate jdbc;

        ImmediateRows(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public boolean add(Object[] row) {
            jdbc.update(INSERT, row);
            return true;
        }
    }
}
