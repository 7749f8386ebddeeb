package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.app.support.IntegrationTest;

/**
 * Helpers for the HTTP contract tests of groups and customers (API.md sections 1, 3, 4 and 5): expected
 * representations built in the contract's field order, body comparison that is sensitive to that order,
 * and a snapshot of everything a refused request must leave unchanged.
 */
abstract class WebIntegrationTest extends IntegrationTest {

    static final String GROUPS = "/api/organization-groups/";
    static final String CUSTOMERS = "/api/customers/";
    static final String HEX_UUID = "[0-9a-f]{32}";

    static final String NOT_FOUND = "Not found.";
    static final String REQUIRED = "This field is required.";
    static final String NOT_AUTHENTICATED = "Authentication credentials were not provided.";
    static final String INVALID_TOKEN = "Invalid token.";
    static final String PERMISSION_DENIED = "You do not have permission to perform this action.";
    static final String OBJECT_DOES_NOT_EXIST = "Invalid hyperlink - Object does not exist.";
    static final String NO_URL_MATCH = "Invalid hyperlink - No URL match.";
    static final String INCORRECT_URL_MATCH = "Invalid hyperlink - Incorrect URL match.";
    static final String CHANGED = "The organization group has changed since it was read.";

    /** Users are kept between tests, so one non-staff user serves the whole run. */
    private static String nonStaffToken;

    /** @return the token of a non-staff user, created through {@code POST /api/users/} on first use */
    protected String nonStaffToken() {
        if (nonStaffToken == null) {
            String username = "web-viewer-" + UUID.randomUUID().toString().substring(0, 8);
            String password = "viewer-password-1";
            Response created = post("/api/users/", fields("username", username, "password", password,
                    "full_name", "Web Viewer", "is_staff", false));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            nonStaffToken = login(username, password);
        }
        return nonStaffToken;
    }

    /** @return a map in the given key order that, unlike {@link Map#of}, may hold {@code null} values */
    protected static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Creates a root group as staff and returns its hex uuid; fails the test unless it answers 201. */
    protected String newGroup(String name) {
        return newGroup(name, null);
    }

    /** Creates a group under {@code parentUuid} (a root when {@code null}) and returns its hex uuid. */
    protected String newGroup(String name, String parentUuid) {
        Response created = post(GROUPS, fields("name", name, "parent", parentUuid == null ? null : groupUrl(parentUuid)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("uuid").asText();
    }

    /** Creates a customer as staff and returns its hex uuid. */
    protected String newCustomer(String name) {
        Response created = post(CUSTOMERS, Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("uuid").asText();
    }

    /** Replaces the customer's groups through {@code update_organization_groups}; fails unless it answers 200. */
    protected void setGroups(String customerUuid, String... groupUuids) {
        Response response = post(membershipPath(customerUuid),
                Map.of("organization_groups", Arrays.stream(groupUuids).map(this::groupUrl).toList()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    static String groupPath(String uuid) {
        return GROUPS + uuid + "/";
    }

    static String customerPath(String uuid) {
        return CUSTOMERS + uuid + "/";
    }

    static String membershipPath(String customerUuid) {
        return customerPath(customerUuid) + "update_organization_groups/";
    }

    protected String groupUrl(String uuid) {
        return baseUrl() + groupPath(uuid);
    }

    /** @return a random uuid that names nothing, as 32 hex digits */
    static String unknownUuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** @return the uuid dashed and in upper case, a form the service must accept as well */
    static String dashedUpper(String hex) {
        return (hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20)).toUpperCase();
    }

    /** The group representation of API.md section 3 with links on this test's own base URL. */
    protected ObjectNode group(String uuid, String name, String parentUuid, String parentName, long customersCount) {
        return group(baseUrl(), uuid, name, parentUuid, parentName, customersCount);
    }

    /**
     * @param base       scheme, host and port the links must be built on
     * @param parentUuid {@code null} for a root: then the {@code parent_*} keys are absent and {@code parent} is null
     */
    static ObjectNode group(String base, String uuid, String name, String parentUuid, String parentName,
                            long customersCount) {
        ObjectNode json = JSON.createObjectNode();
        json.put("uuid", uuid);
        json.put("url", base + groupPath(uuid));
        json.put("name", name);
        if (parentUuid == null) {
            json.putNull("parent");
        } else {
            json.put("parent_uuid", parentUuid);
            json.put("parent_name", parentName);
            json.put("parent", base + groupPath(parentUuid));
        }
        json.put("customers_count", customersCount);
        return json;
    }

    /** The customer representation of API.md section 4; {@code groups} in the order expected. */
    protected ObjectNode customer(String uuid, String name, JsonNode... groups) {
        ObjectNode json = JSON.createObjectNode();
        json.put("uuid", uuid);
        json.put("url", baseUrl() + customerPath(uuid));
        json.put("name", name);
        json.putArray("organization_groups").addAll(List.of(groups));
        return json;
    }

    static ArrayNode array(JsonNode... items) {
        return JSON.createArrayNode().addAll(List.of(items));
    }

    /** @return {@code {"detail": message}} */
    static ObjectNode detail(String message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("detail", message);
        return json;
    }

    /** @return {@code {"<field>": [message]}, ...} for field/message pairs, in the given order */
    static ObjectNode fieldErrors(String... fieldsAndMessages) {
        ObjectNode json = JSON.createObjectNode();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            json.putArray(fieldsAndMessages[i]).add(fieldsAndMessages[i + 1]);
        }
        return json;
    }

    /**
     * Asserts the status and the whole body, key order included (the contract fixes it): both sides are
     * parsed and written again by one mapper, so only escaping differences are ignored.
     *
     * @param expected a {@link JsonNode}, JSON text, or any value Jackson can write
     */
    static void assertResponse(Response response, int status, Object expected) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(canonical(response.body())).as("body").isEqualTo(canonical(expected));
        assertThat(response.header("Content-Type")).as("media type").startsWith("application/json");
    }

    /**
     * Runs the tasks at once on their own threads (released together by one latch) and waits for them all.
     *
     * @return their results, in the order of the tasks
     */
    static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    static String canonical(Object value) {
        try {
            JsonNode node = value instanceof String text ? JSON.readTree(text)
                    : value instanceof JsonNode json ? json : JSON.valueToTree(value);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many events the event store holds */
    protected long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    /** @param type the simple name of an event class, e.g. {@code GroupDeleted} */
    protected long events(String type) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ?", Long.class,
                "%." + type);
    }

    /**
     * @return everything a client can see (all groups, all customers with their groups) and the number of
     *         events, so that a refused request can be shown to have changed nothing
     */
    protected String state() {
        return get(GROUPS + "?page_size=300").body() + "\n" + get(CUSTOMERS + "?page_size=300").body()
                + "\nevents=" + events();
    }
}
