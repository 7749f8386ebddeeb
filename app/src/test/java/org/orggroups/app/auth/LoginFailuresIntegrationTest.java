package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Counting failures in {@code login_failure} ({@link LoginFailures}) from many connections at once. */
class LoginFailuresIntegrationTest extends AuthIntegrationTest {

    @Autowired
    LoginFailures failures;

    @Test
    void failuresCountedAtOnceOnManyConnectionsAllCount() throws Exception {
        int threads = 8;
        int each = 5;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String subject = Tokens.hash("address:" + uniqueAddress());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> counting = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                counting.add(pool.submit(() -> {
                    start.await();
                    for (int j = 0; j < each; j++) {
                        failures.add(subject, Duration.ofMinutes(1), now);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> done : counting) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures.clearAt(subject)).contains(now.plus(Duration.ofMinutes(threads * each)));
    }

    @Test
    void aFailureAfterTheCountHasWornOffCountsFromNow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String subject = Tokens.hash("username:" + uniqueUsername("later"));
        failures.add(subject, Duration.ofMinutes(1), now);

        Instant later = now.plus(Duration.ofMinutes(10));
        assertThat(failures.add(subject, Duration.ofMinutes(1), later)).isEqualTo(later.plus(Duration.ofMinutes(1)));
    }
}
