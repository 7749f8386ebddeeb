package org.orggroups.app.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing at {@code POST /api-auth/password/} for the whole cluster, without letting anyone
 * lock an owner out of their account (API.md section 2).
 *
 * <p>Failed logins are counted in the shared table {@code login_failure} ({@link LoginFailures}), for the client
 * address and for the username, each as a token bucket: a subject may fail {@code max-login-failures} times in a
 * row, and its failures wear off one every {@code login-failure-window / max-login-failures} (one a minute by
 * default), all of them after the window. Then:
 * <ul>
 *   <li>a client address over its limit is refused (429) before its password is checked, the right password
 *       included: that is the guesser;</li>
 *   <li>a username over its limit (failures from many addresses) still logs in with the right password: the owner
 *       is not locked out. A wrong password for it is answered 429 instead of 401 and weighs a whole window on the
 *       client address, so that while a username is under attack each address gets about one guess a window
 *       at it instead of {@code max-login-failures};</li>
 *   <li>a successful login resets nothing: failures only wear off. Forgiving the address would let a guesser
 *       reset its own count by logging in to an account of its own between guesses; forgiving the username would
 *       let the owner's scripted logins reset the count an attacker is running up.</li>
 * </ul>
 * Refused attempts are not counted, so a client that retries too early does not prolong its wait.
 *
 * <p>The client address is the servlet's remote address: behind a proxy, with {@code server.forward-headers-strategy}
 * {@code framework}, the first address of {@code Forwarded: for=} or {@code X-Forwarded-For}, which only a trusted
 * proxy that replaces them may be allowed to send (a client that can set them picks its own address). IPv6
 * addresses are counted by their /64 network, which one host commonly holds whole.
 *
 * <p>The password check of a failed login takes a bcrypt's time before its failure is counted, so attempts from one
 * address run one at a time on each node ({@link #serialized}): parallel guesses from one address cannot all pass
 * the check before the first of them is counted. Across n nodes, up to n may; those are counted too, and the
 * address waits for them.
 */
@Component
class LoginThrottle {

    /** Retry-After is in whole seconds; never tell a client to retry at once while it is still refused. */
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);
    /** What {@link InetAddress#getByName} parses as an IPv6 literal, never looking a name up. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final HexFormat HEX = HexFormat.of();

    private final Duration window;
    /** The weight of one failure: how long it takes to wear off. */
    private final Duration perFailure;
    private final LoginFailures failures;
    private final Clock clock;
    /** Striped locks: bounded memory whatever the number of addresses seen. */
    private final Object[] locks = new Object[64];

    @Autowired
    LoginThrottle(AuthProperties properties, LoginFailures failures) {
        this(properties, failures, Clock.systemUTC());
    }

    LoginThrottle(AuthProperties properties, LoginFailures failures, Clock clock) {
        this.window = properties.loginFailureWindow();
        this.perFailure = properties.loginFailureWindow().dividedBy(properties.maxLoginFailures());
        this.failures = failures;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Runs one login attempt from a client address ({@link #refusal}, the password check, {@link #failed}) while no
     * other attempt from that address runs on this node.
     *
     * @return what the attempt returns
     */
    <T> T serialized(String address, Supplier<T> attempt) {
        synchronized (locks[Math.floorMod(addressKey(address).hashCode(), locks.length)]) {
            return attempt.get();
        }
    }

    /**
     * @param address the client address, as the servlet sees it
     * @return empty when a password from this address may be checked; else how long the address must wait (at
     *         least one second)
     */
    Optional<Duration> refusal(String address) {
        Instant now = clock.instant();
        return failures.clearAt(addressSubject(address)).flatMap(clearAt -> waitAfter(clearAt, now));
    }

    /**
     * Counts a failed login (wrong password, unknown or inactive user) for the username and the client address,
     * and deletes the counts that have worn off.
     *
     * @return empty when the answer is the usual 401; else the username was already over its limit, and the
     *         answer is 429 with this wait (the client address's, at least one second)
     */
    Optional<Duration> failed(String address, String username) {
        Instant now = clock.instant();
        Instant usernameClearAt = failures.add(usernameSubject(username), perFailure, now);
        boolean usernameThrottled = waitAfter(usernameClearAt.minus(perFailure), now).isPresent();
        Instant addressClearAt = failures.add(addressSubject(address), usernameThrottled ? window : perFailure, now);
        failures.deleteWornOff(now);
        return usernameThrottled ? waitAfter(addressClearAt, now) : Optional.empty();
    }

    /**
     * The limit: a subject may fail once more while that failure would still wear off within the window, that is
     * while its clear-at instant is at most {@code now + window - perFailure}.
     *
     * @param clearAt when the subject's counted failures wear off
     * @return empty when the subject is within its limit; else how long until it is again, at least one second
     */
    Optional<Duration> waitAfter(Instant clearAt, Instant now) {
        Duration wait = Duration.between(now.plus(window).minus(perFailure), clearAt);
        if (wait.isNegative() || wait.isZero()) {
            return Optional.empty();
        }
        return Optional.of(wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait);
    }

    /**
     * @param address a remote address as the servlet gives it: an IPv4 or IPv6 literal (possibly bracketed), or
     *                whatever a forwarded header said
     * @return what failures are counted under: an IPv6 address's /64 network as {@code <16 hex digits>/64}, an IPv4
     *         address (also one mapped into IPv6) as itself, anything else as given
     */
    static String addressKey(String address) {
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (!IPV6_LITERAL.matcher(literal).matches()) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            return parsed instanceof Inet6Address
                    ? HEX.formatHex(Arrays.copyOf(parsed.getAddress(), 8)) + "/64"
                    : parsed.getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }

    private static String addressSubject(String address) {
        return Tokens.hash("address:" + addressKey(address));
    }

    private static String usernameSubject(String username) {
        return Tokens.hash("username:" + username);
    }
}
