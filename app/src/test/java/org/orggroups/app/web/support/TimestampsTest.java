package org.orggroups.app.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The time stamps a query may name (API.md sections 1 and 7), read by {@link Timestamps#parse}. */
class TimestampsTest {

    @Test
    void readsTheFormsOfTheContract() {
        Instant at = Instant.parse("2026-12-06T23:54:01.354Z");
        for (String text : new String[] {"2026-12-06T23:54:01.354Z", "2026-12-06 23:54:01.354", "2026-12-06t23:54:01.354z",
                "2026-12-07T00:54:01.354+01:00", "2026-12-07T00:54:01.354+0100", "2026-12-07T00:54:01.354+01",
                "2026-12-07T00:54:01.354 01:00", "2026-12-06T23:54:01,354Z", "2026-12-06T23:54:01.354000000Z"}) {
            assertThat(Timestamps.parse(text)).as(text).contains(at);
        }
        assertThat(Timestamps.parse("2026-12-06")).contains(Instant.parse("2026-12-06T00:00:00Z"));
    }

    /** ISO 8601's other forms, which Python's {@code fromisoformat} reads too (section 1: any ISO 8601 form). */
    @Test
    void readsTheBasicWeekAndOrdinalForms() {
        Instant at = Instant.parse("2026-12-06T23:54:01.354Z");
        for (String text : new String[] {"20261206T235401.354Z", "20261206T235401,354Z", "20261207T005401.354+0100",
                "2026-W49-7T23:54:01.354Z", "2026W497T235401.354Z", "2026-340T23:54:01.354Z", "2026340T235401.354",
                "+002026-12-06T23:54:01.354Z", "2026-12-07T00:54:01.354+01:00:00"}) {
            assertThat(Timestamps.parse(text)).as(text).contains(at);
        }
        assertThat(Timestamps.parse("2026-12-06T23")).contains(Instant.parse("2026-12-06T23:00:00Z"));
        assertThat(Timestamps.parse("2026-12-06T2354")).contains(Instant.parse("2026-12-06T23:54:00Z"));
        assertThat(Timestamps.parse("20261206")).contains(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(Timestamps.parse("2026-W01-1")).contains(Instant.parse("2025-12-29T00:00:00Z"));
        assertThat(Timestamps.parse("2025-W53-1")).isEmpty();
        assertThat(Timestamps.parse("2026-W53-1")).contains(Instant.parse("2026-12-28T00:00:00Z"));
        assertThat(Timestamps.parse("2020-W53-7")).contains(Instant.parse("2021-01-03T00:00:00Z"));
    }

    @Test
    void refusesWhatNamesNoInstant() {
        for (String text : new String[] {"2026-13-01", "2026-02-29", "2026-12-06T24:00:00Z", "2026-W54-1", "2026-W49-8",
                "2026-366", "2026-12-06T23:54:01+19:00", "2026-12-06T23:54:01Z junk", "2026-12-06T", "12/06/2026",
                "2026-12-06T23:54:01.Z", "1733529241"}) {
            assertThat(Timestamps.parse(text)).as(text).isEmpty();
        }
    }

    /** Java's parser reads nine digits of a fraction; finer ones are dropped, not refused. */
    @Test
    void dropsDigitsPastTheNinth() {
        assertThat(Timestamps.parse("2026-12-06T23:54:01.3540000001Z")).contains(Instant.parse("2026-12-06T23:54:01.354Z"));
        assertThat(Timestamps.parse("2026-12-06T23:54:01,35399999999999+00:00"))
                .contains(Instant.parse("2026-12-06T23:54:01.353999999Z"));
        assertThat(Timestamps.parse("9999-12-31T23:59:59.9999999999Z"))
                .contains(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    }

    /** Waldur's (Python's) date-times hold the years 1 to 9999 only; the rest is a malformed time stamp. */
    @Test
    void refusesInstantsOutsideTheYearsOneToNineThousandNineHundredNinetyNine() {
        assertThat(Timestamps.parse("0001-01-01T00:00:00Z")).isPresent();
        assertThat(Timestamps.parse("9999-12-31T23:59:59.999999Z")).isPresent();
        for (String text : new String[] {"0000-12-31T23:59:59Z", "0001-01-01T00:59:00+01:00", "+10000-01-01T00:00:00Z",
                "9999-12-31T23:59:59-01:00", "+294277-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "yesterday", " ", ""}) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Optional.empty());
        }
    }
}
