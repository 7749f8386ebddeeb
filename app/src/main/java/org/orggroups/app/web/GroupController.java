package org.orggroups.app.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.FindGroupAsOf;
import org.orggroups.api.query.GroupOrder;
import org.orggroups.api.query.GroupSortField;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.ListGroupsAsOf;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.RequestBodies;
import org.orggroups.app.web.support.Timestamps;
import org.orggroups.app.web.support.Uuids;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/organization-groups/}: Waldur's organization group resource (API.md section 3). Parses and
 * validates, sends one command or query, shapes the JSON; domain refusals are mapped to HTTP in
 * {@link org.orggroups.app.web.error.ApiExceptionHandler}.
 */
@RestController
public class GroupController {

    private static final String LIST = "/api/organization-groups";
    private static final String DETAIL = "/api/organization-groups/{uuid}";

    private final Messaging messaging;

    public GroupController(Messaging messaging) {
        this.messaging = messaging;
    }

    /**
     * Lists groups: filters {@code name}, {@code name_exact}, {@code parent}; ordering {@code o}; paging; and
     * {@code as_of} for the list as it was at that instant.
     */
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<Map<String, Object>>> list(HttpServletRequest request) {
        Instant asOf = asOf(request);
        GroupId parent = Paging.uuidFilter(request, "parent").map(GroupId::new).orElse(null);
        PageRequest pageRequest = Paging.pageRequest(request);
        ListGroups query = new ListGroups(Paging.textFilter(request, "name"),
                Paging.textFilter(request, "name_exact"), parent, ordering(Paging.last(request, "o")),
                pageRequest);
        Page<GroupSummary> page = messaging.page(asOf == null ? query : new ListGroupsAsOf(query, asOf),
                GroupSummary.class);
        return Paging.respond(request, page, pageRequest.size(), Representations.groups(Hyperlinks.base(), page.items()));
    }

    /**
     * Reads Django's {@code OrderingFilter} parameter: comma-separated fields, {@code -} for descending,
     * unknown terms dropped.
     */
    static List<GroupOrder> ordering(String o) {
        List<GroupOrder> terms = new ArrayList<>();
        if (o == null) {
            return terms;
        }
        for (String raw : o.split(",")) {
            String term = raw.strip();
            boolean descending = term.startsWith("-");
            String field = descending ? term.substring(1) : term;
            switch (field) {
                case "name" -> terms.add(new GroupOrder(GroupSortField.NAME, descending));
                case "customers_count" -> terms.add(new GroupOrder(GroupSortField.CUSTOMERS_COUNT, descending));
                default -> { /* Django drops unknown ordering terms */ }
            }
        }
        return terms;
    }

