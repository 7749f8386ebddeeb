package org.orggroups.app.web.report;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.report.FindGroupMembershipHistory;
import org.orggroups.api.query.report.FindGroupStats;
import org.orggroups.api.query.report.GroupStats;
import org.orggroups.api.query.report.ListGroupStats;
import org.orggroups.api.query.report.MembershipHistory;
import org.orggroups.app.projections.ProjectionPositions;
import org.orggroups.app.web.binding.FilterParameters;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.PathUuid;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ErrorBody;
import org.orggroups.app.web.schema.Refusal;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Uuids;
import org.orggroups.query.report.GroupReportProjection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The group reports, served from the group-report projection and so eventually consistent. Every answer carries
 * {@code X-Event-Position} (the global index the report reflects) and {@code X-Projection-Lag} (stored events
 * beyond it).
 *
 * <ul>
 *   <li>{@code GET /api/organization-groups/{uuid}/stats/}: one group's counts; readable like every group read.</li>
 *   <li>{@code GET /api/reports/organization-groups/} (staff only): every live group's counts, paged like every
 *       list, as JSON or, with {@code ?format=csv}, as CSV.</li>
 *   <li>{@code GET /api/reports/organization-groups/{uuid}/membership/} (staff only): member counts over time.</li>
 * </ul>
 */
@RestController
@Tag(name = "reports")
public class GroupReportController {

    private static final String STATS = "/api/organization-groups/{uuid}/stats";
    private static final String REPORT = "/api/reports/organization-groups";
    private static final String MEMBERSHIP = REPORT + "/{uuid}/membership";
    /** Columns of the CSV form, in the order of the JSON fields. */
    private static final List<String> CSV_COLUMNS = List.of("uuid", "name", "customers_count",
            "subtree_customers_count", "descendants_count", "depth", "path");
    /** Separator of the path's names in the CSV form, which has no arrays. */
    private static final String CSV_PATH_SEPARATOR = " / ";

    private final Messaging messaging;
    private final ProjectionPositions positions;

    public GroupReportController(Messaging messaging, ProjectionPositions positions) {
        this.messaging = messaging;
        this.positions = positions;
    }

    /**
     * One live group's counts; open like every group read.
     *
     * @return 200 with {@code X-Event-Position} and {@code X-Projection-Lag}
     * @throws ApiException 404 {@code {"detail":"Not found."}} for an unknown, deleted or malformed uuid, or one the
     *                      projection has not reached yet
     */
    @GetMapping({STATS, STATS + "/"})
    @Operation(operationId = "organization_groups_stats_retrieve", summary = "One group's counts",
            tags = "organization-groups")
    @UuidPathParameter
    @ApiResponsesFor(description = "The group's counts",
            headers = {ResponseHeader.EVENT_POSITION, ResponseHeader.PROJECTION_LAG}, errors = 401,
            refusals = @Refusal(status = 404, description = "Unknown, deleted, malformed or not reached yet"))
    public ResponseEntity<GroupStatsResponse> stats(@Parameter(hidden = true) PathUuid uuid) {
        HttpHeaders position = positions.headers(GroupReportProjection.PROCESSING_GROUP);
        GroupStats stats = messaging.find(new FindGroupStats(new GroupId(uuid.value())), GroupStats.class)
                .orElseThrow(ApiException::notFound);
        return ResponseEntity.ok().headers(position).body(GroupStatsResponse.of(stats));
    }

