package org.orggroups.app.config;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.ClientAbortException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.http.Parameters;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.CorrelationIdFilter;
import org.orggroups.app.web.support.RequestBodies;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Lets at most {@code concurrency} requests of this node run at once; the others wait their turn in arrival order.
 * A request that has waited {@code maxWait} without getting its turn is answered 503
 * {@code {"detail":"Service temporarily unavailable, try again later."}} and changes nothing, as when the database
 * cannot be reached (API.md section 1).
 * Requests of {@code /actuator} and under it (health probes, metrics) never wait: a node busy with requests that
 * wait for an unreachable database must still answer its liveness probe.
 *
 * <p>Why: every request runs on the same few cores as the JIT compiler and the streaming projections. With sixteen
 * requests runnable at once on two cores, the compiler got a tenth of the CPU and was still compiling the request
 * path minutes after start, and each request was switched out some 25 times; with four at once the compiler
 * finished within a minute and a create cost half the JVM CPU (decision record 20). Tomcat's own thread limit would
 * hold back the health probes too, and its {@code SemaphoreValve} cannot give up waiting.
 */
public class RequestConcurrencyValve extends ValveBase {

    private static final String UNLIMITED = "/actuator";
    private static final String UNLIMITED_PREFIX = UNLIMITED + "/";

    private final Semaphore turns;
    private final long maxWaitNanos;
    private final int maxWaiting;

    /**
     * @param concurrency requests let run at once, at least 1
     * @param maxWait     how long a request waits for its turn before it is answered 503; positive
     * @param maxWaiting  requests let wait at once; one more is answered 503 without waiting, so that the web
     *                    server keeps threads free for the health probes; at least 0
     * @throws IllegalArgumentException if one is out of range
     */
    public RequestConcurrencyValve(int concurrency, Duration maxWait, int maxWaiting) {
        super(true);
        if (concurrency < 1) {
            throw new IllegalArgumentException("orggroups.http.concurrency must be at least 1, was " + concurrency);
        }
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("orggroups.http.max-wait must be a positive duration such as 5s, was "
                    + (maxWait == null ? "empty" : maxWait));
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("the requests let wait must be at least 0, was " + maxWaiting);
        }
        this.turns = new Semaphore(concurrency, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String path = request.getDecodedRequestURI();
        if (path.equals(UNLIMITED) || path.startsWith(UNLIMITED_PREFIX)) {
            getNext().invoke(request, response);
            return;
        }
        if (!readBodyAhead(request, response)) {
            return;
        }
        if (!awaitTurn()) {
            refuse(request, response);
            return;
        }
        // The answer is kept in memory and sent after the turn is given back: a client that reads it slowly (or
        // pipelines requests and reads nothing) must not hold a turn while the socket's buffers stay full.
        HttpServletResponse sent = response.getResponse();
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(sent);
        response.setResponse(answer);
        try {
            getNext().invoke(request, response);
        } finally {
            turns.release();
            response.setResponse(sent);
        }
        try {
            answer.copyBodyToResponse();
        } catch (ClientAbortException e) {
            // the client went away before its answer (as wrk does at the end of a run): nothing to tell anyone
        }
    }

    /**
     * Reads the request's body, up to one byte past {@link RequestBodies#MAX_BYTES}, before the request waits for its
     * turn, and hands the application a request that reads it from memory ({@link ReadBody}): a client that sends its
     * body slowly would otherwise hold a turn while it trickles in, and a few such clients would stop the node. A body
     * declared over the limit is not read: the application answers it 413 from its length.
     *
     * @return false when the body could not be read (the client went away or stalled past the connection's
     *         timeout); the request is then answered 400 as a body the application could not read
     */
    private static boolean readBodyAhead(Request request, Response response) {
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (declared == 0 || declared > RequestBodies.MAX_BYTES || declared < 0 && !chunked) {
            return true;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(RequestBodies.MAX_BYTES + 1);
        } catch (IOException e) {
            answer(request, response, HttpServletResponse.SC_BAD_REQUEST, RequestBodies.unreadable(e));
            return false;
        }
        request.setRequest(new ReadBody(request.getRequest(), body));
        return true;
    }

    /** Answers as the application answers while its database cannot be reached, before any of it has run. */
    private static void refuse(Request request, Response response) {
        answer(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorBodies.SERVICE_UNAVAILABLE);
    }

    private static void answer(Request request, Response response, int status, String detail) {
        try {
            response.setHeader(CorrelationIdFilter.HEADER, CorrelationIdFilter.idOf(request));
            ErrorBodies.write(response.getResponse(), status, ErrorBodies.detail(detail));
        } catch (IOException e) {
            // the client has gone: nothing more can be said to it
        }
    }

    private boolean awaitTurn() {
        try {
            // a timed try, even of no time, keeps the arrival order that a plain tryAcquire() would barge past
            long wait = turns.getQueueLength() >= maxWaiting ? 0 : maxWaitNanos;
            return turns.tryAcquire(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A request whose body has been read: its stream and reader serve the bytes read, and its parameters are the
     * query's followed by those of a form body ({@code application/x-www-form-urlencoded}, as the login takes),
     * which Tomcat no longer parses once the body's stream has been used.
     */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private Map<String, String[]> parameters;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            // an unknown charset is an UnsupportedEncodingException, as from Tomcat's own reader
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8.name() : encoding));
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            return getParameterMap().get(name);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> all = new LinkedHashMap<>(super.getParameterMap());
                String type = getContentType();
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    Parameters form = new Parameters();
                    form.setCharset(StandardCharsets.UTF_8);
                    form.processParameters(body, 0, body.length);
                    for (String name : Collections.list(form.getParameterNames())) {
                        String[] before = all.getOrDefault(name, new String[0]);
                        String[] added = form.getParameterValues(name);
                        String[] both = Arrays.copyOf(before, before.length + added.length);
                        System.arraycopy(added, 0, both, before.length, added.length);
                        all.put(name, both);
                    }
                }
                parameters = Collections.unmodifiableMap(all);
            }
            return parameters;
        }
    }
}
