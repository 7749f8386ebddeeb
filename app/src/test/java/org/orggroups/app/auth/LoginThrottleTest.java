package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle =
            new LoginThrottle(new AuthProperties(Duration.ofHours(24), 5, Duration.ofMinutes(5), Duration.ofSeconds(5)), clock);

    @Test
    void fiveFailuresAreAllowedAndTheSixthAttemptIsRefused() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("bob")).isEmpty();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(throttle.tryAttempt("bob")).contains(Duration.ofSeconds(250));
    }

    @Test
    void attemptsAreAllowedAgainOnceTheOldestFailureLeavesTheWindow() {
        failFiveTimes("bob");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(throttle.tryAttempt("bob")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.tryAttempt("bob")).isEmpty();
    }

    @Test
    void refusedAttemptsDoNotProlongTheWait() {
        failFiveTimes("bob");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            assertThat(throttle.tryAttempt("bob")).isPresent();
        }
        clock.advance(Duration.ofSeconds(100));
        assertThat(throttle.tryAttempt("bob")).isEmpty();
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.tryAttempt("bob");
        }
        assertThat(throttle.tryAttempt("bob")).isEmpty();
        throttle.succeeded("bob");
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("bob")).isEmpty();
        }
    }

    @Test
    void usernamesAreThrottledSeparately() {
        failFiveTimes("bob");
        assertThat(throttle.tryAttempt("bob")).isPresent();
        assertThat(throttle.tryAttempt("alice")).isEmpty();
    }

    @Test
    void theWaitIsNeverBelowOneSecond() {
        failFiveTimes("bob");
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        Optional<Duration> wait = throttle.tryAttempt("bob");
        assertThat(wait).contains(Duration.ofSeconds(1));
    }

    private void failFiveTimes(String username) {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt(username)).isEmpty();
        }
    }
}
