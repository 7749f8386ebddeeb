package org.orggroups.app.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerVersion;
import org.orggroups.api.query.FindCustomerVersion;
import org.orggroups.api.query.FindGroupVersion;
import org.orggroups.api.query.GroupVersion;
import org.orggroups.api.query.ListCustomerHistory;
import org.orggroups.api.query.ListGroupHistory;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.RevisionUser;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Timestamps;
import org.orggroups.app.web.support.Uuids;
import org.orggroups.query.SqlWhere;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit history of groups and customers (API.md section 6), in the shape of Waldur's {@code VersionHistory}
 * actions: {@code .../history/} (a page of versions, newest first) and {@code .../history/at/?timestamp=}.
 * Staff only; the security layer refuses everyone else before this controller is reached.
 *
 * <p>A version is {@code {"id", "revision_date", "revision_user", "revision_comment", "serialized_data"}};
 * {@code serialized_data} has the resource's fields as its own endpoint renders them, with links built from
 * this request. The three timestamp errors are a string, not a list, as Waldur answers them.
 */
@RestController
public class HistoryController {

    private static final String GROUP = "/api/organization-groups/{uuid}/history";
    private static final String CUSTOMER = "/api/customers/{uuid}/history";
    private static final String NO_VERSION = "No version found before the specified timestamp.";

    private final Messaging messaging;
    private final JdbcTemplate jdbc;

    /**
     * @param messaging the query side
     * @param jdbc      read access to {@code app_user}, for the full names of the users who made changes
     */
    public HistoryController(Messaging messaging, JdbcTemplate jdbc) {
        this.messaging = messaging;
        this.jdbc = jdbc;
    }

    /** A group's versions, newest first; {@code created_after} and {@code created_before} are exclusive. */
    @GetMapping({GROUP, GROUP + "/"})
    public ResponseEntity<List<Map<String, Object>>> groupHistory(@PathVariable String uuid,
                                                                  HttpServletRequest request) {
        GroupId id = GroupController.pathId(uuid);
        messaging.find(new FindGroupVersion(id, null), GroupVersion.class).orElseThrow(ApiException::notFound);
        PageRequest pageRequest = Paging.pageRequest(request);
        Page<GroupVersion> page = messaging.page(new ListGroupHistory(id, Timestamps.optionalParameter(request, "created_after"),
                Timestamps.optionalParameter(request, "created_before"), pageRequest), GroupVersion.class);
        String base = Hyperlinks.base();
        Map<UUID, String[]> users = users(page.items().stream().map(GroupVersion::user).toList());
        return Paging.respond(request, page, pageRequest.size(),
                page.items().stream().map(v -> groupVersion(v, base, users)).toList());
    }

    /** The group's latest version at or before {@code timestamp}, with {@code queried_at}. */
    @GetMapping({GROUP + "/at", GROUP + "/at/"})
    public Map<String, Object> groupVersionAt(@PathVariable String uuid, HttpServletRequest request) {
        GroupId id = GroupController.pathId(uuid);
        messaging.find(new FindGroupVersion(id, null), GroupVersion.class).orElseThrow(ApiException::notFound);
        String raw = Paging.last(request, "timestamp");
        GroupVersion version = messaging.find(new FindGroupVersion(id, timestamp(raw)), GroupVersion.class)
                .orElseThrow(() -> ApiException.detail(HttpStatus.NOT_FOUND, NO_VERSION));
        Map<String, Object> json = groupVersion(version, Hyperlinks.base(), users(java.util.Collections.singletonList(version.user())));
        json.put("queried_at", raw);
        return json;
    }

    /** A customer's versions, newest first, joins and leaves included. */
    @GetMapping({CUSTOMER, CUSTOMER + "/"})
    public ResponseEntity<List<Map<String, Object>>> customerHistory(@PathVariable String uuid,
                                                                     HttpServletRequest request) {
        CustomerId id = customerId(uuid);
        messaging.find(new FindCustomerVersion(id, null), CustomerVersion.class).orElseThrow(ApiException::notFound);
        PageRequest pageRequest = Paging.pageRequest(request);
        Page<CustomerVersion> page = messaging.page(new ListCustomerHistory(id, Timestamps.optionalParameter(request, "created_after"),
                Timestamps.optionalParameter(request, "created_before"), pageRequest), CustomerVersion.class);
        String base = Hyperlinks.base();
        Map<UUID, String[]> users = users(page.items().stream().map(CustomerVersion::user).toList());
        return Paging.respond(request, page, pageRequest.size(),
                page.items().stream().map(v -> customerVersion(v, base, users)).toList());
    }