    /**
     * Every live group's counts, one page, as JSON or, with {@code format=csv}, as {@code text/csv} with a header
     * line. Staff only.
     *
     * @return 200 with {@code X-Result-Count}, {@code Link}, {@code X-Event-Position} and {@code X-Projection-Lag}
     * @throws ApiException see {@link GroupReportParameters#from}; 404 {@code {"detail":"Invalid page."}} for a page
     *                      past the end
     */
    @GetMapping({REPORT, REPORT + "/"})
    @Operation(operationId = "reports_organization_groups_list", summary = "Every live group's counts")
    @FilterParameters.Parent
    @FilterParameters.Name
    @Parameter(name = "o", in = ParameterIn.QUERY,
            description = "Comma-separated ordering terms, each optionally prefixed by -; unknown terms are dropped; "
                    + "default name; ties by uuid",
            explode = Explode.FALSE,
            array = @ArraySchema(schema = @Schema(type = "string", allowableValues = {"name", "-name",
                    "customers_count", "-customers_count", "subtree_customers_count", "-subtree_customers_count",
                    "descendants_count", "-descendants_count", "depth", "-depth"})))
    @PagingParameters
    @Parameter(name = "format", in = ParameterIn.QUERY,
            description = "csv (any letter case) for the same page as CSV; anything else is JSON",
            schema = @Schema(type = "string", allowableValues = {"json", "csv"}))
    @ApiResponsesFor(description = "One page of every live group's counts", headers = {ResponseHeader.RESULT_COUNT,
            ResponseHeader.LINK, ResponseHeader.EVENT_POSITION, ResponseHeader.PROJECTION_LAG},
            listOf = GroupStatsResponse.class,
            csv = "Header line uuid,name,customers_count,subtree_customers_count,descendants_count,depth,path, then "
                    + "one line per group (RFC 4180, CRLF); path joined by \" / \"",
            errors = {401, 403, 404}, refusals = @Refusal(status = 400, body = ErrorBody.VALIDATION_ERROR,
                    description = "parent not a uuid ({\"parent\": [\"Enter a valid UUID.\"]}), a NUL character in "
                            + "name"))
    public ResponseEntity<?> list(@Parameter(hidden = true) GroupReportParameters parameters) {
        HttpHeaders position = positions.headers(GroupReportProjection.PROCESSING_GROUP);
        Page<GroupStats> page = messaging.page(new ListGroupStats(parameters.parent(), parameters.name(),
                parameters.ordering(), parameters.page()), GroupStats.class);
        ResponseEntity<List<GroupStatsResponse>> json = Paging.respond(page, parameters.page().size(),
                page.items().stream().map(GroupStatsResponse::of).toList());
        if (parameters.csv()) {
            return ResponseEntity.ok().headers(json.getHeaders()).headers(position)
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .body(csv(page.items()));
        }
        return ResponseEntity.ok().headers(json.getHeaders()).headers(position).body(json.getBody());
    }

    /**
     * A live group's direct and subtree member counts at the end of each interval overlapping {@code [from, to]},
     * oldest first; not paged. Staff only.
     *
     * @return 200 with {@code X-Event-Position} and {@code X-Projection-Lag}
     * @throws ApiException 404 for a malformed uuid (before the parameters are read); see
     *                      {@link MembershipParameters#from}; 404 {@code {"detail":"Not found."}} for an unknown or
     *                      deleted group, looked up last
     */
    @GetMapping({MEMBERSHIP, MEMBERSHIP + "/"})
    @Operation(operationId = "reports_organization_groups_membership_list",
            summary = "A group's member counts over time")
    @UuidPathParameter
    @Parameter(name = "from", in = ParameterIn.QUERY,
            description = "First day, YYYY-MM-DD (UTC days); default: to minus 29 days",
            schema = @Schema(type = "string", format = "date"))
    @Parameter(name = "to", in = ParameterIn.QUERY,
            description = "Last day, YYYY-MM-DD; default today (UTC); at most 3699 days after from",
            schema = @Schema(type = "string", format = "date"))
    @Parameter(name = "interval", in = ParameterIn.QUERY, description = "One point per day, ISO week or month",
            schema = @Schema(type = "string", allowableValues = {"day", "week", "month"}, defaultValue = "day"))
    @ApiResponsesFor(description = "One point per interval, oldest first",
            headers = {ResponseHeader.EVENT_POSITION, ResponseHeader.PROJECTION_LAG}, errors = {401, 403},
            refusals = {
                    @Refusal(status = 400, body = ErrorBody.VALIDATION_ERROR, description = "from, to or interval "
                            + "malformed (reported together), from after to, a range over 3700 days"),
                    @Refusal(status = 404, description = "Malformed uuid; unknown, deleted or not reached yet")})
    public ResponseEntity<List<MembershipPointResponse>> membership(
            @Parameter(hidden = true) PathUuid uuid, @Parameter(hidden = true) MembershipParameters parameters) {
        HttpHeaders position = positions.headers(GroupReportProjection.PROCESSING_GROUP);
        MembershipHistory history = messaging.find(new FindGroupMembershipHistory(new GroupId(uuid.value()),
                parameters.from(), parameters.to(), parameters.interval()), MembershipHistory.class)
                .orElseThrow(ApiException::notFound);
        return ResponseEntity.ok().headers(position)
                .body(history.points().stream().map(MembershipPointResponse::of).toList());
    }

    /**
     * The page as CSV ({@link SpreadsheetCsv}): a header line, then one line per group, {@code path} as the names
     * joined by {@value #CSV_PATH_SEPARATOR}.
     */
    static String csv(List<GroupStats> rows) {
        List<List<Object>> lines = new ArrayList<>();
        for (GroupStats row : rows) {
            lines.add(List.of(Uuids.hex(row.groupId().uuid()), row.name(), row.customersCount(),
                    row.subtreeCustomersCount(), row.descendantsCount(), row.depth(),
                    String.join(CSV_PATH_SEPARATOR, row.path())));
        }
        return SpreadsheetCsv.write(CSV_COLUMNS, lines);
    }
}
