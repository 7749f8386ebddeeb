package org.orggroups.app.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses logins for a username that has failed too often (API.md section 2: the login endpoint must not serve
 * to guess passwords at speed): after {@code orggroups.auth.max-login-failures} failures within the sliding
 * window {@code orggroups.auth.login-failure-window}, attempts for that username are refused until the oldest
 * of those failures leaves the window. A successful login clears the username's record.
 *
 * <p>Every attempt is counted as a failure from the moment it starts and forgiven only when it succeeds, and the
 * attempts for one username run one at a time ({@link #serialized}): parallel guesses cannot slip past the limit
 * while their password checks are still running, and parallel correct logins (a client with several workers)
 * are each forgiven before the next one is counted. The count is kept in this node's memory: behind a load
 * balancer of n nodes a username gets at most n times the limit.
 */
@Component
class LoginThrottle {

    /** Above this many usernames, records that have left the window are swept out. */
    private static final int SWEEP_ABOVE = 10_000;
    /** Retry-After is in whole seconds; never tell a client to retry at once while it is still refused. */
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentMap<String, List<Instant>> failures = new ConcurrentHashMap<>();
    /** Striped locks: bounded memory whatever the number of usernames tried. */
    private final Object[] locks = new Object[64];

    @Autowired
    LoginThrottle(AuthProperties properties) {
        this(properties, Clock.systemUTC());
    }

    LoginThrottle(AuthProperties properties, Clock clock) {
        this.maxFailures = properties.maxLoginFailures();
        this.window = properties.loginFailureWindow();
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Runs one login attempt for a username ({@link #tryAttempt}, the password check, {@link #succeeded}) while no
     * other attempt for that username runs on this node.
     *
     * @return what the attempt returns
     */
    <T> T serialized(String username, Supplier<T> attempt) {
        synchronized (locks[Math.floorMod(username.hashCode(), locks.length)]) {
            return attempt.get();
        }
    }

    /**
     * Starts a login attempt for a username, counting it as a failure until {@link #succeeded} says otherwise.
     *
     * @return empty when the attempt may go ahead; else how long until the next attempt is allowed (at least
     *         one second), and the attempt is not counted
     */
    Optional<Duration> tryAttempt(String username) {
        Instant now = clock.instant();
        AtomicReference<Duration> wait = new AtomicReference<>();
        failures.compute(username, (name, times) -> {
            List<Instant> recent = withinWindow(times, now);
            if (recent.size() >= maxFailures) {
                wait.set(Duration.between(now, recent.get(0).plus(window)));
                return recent;
            }
            recent.add(now);
            return recent;
        });
        sweepIfLarge(now);
        return Optional.ofNullable(wait.get()).map(d -> d.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : d);
    }

    /** Forgets the username's failures after a successful login. */
    void succeeded(String username) {
        failures.remove(username);
    }

    /** @return the failures still inside the window, oldest first, as a new list that may be changed */
    private List<Instant> withinWindow(List<Instant> times, Instant now) {
        List<Instant> recent = new ArrayList<>();
        if (times != null) {
            Instant cutoff = now.minus(window);
            for (Instant time : times) {
                if (time.isAfter(cutoff)) {
                    recent.add(time);
                }
            }
        }
        return recent;
    }

    private void sweepIfLarge(Instant now) {
        if (failures.size() > SWEEP_ABOVE) {
            failures.replaceAll((name, times) -> withinWindow(times, now));
            failures.values().removeIf(List::isEmpty);
        }
    }
}
