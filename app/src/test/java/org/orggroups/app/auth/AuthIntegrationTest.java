package org.orggroups.app.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.orggroups.app.support.IntegrationTest;

/** Helpers for the authentication tests: users are kept between tests, so each test makes its own. */
abstract class AuthIntegrationTest extends IntegrationTest {

    protected static final String PASSWORD = "correct-horse-battery";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** @return a username no other test uses */
    protected static String uniqueUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user through {@code POST /api/users/} as the staff user; fails the test otherwise. */
    protected Response createUser(String username, String password, boolean staff) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("full_name", "Full " + username);
        body.put("is_staff", staff);
        Response response = post("/api/users/", body);
        if (response.status() != 201) {
            throw new AssertionError("creating " + username + " failed: " + response);
        }
        return response;
    }

    /** @return a token of a new non-staff user */
    protected String nonStaffToken() {
        String username = uniqueUsername("viewer");
        createUser(username, PASSWORD, false);
        return login(username, PASSWORD);
    }

    protected Response loginCall(Object body) {
        return call("POST", "/api-auth/password/", null, json(body));
    }

    /** @return an IPv4 address of the benchmarking range 198.18.0.0/15 that no other test of this run logs in from */
    protected static String uniqueAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198." + (18 + ((n >> 16) & 1)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /**
     * A login as if from another client: the address is sent in {@code X-Forwarded-For}, as the trusted proxy in
     * front of the nodes sends it.
     *
     * @param node the base URL of the node to send it to
     */
    protected Response loginFrom(String node, String address, String username, String password) {
        return call("POST", node + "/api-auth/password/", null,
                json(Map.of("username", username, "password", password)), "X-Forwarded-For", address);
    }
}