    /** Creates a group: 201 with the group, {@code Location} and {@code ETag}. */
    @PostMapping({LIST, LIST + "/"})
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request) {
        ObjectNode body = RequestBodies.readObject(request);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        RequestBodies.nameError(body, "name", true).ifPresent(e -> errors.put("name", List.of(e)));
        Optional<UUID> parent = parent(body, errors);
        failIfAny(errors, parent);
        GroupId id = GroupId.random();
        messaging.send(new CreateGroup(id, RequestBodies.name(body, "name", true).orElseThrow(),
                parent.map(GroupId::new).orElse(null)));
        GroupSummary group = findOrFail(id);
        String base = Hyperlinks.base();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, Hyperlinks.group(base, id.uuid()))
                .eTag(Representations.etag(group))
                .body(Representations.group(base, group));
    }

    /**
     * One group with its {@code ETag}; 404 for an unknown, deleted or malformed uuid. With {@code as_of}, the
     * group as it was at that instant (404 when it did not exist then).
     */
    @GetMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<Map<String, Object>> retrieve(@PathVariable String uuid, HttpServletRequest request) {
        GroupId id = pathId(uuid);
        Instant asOf = asOf(request);
        GroupSummary group = asOf == null ? findOrFail(id)
                : messaging.find(new FindGroupAsOf(id, asOf), GroupSummary.class).orElseThrow(ApiException::notFound);
        return ResponseEntity.ok().eTag(Representations.etag(group)).body(Representations.group(Hyperlinks.base(), group));
    }

    /** Replaces name (required) and parent (kept when absent, root when null). */
    @PutMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<Map<String, Object>> replace(@PathVariable String uuid, HttpServletRequest request,
                                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return update(pathId(uuid), request, ifMatch, true);
    }

    /** Changes only the keys sent. */
    @PatchMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<Map<String, Object>> partialUpdate(@PathVariable String uuid, HttpServletRequest request,
                                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return update(pathId(uuid), request, ifMatch, false);
    }

    private ResponseEntity<Map<String, Object>> update(GroupId id, HttpServletRequest request, String ifMatch,
                                                       boolean nameRequired) {
        ObjectNode body = RequestBodies.readObject(request);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        RequestBodies.nameError(body, "name", nameRequired).ifPresent(e -> errors.put("name", List.of(e)));
        Optional<UUID> parent = parent(body, errors);
        if (!errors.isEmpty()) {
            findOrFail(id); // DRF looks the object up before it validates: an unknown group is 404, not 400
        }
        failIfAny(errors, parent);
        ParentChange parentChange = body.has("parent")
                ? new ParentChange(parent.map(GroupId::new).orElse(null)) : null;
        messaging.send(new UpdateGroup(id, RequestBodies.name(body, "name", nameRequired).orElse(null),
                parentChange, IfMatch.expectedVersion(ifMatch, () -> findOrFail(id).version())));
        GroupSummary group = findOrFail(id);
        return ResponseEntity.ok().eTag(Representations.etag(group)).body(Representations.group(Hyperlinks.base(), group));
    }

    /** Deletes the group and its whole subtree: 204. */
    @DeleteMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<Void> destroy(@PathVariable String uuid,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        GroupId id = pathId(uuid);
        messaging.send(new DeleteGroup(id, IfMatch.expectedVersion(ifMatch, () -> findOrFail(id).version())));
        return ResponseEntity.noContent().build();
    }

    /** Reads {@code parent} into {@code errors} (as DRF collects every field's error); empty for a root. */
    private static Optional<UUID> parent(ObjectNode body, Map<String, List<String>> errors) {
        JsonNode value = body.get("parent");
        try {
            return Hyperlinks.parseGroup("parent", value);
        } catch (ApiException e) {
            errors.put("parent", firstMessages(e, "parent"));
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> firstMessages(ApiException e, String field) {
        return (List<String>) e.body().get(field);
    }

    /**
     * Answers 400 with every field error at once. A parent link that parsed but names no live group is
     * reported next to another field's error too, as DRF validates every field before answering.
     */
    private void failIfAny(Map<String, List<String>> errors, Optional<UUID> parent) {
        if (errors.isEmpty()) {
            return;
        }
        if (!errors.containsKey("parent") && parent.isPresent()
                && messaging.find(new FindGroup(new GroupId(parent.get())), GroupSummary.class).isEmpty()) {
            errors.put("parent", List.of(Hyperlinks.OBJECT_DOES_NOT_EXIST));
        }
        throw ApiException.fields(errors);
    }

    private GroupSummary findOrFail(GroupId id) {
        return messaging.find(new FindGroup(id), GroupSummary.class).orElseThrow(ApiException::notFound);
    }

    /**
     * Reads {@code as_of}: the instant of the past a read is asked about.
     *
     * @return the instant, or {@code null} when absent or empty (the present)
     * @throws ApiException 400 {@code {"as_of": ["Invalid timestamp format."]}} when it is not ISO 8601
     */
    static Instant asOf(HttpServletRequest request) {
        String raw = Paging.last(request, "as_of");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return Timestamps.parse(raw).orElseThrow(() -> ApiException.field("as_of", "Invalid timestamp format."));
    }

    /** @throws ApiException 404 for a malformed uuid in a path (API.md section 1) */
    static GroupId pathId(String uuid) {
        return new GroupId(Uuids.parse(uuid).orElseThrow(() ->
                ApiException.detail(HttpStatus.NOT_FOUND, ErrorBodies.NOT_FOUND)));
    }
}