    /** The customer's latest version at or before {@code timestamp}, with {@code queried_at}. */
    @GetMapping({CUSTOMER + "/at", CUSTOMER + "/at/"})
    public Map<String, Object> customerVersionAt(@PathVariable String uuid, HttpServletRequest request) {
        CustomerId id = customerId(uuid);
        messaging.find(new FindCustomerVersion(id, null), CustomerVersion.class).orElseThrow(ApiException::notFound);
        String raw = Paging.last(request, "timestamp");
        CustomerVersion version = messaging.find(new FindCustomerVersion(id, timestamp(raw)), CustomerVersion.class)
                .orElseThrow(() -> ApiException.detail(HttpStatus.NOT_FOUND, NO_VERSION));
        Map<String, Object> json = customerVersion(version, Hyperlinks.base(),
                users(java.util.Collections.singletonList(version.user())));
        json.put("queried_at", raw);
        return json;
    }

    private static Map<String, Object> groupVersion(GroupVersion v, String base, Map<UUID, String[]> users) {
        return version(v.id(), v.revisionDate(), v.user(), v.comment(), users,
                v.state() == null ? Map.of() : Representations.group(base, v.state()));
    }

    private static Map<String, Object> customerVersion(CustomerVersion v, String base, Map<UUID, String[]> users) {
        return version(v.id(), v.revisionDate(), v.user(), v.comment(), users,
                v.state() == null ? Map.of() : Representations.customer(base, v.state()));
    }

    private static Map<String, Object> version(long id, Instant date, RevisionUser user, String comment,
                                               Map<UUID, String[]> users, Map<String, Object> data) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("revision_date", Timestamps.render(date));
        json.put("revision_user", user == null ? null : revisionUser(user, users.get(user.uuid())));
        json.put("revision_comment", comment);
        json.put("serialized_data", data);
        return json;
    }

    /** {@code {"uuid", "username", "full_name"}}; the username as the event recorded it, else as stored now. */
    private static Map<String, Object> revisionUser(RevisionUser user, String[] stored) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", Uuids.hex(user.uuid()));
        json.put("username", user.username() != null ? user.username() : stored == null ? null : stored[0]);
        json.put("full_name", stored == null ? "" : stored[1]);
        return json;
    }

    /**
     * @return username and full name of each user that still has an {@code app_user} row, by id; one query for
     *         the whole page. Users are not event-sourced, so this is their current full name.
     */
    private Map<UUID, String[]> users(List<RevisionUser> revisionUsers) {
        List<UUID> ids = revisionUsers.stream().filter(Objects::nonNull).map(RevisionUser::uuid).distinct().toList();
        Map<UUID, String[]> users = new HashMap<>();
        if (ids.isEmpty()) {
            return users;
        }
        jdbc.query("select id, username, full_name from app_user where id in ("
                        + SqlWhere.placeholders(ids.size()) + ")",
                rs -> {
                    users.put(rs.getObject("id", UUID.class),
                            new String[] {rs.getString("username"), rs.getString("full_name")});
                },
                ids.toArray());
        return users;
    }

    /**
     * @throws ApiException 400 {@code {"timestamp": "This parameter is required."}} when absent or empty,
     *                      {@code {"timestamp": "Invalid timestamp format."}} when not ISO 8601
     */
    private static Instant timestamp(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw Timestamps.stringError("timestamp", "This parameter is required.");
        }
        return Timestamps.parse(raw).orElseThrow(() -> Timestamps.stringError("timestamp", Timestamps.INVALID));
    }

    /** @throws ApiException 404 for a malformed uuid in a path (API.md section 1) */
    private static CustomerId customerId(String uuid) {
        return new CustomerId(Uuids.parse(uuid).orElseThrow(ApiException::notFound));
    }
}
