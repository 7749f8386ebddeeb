package org.orggroups.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.orggroups.api.AppendedEventIndexes;

/**
 * Where an event stands in the history of the whole store: its time stamp (UTC, milliseconds, as stored) and
 * its global index. The timeline tables ({@code group_timeline}, {@code customer_timeline},
 * {@code customer_group_timeline}) mark each row with the position of the event that began and ended it.
 *
 * @param time  the event's time stamp as the event store keeps it (Axon's {@code DateTimeUtils} format, which
 *              has milliseconds): the live event carries a finer one, but history is read from the store and a
 *              rebuild replays the stored time, so only the stored precision gives the same rows both ways
 * @param index the event's global index in the event store
 */
record TimelinePosition(OffsetDateTime time, long index) {

    /**
     * @param event an event being handled: a replayed one carries its global index in its tracking token (the
     *              rebuild reads the store in global-index order, where a token's position is the event's own
     *              index; in a streaming processor it is not, since events committed out of order fill gaps
     *              later); a live one in a subscribing processor has no token, but the event store appended it in
     *              the same unit of work just before and recorded its index in {@link AppendedEventIndexes}
     * @return the event's position
     * @throws IllegalStateException when the event is in neither form: the timeline cannot be written
     */
    static TimelinePosition of(EventMessage<?> event) {
        OffsetDateTime time = asStored(event.getTimestamp()).atOffset(ZoneOffset.UTC);
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            OptionalLong position = tracked.trackingToken().position();
            if (position.isPresent()) {
                return new TimelinePosition(time, position.getAsLong());
            }
        }
        OptionalLong appended = AppendedEventIndexes.of(event.getIdentifier());
        if (appended.isEmpty()) {
            throw new IllegalStateException("event " + event.getIdentifier()
                    + " has no tracking token and was not appended in this unit of work: its timeline position is"
                    + " unknown");
        }
        return new TimelinePosition(time, appended.getAsLong());
    }

    /**
     * @param time an event's time stamp
     * @return the time stamp as the event store keeps it: Axon's {@code DateTimeUtils} writes three fractional
     *         digits, cut, not rounded (decision record 7)
     */
    static Instant asStored(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS);
    }
}
