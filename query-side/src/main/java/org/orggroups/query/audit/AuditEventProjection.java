package org.orggroups.query.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.orggroups.api.MetadataKeys;
import org.orggroups.query.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log: one {@code audit_event} row per stored event, keyed by its global index.
 *
 * <p>Runs in a pooled streaming processor (declared in the application's configuration), so it can be replayed
 * from the first event at any time and its lag is observable. Rows of one processor batch are written with one
 * JDBC batch just before the batch's transaction commits, together with the processor's token: a replay of a
 * million events is then a few thousand round trips, not a million. An event delivered again (a batch retried
 * after a failure) leaves its row as it is.
 */
@Component
@ProcessingGroup(AuditEventProjection.PROCESSING_GROUP)
public class AuditEventProjection {

    /** Name of the processing group and of its processor. */
    public static final String PROCESSING_GROUP = "audit-events";

    private static final String PENDING_ROWS = AuditEventProjection.class.getName() + ".rows";
    /**
     * Writes a row unless the event is already recorded: a streaming processor delivers an event again when a
     * batch is retried after a failure, and the log must then stay as it is, not fail the batch forever.
     */
    private static final String INSERT = "merge into audit_event a"
            + " using (select cast(? as bigint) as global_index) v on (a.global_index = v.global_index)"
            + " when not matched then insert (global_index, event_type, aggregate_type, aggregate_id,"
            + " sequence_number, time_stamp, user_uuid, username, correlation_id, payload)"
            + " values (v.global_index, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    /** @param jdbc access to {@code audit_event} */
    public AuditEventProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records any event.
     *
     * @param payload the event's payload, whatever its type
     * @param event   the event message, as stored in the event store, usually a domain event
     */
    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        pendingRows().add(row(event.getIdentifier(), event));
    }

    /**
     * The event's {@code audit_event} row, for this projection and for {@link AuditEventBulkRebuild}.
     *
     * @param key   the row's first value: the global index, or the event's identifier until it is known
     * @param event the event message, usually a domain event
     * @return {@code key, event_type, aggregate_type, aggregate_id, sequence_number, time_stamp, user_uuid,
     *         username, correlation_id, payload}
     * @throws IllegalStateException when the payload cannot be written as JSON ({@link AuditPayloads#encode})
     */
    static Object[] row(Object key, EventMessage<?> event) {
        String aggregateType = null;
        UUID aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = uuidOrNull(domain.getAggregateIdentifier());
            sequence = domain.getSequenceNumber();
        }
        return new Object[] {key, event.getPayloadType().getSimpleName(), aggregateType, aggregateId, sequence,
                OffsetDateTime.ofInstant(event.getTimestamp(), ZoneOffset.UTC),
                uuidOrNull(text(event.getMetaData().get(MetadataKeys.USER_UUID))),
                text(event.getMetaData().get(MetadataKeys.USERNAME)),
                text(event.getMetaData().get(MetadataKeys.CORRELATION_ID)),
                AuditPayloads.encode(event.getPayload())};
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

    /**
     * Writes the rows, each under its event's global index. The index is read from the event table by event
     * identifier, one query for the whole batch: a tracking token's position is the highest index the processor
     * has seen, which is not the event's own index when events were committed out of order.
     *
     * @throws IllegalStateException when an event is not in the event store
     */
    private static void flush(JdbcTemplate jdbc, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Long> indexes = new HashMap<>();
        List<String> ids = rows.stream().map(row -> (String) row[0]).toList();
        String marks = SqlWhere.placeholders(ids.size());
        jdbc.query("select event_identifier, global_index from domain_event_entry where event_identifier in ("
                        + marks + ")",
                rs -> {
                    indexes.put(rs.getString(1), rs.getLong(2));
                }, ids.toArray());
        List<Object[]> indexed = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Long index = indexes.get((String) row[0]);
            if (index == null) {
                throw new IllegalStateException("event " + row[0] + " is not in the event store");
            }
            Object[] copy = row.clone();
            copy[0] = index;
            indexed.add(copy);
        }
        jdbc.batchUpdate(INSERT, indexed);
        rows.clear();
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
            flush(jdbc, new ArrayList<>(List.<Object[]>of(row)));
            return true;
        }
    }
}
