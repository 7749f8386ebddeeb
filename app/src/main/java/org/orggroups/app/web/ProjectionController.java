package org.orggroups.app.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.orggroups.app.projections.ProjectionState;
import org.orggroups.app.projections.Projections;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Hyperlinks;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projections/}: the event processors behind the read tables, their position and lag, and
 * rebuilds of them. Staff only (see {@code AccessRules}).
 *
 * <p>A projection is {@code {"name", "kind", "status", "position", "lag"}}, plus {@code "progress":
 * {"done", "total", "events_per_second", "eta_seconds"}} while a rebuild runs and {@code "error"} when it
 * failed. Synchronous views are rebuilt together: a rebuild of one of them (or of {@code views}) shows as
 * rebuilding on each.
 */
@RestController
public class ProjectionController {

    private static final String LIST = "/api/projections";
    private static final String DETAIL = LIST + "/{name}";
    private static final String REBUILD = DETAIL + "/rebuild";

    private final Projections projections;

    public ProjectionController(Projections projections) {
        this.projections = projections;
    }

    /** @return 200, every projection by name (not paged: a service has a handful) */
    @GetMapping({LIST, LIST + "/"})
    public List<Map<String, Object>> list() {
        return projections.list().stream().map(ProjectionController::render).toList();
    }

    /** @return 200, one projection; 404 {@code {"detail":"Not found."}} for an unknown name */
    @GetMapping({DETAIL, DETAIL + "/"})
    public Map<String, Object> detail(@PathVariable String name) {
        return projections.find(name).map(ProjectionController::render).orElseThrow(ApiException::notFound);
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return 202 with {@code Location} of the projection and its state; 404 for an unknown name; 409 {@code {"detail": ...}} while a rebuild of the same unit runs
     */
    @PostMapping({REBUILD, REBUILD + "/"})
    public ResponseEntity<Map<String, Object>> rebuild(@PathVariable String name) {
        try {
            projections.startRebuild(name);
        } catch (Projections.UnknownProjectionException e) {
            throw ApiException.notFound();
        } catch (Projections.RebuildRunningException e) {
            throw ApiException.detail(HttpStatus.CONFLICT, e.getMessage());
        }
        ProjectionState state = projections.find(name).orElseThrow(ApiException::notFound);
        URI location = URI.create(Hyperlinks.base() + LIST + "/" + name + "/");
        return ResponseEntity.accepted().location(location).body(render(state));
    }

    private static Map<String, Object> render(ProjectionState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", state.name());
        body.put("kind", state.kind());
        body.put("status", state.status());
        body.put("position", state.position());
        body.put("lag", state.lag());
        if (state.progress() != null) {
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("done", state.progress().done());
            progress.put("total", state.progress().total());
            progress.put("events_per_second", state.progress().eventsPerSecond());
            progress.put("eta_seconds", state.progress().etaSeconds());
            body.put("progress", progress);
        }
        if (state.error() != null) {
            body.put("error", state.error());
        }
        return body;
    }
}
