package org.orggroups.app.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.orggroups.app.config.Databases;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table {@code login_failure}: for each subject (a hashed username or client address, see {@link LoginThrottle})
 * the instant at which its counted failures will have worn off. Shared by every node; each statement runs on its
 * own (autocommit), and counting a failure is one atomic statement, so that failures counted at once on several
 * nodes all count.
 */
@Repository
class LoginFailures {

    /**
     * PostgreSQL: an upsert; a row inserted meanwhile by another node turns the insert into the update, on the row
     * as that node left it.
     */
    private static final String ADD_POSTGRESQL = """
            insert into login_failure as f (subject, clear_at) values (?, ?)
            on conflict (subject) do update
                set clear_at = greatest(f.clear_at, ?) + ? * interval '1 microsecond'
            returning clear_at""";
    /**
     * H2 (one node, the embedded default), which has no upsert returning the row: a merge read through its
     * {@code final table}.
     */
    private static final String ADD_H2 = """
            select clear_at from final table (
                merge into login_failure f
                using (values (cast(? as varchar(64)), cast(? as timestamp(6) with time zone))) s (subject, clear_at)
                on f.subject = s.subject
                when matched then update
                    set clear_at = dateadd(microsecond, cast(? as bigint), greatest(f.clear_at, ?))
                when not matched then insert (subject, clear_at) values (s.subject, s.clear_at))""";

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    LoginFailures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(jdbc.getDataSource());
    }

    /** @return when the subject's counted failures wear off; empty when none are counted */
    Optional<Instant> clearAt(String subject) {
        List<OffsetDateTime> found = jdbc.queryForList(
                "select clear_at from login_failure where subject = ?", OffsetDateTime.class, subject);
        return found.stream().findFirst().map(OffsetDateTime::toInstant);
    }

    /**
     * Counts failures for a subject: its clear-at instant moves on by {@code cost} from itself, or from now if that
     * has passed (nothing counted is the same as clear at now).
     *
     * @param cost how much the failures weigh, positive; whole microseconds count
     * @return the subject's new clear-at instant
     */
    Instant add(String subject, Duration cost, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        long micros = cost.truncatedTo(ChronoUnit.MICROS).toNanos() / 1_000;
        try {
            return addOnce(subject, at, micros);
        } catch (DuplicateKeyException insertedMeanwhile) {
            // H2's merge is not atomic against another connection inserting the same new subject; the row it
            // collided with exists now, so the merge updates it.
            return addOnce(subject, at, micros);
        }
    }

    private Instant addOnce(String subject, OffsetDateTime now, long micros) {
        OffsetDateTime inserted = now.plusNanos(micros * 1_000);
        OffsetDateTime clearAt = postgres
                ? jdbc.queryForObject(ADD_POSTGRESQL, OffsetDateTime.class, subject, inserted, now, micros)
                : jdbc.queryForObject(ADD_H2, OffsetDateTime.class, subject, inserted, micros, now);
        return clearAt.toInstant();
    }

    /**
     * Deletes the rows whose failures have worn off by {@code now}: they weigh nothing, so the table holds only
     * subjects whose failures still count.
     *
     * @return how many were deleted
     */
    int deleteWornOff(Instant now) {
        return jdbc.update("delete from login_failure where clear_at <= ?", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    }
}
