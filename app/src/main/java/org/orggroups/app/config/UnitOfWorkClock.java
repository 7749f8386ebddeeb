package org.orggroups.app.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The clock of new events: every event recorded in one unit of work (one command, hence one request) gets the
 * same instant, that of its first event. History shows a request's changes to one resource as one version
 * (API.md section 6), and {@code as_of} (section 7) must not show a moment between them: with one instant, no
 * moment lies between them, a subtree delete's groups included. Outside a unit of work it is the clock it wraps.
 */
final class UnitOfWorkClock extends Clock {

    /** The resource of the root unit of work that holds its instant. */
    private static final String INSTANT = UnitOfWorkClock.class.getName() + ".instant";

    private final Clock clock;

    /** @param clock the clock that gives the first instant of each unit of work, and every other one */
    UnitOfWorkClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant instant() {
        if (!CurrentUnitOfWork.isStarted()) {
            return clock.instant();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(INSTANT, key -> clock.instant());
    }

    @Override
    public ZoneId getZone() {
        return clock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new UnitOfWorkClock(clock.withZone(zone));
    }
}
