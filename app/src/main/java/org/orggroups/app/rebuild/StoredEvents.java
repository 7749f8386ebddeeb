package org.orggroups.app.rebuild;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.orggroups.query.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the event store's table in global-index order, a page at a time, and turns each row into the message
 * Axon's own storage engine would give for it: deserialized with the service's event serializer, through the
 * configured upcasters, as a tracked domain event whose token's position is the row's global index.
 *
 * <p>One plain query per page of {@value #PAGE} indexes: much cheaper for a replay of the whole store than the
 * storage engine's gap-tracking reads of small batches. Pages are bounded by index, so rows that writers commit
 * later with a lower index (allocated before, committed after) are not in the page; the caller sees them as
 * gaps in the indexes it was given.
 */
@Component
public class StoredEvents {

    /** Global indexes read per query. */
    static final int PAGE = 2_000;

    private static final String COLUMNS = "select global_index, type, aggregate_identifier, sequence_number,"
            + " event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data"
            + " from domain_event_entry";

    private final JdbcTemplate jdbc;
    private final Configuration axon;

    /**
     * @param jdbc the service's database, in the caller's transaction when there is one
     * @param axon Axon's configuration, for the event serializer and the upcaster chain
     */
    public StoredEvents(JdbcTemplate jdbc, Configuration axon) {
        this.jdbc = jdbc;
        this.axon = axon;
    }

    /** @return the highest global index stored, 0 when the store is empty */
    public long head() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** @return the number of stored events */
    public long count() {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Reads the events of a range of {@value #PAGE} global indexes. A range rather than a {@code limit}: its plan
     * is a short primary-key range scan whatever the table's statistics say (right after a bulk load they can
     * be so stale that a {@code limit} query sorts half the table for every page).
     *
     * @param after the global index to read after (exclusive)
     * @param upTo  the highest global index to read (inclusive)
     * @return the events with {@code after < index <= min(after + PAGE, upTo)}, in index order; empty in a gap
     * @see #nextPage(long, long)
     */
    public List<TrackedEventMessage<?>> page(long after, long upTo) {
        return deserialize(jdbc.query(COLUMNS + " where global_index > ? and global_index <= ?"
                + " order by global_index", StoredEvents::row, after, nextPage(after, upTo)));
    }

    /** @return where the page after {@code after} ends: the {@code after} of the next page */
    public static long nextPage(long after, long upTo) {
        return Math.min(after + PAGE, upTo);
    }

    /**
     * @param indexes global indexes (a gap's, usually few)
     * @param after   also every event beyond this index
     * @return those events that are stored, in index order
     */
    public List<TrackedEventMessage<?>> tail(List<Long> indexes, long after) {
        List<Object> args = new ArrayList<>(indexes);
        args.add(after);
        String in = indexes.isEmpty() ? "" : "global_index in (" + SqlWhere.placeholders(indexes.size()) + ") or ";
        return deserialize(jdbc.query(COLUMNS + " where " + in + "global_index > ? order by global_index",
                StoredEvents::row, args.toArray()));
    }

    /** @return the event message's global index: its token's position, which this reader sets to it */
    public static long indexOf(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    private List<TrackedEventMessage<?>> deserialize(List<TrackedDomainEventData<byte[]>> rows) {
        Serializer serializer = axon.eventSerializer();
        EventUpcaster upcasters = axon.upcasterChain() == null ? NoOpEventUpcaster.INSTANCE : axon.upcasterChain();
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters).toList();
    }

    private static TrackedDomainEventData<byte[]> row(java.sql.ResultSet rs, int rowNumber)
            throws java.sql.SQLException {
        long index = rs.getLong(1);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getBytes(9), rs.getBytes(10));
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(index), entry);
    }

    /** @return the event as a domain event message, the form every event of this service is stored in */
    static DomainEventMessage<?> domain(TrackedEventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain) {
            return domain;
        }
        throw new IllegalStateException("event " + event.getIdentifier() + " is not a domain event: "
                + event.getPayloadType().getName());
    }
}
