package org.orggroups.app.projections;

import java.time.Instant;
import java.util.List;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far a streaming processor has got: for the {@code X-Event-Position} and {@code X-Projection-Lag} headers
 * of eventually consistent responses, and for {@code /api/projections/}.
 *
 * <p>Read from the processor's stored tokens, not from the processor's in-memory status: another node may hold
 * the segments, and every node must answer the same. The position is the lowest over the segments (every event
 * up to it is reflected by all of them), 0 before the first token is stored; the lag counts the stored events
 * beyond it, so gaps in the global index are not counted as events.
 */
@Component
public class ProjectionPositions {

    /** Header with the global index of the last event a report reflects. */
    public static final String POSITION_HEADER = "X-Event-Position";
    /** Header with the number of stored events beyond that position. */
    public static final String LAG_HEADER = "X-Projection-Lag";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /**
     * @param jdbc       read access to {@code token_entry} and {@code domain_event_entry}
     * @param serializer the serializer the token store writes tokens with (Axon's general serializer)
     */
    public ProjectionPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * @param processorName the processor, e.g. {@code group-report}
     * @return the headers {@code X-Event-Position} and {@code X-Projection-Lag} for it
     */
    public HttpHeaders headers(String processorName) {
        long position = position(processorName);
        HttpHeaders headers = new HttpHeaders();
        headers.add(POSITION_HEADER, Long.toString(position));
        headers.add(LAG_HEADER, Long.toString(lagBeyond(position)));
        return headers;
    }

    /**
     * @param position a global index (0 or more)
     * @return the number of stored events with a global index beyond the position
     */
    public long lagBeyond(long position) {
        // The upper bound changes no count (no stored index is above the highest one, read in the same statement's
        // snapshot), but a closed range is planned as an index range scan even on a table never analyzed, where an
        // open one is planned as a scan of the whole event table on every eventually consistent read.
        Long lag = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?"
                + " and global_index <= (select max(global_index) from domain_event_entry)", Long.class, position);
        return lag == null ? 0 : lag;
    }

    /** @return the lowest position over the processor's stored tokens; 0 when none has one yet */
    public long position(String processorName) {
        return segments(processorName).stream().mapToLong(Segment::position).min().orElse(0);
    }

    /**
     * @param processorName the processor, e.g. {@code audit-events}
     * @return its segments as {@code token_entry} holds them, by segment number; empty before they are initialized
     */
    public List<Segment> segments(String processorName) {
        return jdbc.query("select segment, owner, timestamp, token, token_type from token_entry"
                        + " where processor_name = ? order by segment",
                (rs, i) -> new Segment(rs.getInt("segment"), rs.getString("owner"),
                        DateTimeUtils.parseInstant(rs.getString("timestamp")),
                        position(rs.getBytes("token"), rs.getString("token_type"))),
                processorName);
    }

    /**
     * One segment of a streaming processor in the token store.
     *
     * @param segment   its number
     * @param owner     the name of the node whose claim it is under ({@code TokenClaims#nodeName}), or null when
     *                  no node claims it
     * @param claimedAt when that node last claimed or renewed it (or, unclaimed, when it was released)
     * @param position  the global index its token has reached; 0 without a token
     */
    public record Segment(int segment, String owner, Instant claimedAt, long position) {
    }

    private long position(byte[] token, String tokenType) {
        if (token == null || tokenType == null) {
            return 0;
        }
        TrackingToken tracking = serializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(tokenType, null)));
        return tracking == null ? 0 : tracking.position().orElse(0);
    }
}
