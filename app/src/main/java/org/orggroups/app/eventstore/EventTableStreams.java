package org.orggroups.app.eventstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.orggroups.command.EventStreams;
import org.orggroups.query.RoundTrips;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link EventStreams} on Axon's event table, {@code domain_event_entry}, through its unique index on
 * {@code (aggregate_identifier, sequence_number)}: one statement per chunk of aggregates. The command side, which
 * does not know where the events are stored, asks through the interface.
 */
@Component
public class EventTableStreams implements EventStreams {

    /** Keeps {@code in (...)} lists well below every driver's limit on bind parameters. */
    private static final int MAX_IN_LIST = 500;

    /** One aggregate's lock ({@link #firstEventRows}). */
    private static final String LOCK = firstEventRows("= ?") + " for update";
    /** The statement Axon's {@code EventStore#lastSequenceNumberFor} runs. */
    private static final String LAST_SEQUENCE_NUMBER =
            "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?";

    private final JdbcTemplate jdbc;
    private final RoundTrips roundTrips;

    /** @param jdbc the template on the service's database; it joins the command's transaction */
    public EventTableStreams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.roundTrips = new RoundTrips(jdbc);
    }

    /**
     * The lock's statement and the read's in one run: the read runs after the lock was granted, with a snapshot of
     * its own, as a separate statement would.
     */
    @Override
    public Optional<Long> lockAndReadLastSequenceNumber(String aggregateId) {
        List<Long> last = roundTrips.run()
                .query(LOCK, (row, i) -> row.getLong(1), aggregateId)
                .query(LAST_SEQUENCE_NUMBER, (row, i) -> row.getObject(1, Long.class), aggregateId)
                .execute().rows(1);
        return Optional.ofNullable(last.get(0));
    }

    @Override
    public Map<String, Long> lastSequenceNumbers(Collection<String> aggregateIds) {
        Map<String, Long> heads = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(aggregateIds))) {
            jdbc.query("select aggregate_identifier, max(sequence_number) from domain_event_entry"
                            + " where aggregate_identifier in (" + placeholders(chunk.size())
                            + ") group by aggregate_identifier",
                    rs -> {
                        heads.put(rs.getString(1), rs.getLong(2));
                    }, chunk.toArray());
        }
        return heads;
    }

    /**
     * Each aggregate's first event row ({@code sequence_number = 0}), in chunks whose rows are locked in the order
     * given: PostgreSQL locks the rows of {@code ... order by ... for update} as the sort hands them over.
     *
     * @throws IllegalArgumentException when the identifiers are not in ascending order, the only order the statement
     *                                  can keep
     */
    @Override
    public void lock(List<String> aggregateIds) {
        for (int i = 1; i < aggregateIds.size(); i++) {
            if (aggregateIds.get(i - 1).compareTo(aggregateIds.get(i)) > 0) {
                throw new IllegalArgumentException("aggregates to lock must be in ascending order");
            }
        }
        for (List<String> chunk : chunks(aggregateIds)) {
            jdbc.queryForList(firstEventRows("in (" + placeholders(chunk.size()) + ")")
                    + " order by aggregate_identifier for update", Long.class, chunk.toArray());
        }
    }

    /**
     * @param aggregates a condition on {@code aggregate_identifier}, without the column's name
     * @return the select of those aggregates' locks: their first event rows, which every aggregate has and which are
     *         never updated
     */
    private static String firstEventRows(String aggregates) {
        return "select sequence_number from domain_event_entry where aggregate_identifier " + aggregates
                + " and sequence_number = 0";
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IN_LIST) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + MAX_IN_LIST)));
        }
        return chunks;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
