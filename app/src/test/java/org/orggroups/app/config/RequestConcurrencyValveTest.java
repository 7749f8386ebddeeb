package org.orggroups.app.config;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A node refuses to start on settings of its request limit that cannot work, naming the setting and what it takes:
 * an operator's empty {@code ORGGROUPS_HTTP_MAX_WAIT=} arrives as no duration at all.
 */
class RequestConcurrencyValveTest {

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        Duration wait = Duration.ofSeconds(5);
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestConcurrencyValve(0, wait, 100))
                .withMessage("orggroups.http.concurrency must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestConcurrencyValve(4, null, 100))
                .withMessage("orggroups.http.max-wait must be a positive duration such as 5s, was empty");
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestConcurrencyValve(4, Duration.ZERO, 100))
                .withMessage("orggroups.http.max-wait must be a positive duration such as 5s, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestConcurrencyValve(4, wait, -1))
                .withMessage("the requests let wait must be at least 0, was -1");
        assertThatNoException().isThrownBy(() -> new RequestConcurrencyValve(1, Duration.ofMillis(1), 0));
    }
}
