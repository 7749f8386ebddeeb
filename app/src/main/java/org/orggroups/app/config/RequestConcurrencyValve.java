package org.orggroups.app.config;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.CorrelationIdFilter;

/**
 * Lets at most {@code concurrency} requests of this node run at once; the others wait their turn in arrival order.
 * A request that has waited {@code maxWait} without getting its turn is answered 503
 * {@code {"detail":"Service temporarily unavailable, try again later."}} and changes nothing, as when the database
 * cannot be reached (API.md section 1).
 * Requests under {@code /actuator/} (health probes, metrics) never wait: a node busy with requests that wait for an
 * unreachable database must still answer its liveness probe.
 *
 * <p>Why: every request runs on the same few cores as the JIT compiler and the streaming projections. With sixteen
 * requests runnable at once on two cores, the compiler got a tenth of the CPU and was still compiling the request
 * path minutes after start, and each request was switched out some 25 times; with four at once the compiler
 * finished within a minute and a create cost half the JVM CPU (decision record 20). Tomcat's own thread limit would
 * hold back the health probes too, and its {@code SemaphoreValve} cannot give up waiting.
 */
public class RequestConcurrencyValve extends ValveBase {

    private static final String UNLIMITED_PREFIX = "/actuator/";

    private final Semaphore turns;
    private final long maxWaitNanos;

    /**
     * @param concurrency requests let run at once, at least 1
     * @param maxWait     how long a request waits for its turn before it is answered 503; positive
     * @throws IllegalArgumentException if either is out of range
     */
    public RequestConcurrencyValve(int concurrency, Duration maxWait) {
        super(true);
        if (concurrency < 1) {
            throw new IllegalArgumentException("orggroups.http.concurrency must be at least 1, was " + concurrency);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("orggroups.http.max-wait must be positive, was " + maxWait);
        }
        this.turns = new Semaphore(concurrency, true);
        this.maxWaitNanos = maxWait.toNanos();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getDecodedRequestURI().startsWith(UNLIMITED_PREFIX)) {
            getNext().invoke(request, response);
            return;
        }
        if (!awaitTurn()) {
            refuse(request, response);
            return;
        }
        try {
            getNext().invoke(request, response);
        } finally {
            turns.release();
        }
    }

    /** Answers as the application answers while its database cannot be reached, before any of it has run. */
    private static void refuse(Request request, Response response) {
        try {
            response.setHeader(CorrelationIdFilter.HEADER, CorrelationIdFilter.idOf(request));
            ErrorBodies.write(response.getResponse(), HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    ErrorBodies.detail(ErrorBodies.SERVICE_UNAVAILABLE));
        } catch (IOException e) {
            // the client has gone: nothing more can be said to it
        }
    }

    private boolean awaitTurn() {
        try {
            return turns.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
