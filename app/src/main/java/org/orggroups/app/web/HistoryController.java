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
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.offering.FindOfferingVersion;
import org.orggroups.api.query.offering.ListOfferingHistory;
import org.orggroups.api.query.offering.OfferingVersion;
import org.orggroups.app.web.binding.CreatedRangeParameters;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.offering.OfferingRepresentations;
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
 * The audit history of groups, customers, offerings and plans (API.md sections 6 and 12), in the shape of Waldur's {@code VersionHistory}
 * actions: {@code .../history/} (a page of versions, newest first) and {@code .../history/at/?timestamp=}.
 * Staff only; the security layer refuses everyone else before this controller is reached. The subject is looked up
 * before any query parameter is read ({@link HistorySubjectResolver}).
 */
@RestController
@Tag(name = "history")
public class HistoryController {

    private static final String GROUP = "/api/organization-groups/{uuid}/history";
    private static final String CUSTOMER = "/api/customers/{uuid}/history";
    private static final String OFFERING = "/api/marketplace-provider-offerings/{uuid}/history";
    private static final String PLAN = "/api/marketplace-plans/{uuid}/history";
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

    /**
     * An offering's versions, newest first: its creation, restrictions, openings and its deletion with its
     * provider (API.md section 12.8); {@code serialized_data} is the offering as E3 renders it, with its plans.
     *
     * @return 200, a page of versions with {@code X-Result-Count} and {@code Link}
     * @throws ApiException as {@link #groupHistory}
     */
    @GetMapping({OFFERING, OFFERING + "/"})
    @Operation(operationId = "marketplace_provider_offerings_history_list",
            summary = "An offering's versions, newest first")
    @VersionList
    public ResponseEntity<List<VersionHistory>> offeringHistory(
            @Parameter(hidden = true) HistorySubject.Offering offering,
            @Parameter(hidden = true) HistoryParameters parameters) {
        return offeringVersions(offering.id(), null, parameters);
    }

    /**
     * @return 200, the offering's latest version at or before {@code timestamp}, with {@code queried_at}
     * @throws ApiException as {@link #groupVersionAt}
     */
    @GetMapping({OFFERING + "/at", OFFERING + "/at/"})
    @Operation(operationId = "marketplace_provider_offerings_history_at_retrieve",
            summary = "An offering's version at a time")
    @VersionAt
    public VersionHistory offeringVersionAt(@Parameter(hidden = true) HistorySubject.Offering offering,
                                            @Parameter(hidden = true) VersionAtParameters parameters) {
        return offeringVersionAt(offering.id(), null, parameters);
    }

    /**
     * A plan's versions, newest first, kept after its offering's deletion; {@code serialized_data} is the plan as
     * E8 renders it.
     *
     * @return 200, a page of versions with {@code X-Result-Count} and {@code Link}
     * @throws ApiException as {@link #groupHistory}
     */
    @GetMapping({PLAN, PLAN + "/"})
    @Operation(operationId = "marketplace_plans_history_list", summary = "A plan's versions, newest first")
    @VersionList
    public ResponseEntity<List<VersionHistory>> planHistory(@Parameter(hidden = true) HistorySubject.Plan plan,
                                                            @Parameter(hidden = true) HistoryParameters parameters) {
        return offeringVersions(plan.offering(), plan.id(), parameters);
    }

    /**
     * @return 200, the plan's latest version at or before {@code timestamp}, with {@code queried_at}
     * @throws ApiException as {@link #groupVersionAt}
     */
    @GetMapping({PLAN + "/at", PLAN + "/at/"})
    @Operation(operationId = "marketplace_plans_history_at_retrieve", summary = "A plan's version at a time")
    @VersionAt
    public VersionHistory planVersionAt(@Parameter(hidden = true) HistorySubject.Plan plan,
                                        @Parameter(hidden = true) VersionAtParameters parameters) {
        return offeringVersionAt(plan.offering(), plan.id(), parameters);
    }

    private ResponseEntity<List<VersionHistory>> offeringVersions(OfferingId offering, PlanId plan,
                                                                  HistoryParameters parameters) {
        Page<OfferingVersion> page = messaging.page(new ListOfferingHistory(offering, plan,
                parameters.createdAfter(), parameters.createdBefore(), parameters.page()), OfferingVersion.class);
        String base = Hyperlinks.base();
        Map<UUID, String[]> users = users(page.items().stream().map(OfferingVersion::user).toList());
        return Paging.respond(page, parameters.page().size(),
                page.items().stream().map(v -> offeringVersion(v, base, users)).toList());
    }

    private VersionHistory offeringVersionAt(OfferingId offering, PlanId plan, VersionAtParameters parameters) {
        OfferingVersion version = messaging.find(new FindOfferingVersion(offering, plan, parameters.timestamp()),
                OfferingVersion.class).orElseThrow(HistoryController::noVersion);
        return offeringVersion(version, Hyperlinks.base(), users(Collections.singletonList(version.user())))
                .queriedAt(parameters.raw());
    }

    /** serialized_data: the offering as E3 renders it, or the plan as E8 does; {@code {}} when there is none. */
    private static VersionHistory offeringVersion(OfferingVersion v, String base, Map<UUID, String[]> users) {
        Object data = v.offering() != null ? OfferingRepresentations.provider(base, v.offering())
                : v.plan() != null ? OfferingRepresentations.providerPlan(base, v.plan()) : Map.of();
        return version(v.id(), v.revisionDate(), v.user(), v.comment(), users, data);
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
