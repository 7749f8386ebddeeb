package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The throttle's rules ({@link LoginThrottle}) on the real {@code login_failure} table, with a clock the test moves:
 * 5 failures allowed in a row, then one a minute, all worn off after 5 minutes.
 */
class LoginThrottleIntegrationTest extends AuthIntegrationTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration PER_FAILURE = Duration.ofMinutes(1);

    @Autowired
    LoginFailures failures;

    private MovableClock clock;
    private LoginThrottle throttle;
    private String address;
    private String username;

    @BeforeEach
    void throttleWithAMovableClock() {
        clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        throttle = new LoginThrottle(new AuthProperties(Duration.ofHours(24), 5, WINDOW, Duration.ofSeconds(5)),
                failures, clock);
        address = uniqueAddress();
        username = uniqueUsername("bob");
    }

    @Test
    void anAddressMayFailFiveTimesAndIsThenRefusedUntilOneFailureHasWornOff() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.refusal(address)).isEmpty();
            assertThat(throttle.failed(address, uniqueUsername("any"))).isEmpty();
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(throttle.refusal(address)).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.refusal(address)).isEmpty();
    }

    @Test
    void afterTheBurstFailuresAreAllowedOneAMinuteAndAllWearOffAfterTheWindow() {
        failFromOneAddress(5);
        clock.advance(PER_FAILURE);
        assertThat(throttle.failed(address, username)).isEmpty();
        assertThat(throttle.refusal(address)).contains(PER_FAILURE);

        clock.advance(WINDOW);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.refusal(address)).as("failure %d after the window", i + 1).isEmpty();
            throttle.failed(address, uniqueUsername("any"));
        }
        assertThat(throttle.refusal(address)).isPresent();
    }

    @Test
    void refusedAttemptsDoNotProlongTheWait() {
        failFromOneAddress(5);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.refusal(address)).isPresent();
            clock.advance(Duration.ofSeconds(10));
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.refusal(address)).isEmpty();
    }

    @Test
    void theWaitIsNeverBelowOneSecond() {
        failFromOneAddress(5);
        clock.advance(PER_FAILURE.minusMillis(1));
        assertThat(throttle.refusal(address)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aUsernameOverItsLimitTurnsAWrongPasswordInto429AndChargesTheAddressAWholeWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.failed(uniqueAddress(), username)).as("failure %d, each from another address", i + 1)
                    .isEmpty();
        }

        String guesser = uniqueAddress();
        assertThat(throttle.refusal(guesser)).as("the username's failures do not refuse a new address").isEmpty();
        assertThat(throttle.failed(guesser, username)).contains(PER_FAILURE);
        assertThat(throttle.refusal(guesser)).contains(PER_FAILURE);
        clock.advance(PER_FAILURE);
        assertThat(throttle.failed(guesser, username)).as("the next guess, a minute later").contains(WINDOW);
    }

    @Test
    void aUsernameBelowItsLimitChargesTheAddressOneFailure() {
        assertThat(throttle.failed(address, username)).isEmpty();
        failFromOneAddress(3);
        assertThat(throttle.refusal(address)).as("four failures so far").isEmpty();
    }

    @Test
    void failuresThatHaveWornOffAreDeletedByTheNextFailure() {
        failFromOneAddress(5);
        String count = "select count(*) from login_failure where subject in (?, ?)";
        assertThat(jdbc.queryForObject(count, Integer.class, subject("address:" + address), subject("username:" + username)))
                .isEqualTo(2);

        clock.advance(WINDOW);
        throttle.failed(uniqueAddress(), uniqueUsername("later"));

        assertThat(jdbc.queryForObject(count, Integer.class, subject("address:" + address), subject("username:" + username)))
                .isZero();
    }

    private void failFromOneAddress(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.failed(address, username)).isEmpty();
        }
    }

    private static String subject(String text) {
        return Tokens.hash(text);
    }
}
