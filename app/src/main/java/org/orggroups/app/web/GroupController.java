package org.orggroups.app.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.FindGroupAsOf;
import org.orggroups.api.query.FindGroupVersion;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.GroupVersion;
import org.orggroups.api.query.ListGroupsAsOf;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.WrittenGroups;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ApiSchema;
import org.orggroups.app.web.schema.OpenList;
import org.orggroups.app.web.schema.OpenListCount;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.RequestBodies;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/organization-groups/}: Waldur's organization group resource (API.md section 3, and section 7 for
 * {@code as_of}). Takes checked request records ({@link TypedArguments}), sends one command or query, answers
 * response records; domain refusals are mapped to HTTP in {@link org.orggroups.app.web.error.ApiExceptionHandler}.
 * Operation ids are Waldur's, so that generated clients keep their names.
 */
@RestController
@Tag(name = "organization-groups")
public class GroupController {

    private static final String LIST = "/api/organization-groups";
    private static final String DETAIL = "/api/organization-groups/{uuid}";
    private static final String IF_MATCH = "The `ETag` of the group as read (`\"<version>\"`); 412 if it has changed since.";

    private final Messaging messaging;

    public GroupController(Messaging messaging) {
        this.messaging = messaging;
    }

    /**
     * Lists groups: one page, with {@code X-Result-Count} and {@code Link}; with {@code as_of}, the list as it
     * was then.
     *
     * @throws ApiException 400 for a bad {@code as_of}, {@code parent} or text filter; 404 for a bad page
     */
    @Operation(operationId = "organization_groups_list", summary = "List organization groups")
    @OpenList
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<OrganizationGroup>> list(@ParameterObject GroupListParameters parameters) {
        Instant asOf = parameters.asOf();
        Page<GroupSummary> page = messaging.page(
                asOf == null ? parameters.query() : new ListGroupsAsOf(parameters.query(), asOf), GroupSummary.class);
        return Paging.respond(page, parameters.pageSize(),
                Representations.organizationGroups(Hyperlinks.base(), page.items()));
    }

    /**
     * The HEAD of the list: the same status and headers as {@link #list}, no body (Waldur's "count" operation:
     * {@code X-Result-Count} is the number of matching groups).
     */
    @Operation(operationId = "organization_groups_count", summary = "Count organization groups",
            description = "Get number of items in the collection matching the request parameters.")
    @OpenListCount
    @RequestMapping(method = RequestMethod.HEAD, path = {LIST, LIST + "/"})
    public ResponseEntity<List<OrganizationGroup>> count(@ParameterObject GroupListParameters parameters) {
        return list(parameters);
    }

