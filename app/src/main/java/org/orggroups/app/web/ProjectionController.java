package org.orggroups.app.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.app.projections.ProjectionState;
import org.orggroups.app.projections.Projections;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.Refusal;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Hyperlinks;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projections/}: the event processors behind the read tables, their position and lag, and rebuilds of
 * them (API.md section 10). Staff only (see {@code AccessRules}). Synchronous views are rebuilt together: a rebuild
 * of one of them (or of {@code views}) shows as rebuilding on each.
 */
@RestController
@Tag(name = "projections")
public class ProjectionController {

    private static final String LIST = "/api/projections";
    private static final String DETAIL = LIST + "/{name}";
    private static final String REBUILD = DETAIL + "/rebuild";

    private static final String UNKNOWN_NAME = "Unknown name ({\"detail\": \"Not found.\"})";

    private final Projections projections;

    public ProjectionController(Projections projections) {
        this.projections = projections;
    }

    /** @return 200, every projection by name (not paged: a service has a handful) */
    @GetMapping({LIST, LIST + "/"})
    @Operation(operationId = "projections_list", summary = "Every projection, by name")
    @ApiResponsesFor(description = "Every projection, ordered by name; not paged", errors = {401, 403})
    public List<ProjectionResponse> list() {
        return projections.list().stream().map(ProjectionResponse::of).toList();
    }

    /**
     * @param name a projection's name, or {@code views}
     * @return 200, one projection
     * @throws ApiException 404 {@code {"detail":"Not found."}} for an unknown name
     */
    @GetMapping({DETAIL, DETAIL + "/"})
    @Operation(operationId = "projections_retrieve", summary = "One projection")
    @ApiResponsesFor(description = "The projection", errors = {401, 403},
            refusals = @Refusal(status = 404, description = UNKNOWN_NAME))
    public ProjectionResponse detail(@ProjectionName @PathVariable String name) {
        return projections.find(name).map(ProjectionResponse::of).orElseThrow(ApiException::notFound);
    }

    /**
     * Starts a rebuild in the background. Any request body is ignored.
     *
     * @param name a projection's name, or {@code views}
     * @return 202 with {@code Location} of the projection and its state right after the start
     * @throws ApiException 404 {@code {"detail":"Not found."}} for an unknown name; 409
     *                      {@code {"detail":"A rebuild of <unit> is already running."}} while a rebuild of the same
     *                      unit runs
     */
    @PostMapping({REBUILD, REBUILD + "/"})
    @Operation(operationId = "projections_rebuild", summary = "Start a rebuild from the events")
    @ApiResponsesFor(status = 202, description = "Started; follow Location until status is live or failed",
            headers = ResponseHeader.LOCATION, errors = {401, 403}, refusals = {
                    @Refusal(status = 404, description = UNKNOWN_NAME),
                    @Refusal(status = 409, description = "A rebuild of the same unit runs "
                            + "({\"detail\": \"A rebuild of views is already running.\"})")})
    public ResponseEntity<ProjectionResponse> rebuild(@ProjectionName @PathVariable String name) {
        try {
            projections.startRebuild(name);
        } catch (Projections.UnknownProjectionException e) {
            throw ApiException.notFound();
        } catch (Projections.RebuildRunningException e) {
            throw ApiException.detail(HttpStatus.CONFLICT, e.getMessage());
        }
        ProjectionState state = projections.find(name).orElseThrow(ApiException::notFound);
        URI location = URI.create(Hyperlinks.base() + LIST + "/" + name + "/");
        return ResponseEntity.accepted().location(location).body(ProjectionResponse.of(state));
    }

    /** The OpenAPI description of the {@code {name}} path variable. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
    @Parameter(in = ParameterIn.PATH, description = "A projection's name, or views (the four synchronous ones)",
            schema = @Schema(type = "string", allowableValues = {"customer-view", "group-tree", "group-view", "offering-view",
                    "audit-events", "group-report", "views"}))
    @interface ProjectionName {
    }
}
