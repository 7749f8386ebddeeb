package org.orggroups.app.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.query.CustomerVersion;
import org.orggroups.api.query.FindCustomerVersion;
import org.orggroups.api.query.FindGroupVersion;
import org.orggroups.api.query.GroupVersion;
import org.orggroups.api.query.ListCustomerHistory;
import org.orggroups.api.query.ListGroupHistory;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.RevisionUser;
import org.orggroups.app.web.binding.CreatedRangeParameters;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ErrorBody;
import org.orggroups.app.web.schema.Refusal;
import org.orggroups.app.web.schema.ResponseHeader;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit history of groups and customers (API.md section 6), in the shape of Waldur's {@code VersionHistory}
 * actions: {@code .../history/} (a page of versions, newest first) and {@code .../history/at/?timestamp=}.
 * Staff only; the security layer refuses everyone else before this controller is reached. The subject is looked up
 * before any query parameter is read ({@link HistorySubjectResolver}).
 */
@RestController
@Tag(name = "history")
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

    /**
     * A group's versions, newest first; {@code created_after} and {@code created_before} are exclusive.
     *
     * @return 200, a page of versions with {@code X-Result-Count} and {@code Link}
     * @throws ApiException see {@link HistorySubjectResolver} and {@link HistoryParameters#from}; 404
     *                      {@code {"detail":"Invalid page."}} for a page past the end
     */
    @GetMapping({GROUP, GROUP + "/"})
    @Operation(operationId = "organization_groups_history_list", summary = "A group's versions, newest first")
    @VersionList
    public ResponseEntity<List<VersionHistory>> groupHistory(@Parameter(hidden = true) HistorySubject.Group group,
                                                             @Parameter(hidden = true) HistoryParameters parameters) {
        Page<GroupVersion> page = messaging.page(new ListGroupHistory(group.id(), parameters.createdAfter(),
                parameters.createdBefore(), parameters.page()), GroupVersion.class);
        String base = Hyperlinks.base();
        Map<UUID, String[]> users = users(page.items().stream().map(GroupVersion::user).toList());
        return Paging.respond(page, parameters.page().size(),
                page.items().stream().map(v -> groupVersion(v, base, users)).toList());
    }

    /**
     * @return 200, the group's latest version at or before {@code timestamp}, with {@code queried_at}
     * @throws ApiException see {@link HistorySubjectResolver} and {@link VersionAtParameters#from}; 404
     *                      {@code {"detail":"No version found before the specified timestamp."}}
     */
    @GetMapping({GROUP + "/at", GROUP + "/at/"})
    @Operation(operationId = "organization_groups_history_at_retrieve",
            summary = "A group's version at a time")
    @VersionAt
    public VersionHistory groupVersionAt(@Parameter(hidden = true) HistorySubject.Group group,
                                         @Parameter(hidden = true) VersionAtParameters parameters) {
        GroupVersion version = messaging.find(new FindGroupVersion(group.id(), parameters.timestamp()),
                GroupVersion.class).orElseThrow(HistoryController::noVersion);
        return groupVersion(version, Hyperlinks.base(), users(Collections.singletonList(version.user())))
                .queriedAt(parameters.raw());
    }

    /**
     * A customer's versions, newest first, joins and leaves included.
     *
     * @return 200, a page of versions with {@code X-Result-Count} and {@code Link}
     * @throws ApiException as {@link #groupHistory}
     */
    @GetMapping({CUSTOMER, CUSTOMER + "/"})
    @Operation(operationId = "customers_history_list", summary = "A customer's versions, newest first")
    @VersionList
    public ResponseEntity<List<VersionHistory>> customerHistory(
            @Parameter(hidden = true) HistorySubject.Customer customer,
            @Parameter(hidden = true) HistoryParameters parameters) {
        Page<CustomerVersion> page = messaging.page(new ListCustomerHistory(customer.id(), parameters.createdAfter(),
                parameters.createdBefore(), parameters.page()), CustomerVersion.class);
        String base = Hyperlinks.base();
        Map<UUID, String[]> users = users(page.items().stream().map(CustomerVersion::user).toList());
        return Paging.respond(page, parameters.page().size(),
                page.items().stream().map(v -> customerVersion(v, base, users)).toList());
    }

    /**
     * @return 200, the customer's latest version at or before {@code timestamp}, with {@code queried_at}
     * @throws ApiException as {@link #groupVersionAt}
     */
    @GetMapping({CUSTOMER + "/at", CUSTOMER + "/at/"})
    @Operation(operationId = "customers_history_at_retrieve", summary = "A customer's version at a time")
    @VersionAt
    public VersionHistory customerVersionAt(@Parameter(hidden = true) HistorySubject.Customer customer,
                                            @Parameter(hidden = true) VersionAtParameters parameters) {
        CustomerVersion version = messaging.find(new FindCustomerVersion(customer.id(), parameters.timestamp()),
                CustomerVersion.class).orElseThrow(HistoryController::noVersion);
        return customerVersion(version, Hyperlinks.base(), users(Collections.singletonList(version.user())))
                .queriedAt(parameters.raw());
    }

    private static ApiException noVersion() {
        return ApiException.detail(HttpStatus.NOT_FOUND, NO_VERSION);
    }

    private static VersionHistory groupVersion(GroupVersion v, String base, Map<UUID, String[]> users) {
        return version(v.id(), v.revisionDate(), v.user(), v.comment(), users,
                v.state() == null ? Map.of() : Representations.organizationGroup(base, v.state()));
    }

    private static VersionHistory customerVersion(CustomerVersion v, String base, Map<UUID, String[]> users) {
        return version(v.id(), v.revisionDate(), v.user(), v.comment(), users,
                v.state() == null ? Map.of() : Representations.customerOf(base, v.state()));
    }

    private static VersionHistory version(long id, Instant date, RevisionUser user, String comment,
                                          Map<UUID, String[]> users, Object data) {
        return new VersionHistory(id, Timestamps.render(date),
                user == null ? null : revisionUser(user, users.get(user.uuid())), comment, data, null);
    }

    /** The username as the event recorded it, else as stored now. */
    private static VersionHistory.RevisionUser revisionUser(RevisionUser user, String[] stored) {
        return new VersionHistory.RevisionUser(Uuids.hex(user.uuid()),
                user.username() != null ? user.username() : stored == null ? null : stored[0],
                stored == null ? "" : stored[1]);
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

    // The schema of these operations, written once for the group and the customer variant.

    /** A page of versions: parameters and answers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @UuidPathParameter
    @CreatedRangeParameters
    @PagingParameters
    @ApiResponsesFor(description = "A page of versions, newest first",
            headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, errors = {401, 403, 404},
            refusals = @Refusal(status = 400, body = ErrorBody.TIMESTAMP_ERROR, description = "created_after or "
                    + "created_before not a time: {\"created_after\": \"Invalid timestamp format.\"} (a string, as "
                    + "Waldur answers it); a NUL character: a list"))
    @interface VersionList {
    }

    /** The version at a time: parameters and answers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @UuidPathParameter
    @Parameter(name = "timestamp", in = ParameterIn.QUERY, required = true,
            description = "Any ISO 8601 form; echoed as queried_at",
            schema = @Schema(type = "string", format = "date-time"))
    @ApiResponsesFor(description = "The latest version at or before timestamp, with queried_at",
            errors = {401, 403}, refusals = {
                    @Refusal(status = 400, body = ErrorBody.TIMESTAMP_ERROR, description = "timestamp missing or not "
                            + "a time: {\"timestamp\": \"...\"} (a string, as Waldur answers it)"),
                    @Refusal(status = 404, description = "No such resource, or none yet at timestamp "
                            + "({\"detail\": \"" + NO_VERSION + "\"})")})
    @interface VersionAt {
    }
}