    /**
     * Creates a group: 201 with the group, {@code Location} and {@code ETag}.
     *
     * @throws ApiException 400 with every field's error (API.md section 3, "Request bodies")
     */
    @Operation(operationId = "organization_groups_create", summary = "Create an organization group")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 201, headers = {ResponseHeader.LOCATION, ResponseHeader.ETAG},
            errors = {400, 401, 403, 409, 413})
    @PostMapping({LIST, LIST + "/"})
    public ResponseEntity<OrganizationGroup> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) OrganizationGroupRequest body) {
        GroupChange change = check(body, true, null);
        GroupId id = GroupId.random();
        GroupSummary group = sendAndAnswer(id, new CreateGroup(id, change.name(), change.parent()));
        String base = Hyperlinks.base();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, Hyperlinks.group(base, id.uuid()))
                .eTag(Representations.etag(group))
                .body(Representations.organizationGroup(base, group));
    }

    /**
     * One group with its {@code ETag}; with {@code as_of}, as it was at that instant.
     *
     * @throws ApiException 404 for an unknown, deleted or malformed uuid, or a group that did not exist then;
     *                      400 for a bad {@code as_of}
     */
    @Operation(operationId = "organization_groups_retrieve", summary = "Retrieve an organization group")
    @ApiResponsesFor(status = 200, headers = ResponseHeader.ETAG, errors = {400, 401, 404})
    @GetMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<OrganizationGroup> retrieve(@UuidPathParameter GroupId id, @ParameterObject AsOfParameter asOf) {
        GroupSummary group = asOf.asOf() == null ? findOrFail(id)
                : messaging.find(new FindGroupAsOf(id, asOf.asOf()), GroupSummary.class)
                        .orElseThrow(ApiException::notFound);
        return ResponseEntity.ok().eTag(Representations.etag(group))
                .body(Representations.organizationGroup(Hyperlinks.base(), group));
    }

    /**
     * Replaces name (required) and parent (kept when absent, root when null).
     *
     * @throws ApiException 404 before 400 (DRF looks the group up first); 412 for a stale {@code If-Match}
     */
    @Operation(operationId = "organization_groups_update", summary = "Update an organization group")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 200, headers = ResponseHeader.ETAG, errors = {400, 401, 403, 404, 409, 412, 413})
    @PutMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<OrganizationGroup> update(
            @UuidPathParameter GroupId id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) OrganizationGroupRequest body,
            @Parameter(description = IF_MATCH) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch) {
        return change(id, body, true, ifMatch);
    }

    /**
     * Changes only the keys sent.
     *
     * @throws ApiException as {@link #update}
     */
    @Operation(operationId = "organization_groups_partial_update", summary = "Partially update an organization group")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 200, headers = ResponseHeader.ETAG, errors = {400, 401, 403, 404, 409, 412, 413})
    @PatchMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<OrganizationGroup> partialUpdate(
            @UuidPathParameter GroupId id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody PatchedOrganizationGroupRequest body,
            @Parameter(description = IF_MATCH) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch) {
        return change(id, body, false, ifMatch);
    }

    private ResponseEntity<OrganizationGroup> change(GroupId id, GroupBody body, boolean nameRequired,
                                                     String ifMatch) {
        GroupChange change = check(body, nameRequired, id);
        GroupSummary group = sendAndAnswer(id, new UpdateGroup(id, change.name(), change.parentChange(),
                IfMatch.expectedVersion(ifMatch, () -> findOrFail(id).version())));
        return ResponseEntity.ok().eTag(Representations.etag(group))
                .body(Representations.organizationGroup(Hyperlinks.base(), group));
    }

    /**
     * Deletes the group and its whole subtree: 204.
     *
     * @throws ApiException 404 for an unknown group; 412 for a stale {@code If-Match}
     */
    @Operation(operationId = "organization_groups_destroy", summary = "Delete an organization group and its subtree")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 204, noBody = true, errors = {401, 403, 404, 409, 412})
    @DeleteMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<Void> destroy(
            @UuidPathParameter GroupId id,
            @Parameter(description = IF_MATCH) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch) {
        messaging.send(new DeleteGroup(id, IfMatch.expectedVersion(ifMatch, () -> findOrFail(id).version())));
        return ResponseEntity.noContent().build();
    }

    /**
     * A group body, checked: the trimmed name ({@code null}: unchanged) and the parent when {@code parent} was
     * sent.
     *
     * @param name       the new name, or {@code null} to keep it
     * @param parentSent whether the body had {@code parent}
     * @param parent     the parent, {@code null} for a root
     */
    private record GroupChange(String name, boolean parentSent, GroupId parent) {

        /** @return the change of parent, or {@code null} for none (key absent) */
        ParentChange parentChange() {
            return parentSent ? new ParentChange(parent) : null;
        }
    }

    /**
     * Checks a body as DRF's serializer does: every field's error at once.
     *
     * @param existing the group being updated, or {@code null} on create
     * @throws ApiException 404 when {@code existing} is unknown and the body has an error (DRF looks the object
     *                      up before it validates); else 400 {@code {"name": [...], "parent": [...]}}
     */
    private GroupChange check(GroupBody body, boolean nameRequired, GroupId existing) {
        ObjectNode json = body.json();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        RequestBodies.nameError(json, "name", nameRequired).ifPresent(e -> errors.put("name", List.of(e)));
        Optional<UUID> parent = parent(json, errors);
        if (!errors.isEmpty() && existing != null) {
            findOrFail(existing);
        }
        failIfAny(errors, parent);
        return new GroupChange(RequestBodies.name(json, "name", nameRequired).orElse(null), json.has("parent"),
                parent.map(GroupId::new).orElse(null));
    }

    /** Reads {@code parent} into {@code errors} (as DRF collects every field's error); empty for a root. */
    private static Optional<UUID> parent(ObjectNode body, Map<String, List<String>> errors) {
        try {
            return Hyperlinks.parseGroup("parent", body.get("parent"));
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

    /**
     * Sends a command that writes the group {@code id} and answers the group as the view stored it in the command's
     * transaction ({@link WrittenGroups}), or, when the command stored nothing for it (a change to what it already
     * was), as {@link #written} reads it.
     */
    private GroupSummary sendAndAnswer(GroupId id, Object command) {
        Map<GroupId, GroupSummary> stored = WrittenGroups.collect(() -> messaging.send(command));
        return stored.containsKey(id) ? stored.get(id) : written(id);
    }

    /** The group right after this request's command was stored ({@link Messaging#written}). */
    private GroupSummary written(GroupId id) {
        return messaging.written(new FindGroup(id), GroupSummary.class, new FindGroupVersion(id, null),
                GroupVersion.class, GroupVersion::state);
    }

    private GroupSummary findOrFail(GroupId id) {
        return messaging.find(new FindGroup(id), GroupSummary.class).orElseThrow(ApiException::notFound);
    }
}
