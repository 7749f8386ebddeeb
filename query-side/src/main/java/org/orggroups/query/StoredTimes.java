package org.orggroups.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A client's instant as a bound on the times the read tables store, which are whole microseconds in UTC (API.md
 * section 1). A client may name a finer instant (API.md section 7: finer digits are dropped), and the database
 * driver would round it to the nearest microsecond, which moves a bound across stored times: an event at
 * {@code .042000} is after {@code .0419995}, but not after its rounding {@code .042000}. Moved to the right
 * neighbouring microsecond instead, every comparison with a stored time gives the answer it gives with the
 * instant itself.
 */
public final class StoredTimes {

    private StoredTimes() {
    }

    /**
     * @param instant any instant
     * @return the last whole microsecond at or before it, in UTC: for a stored time {@code t}, {@code t <= floor}
     *         exactly when {@code t <= instant}, and {@code t > floor} exactly when {@code t > instant}
     */
    public static OffsetDateTime floor(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /**
     * @param instant any instant
     * @return the first whole microsecond at or after it, in UTC: for a stored time {@code t}, {@code t < ceiling}
     *         exactly when {@code t < instant}, and {@code t >= ceiling} exactly when {@code t >= instant}
     */
    public static OffsetDateTime ceiling(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MICROS);
        return (floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS)).atOffset(ZoneOffset.UTC);
    }
}
