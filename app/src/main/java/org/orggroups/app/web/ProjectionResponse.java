package org.orggroups.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.projections.ProjectionState;

/**
 * A projection as {@code /api/projections/} renders it (API.md section 10), fields in this order; {@code progress},
 * {@code waiting_for} and {@code error} only when they apply (the keys are absent otherwise).
 *
 * @param name     the projection, or {@code views}
 * @param kind     {@code synchronous} or {@code streaming}
 * @param status   {@code live}, {@code rebuilding}, {@code waiting}, {@code retrying} or {@code failed}
 * @param position global index of the last event reflected
 * @param lag      stored events beyond {@code position}
 * @param progress only while rebuilding
 * @param waitingFor only while waiting: the segments waited for, whose claims and until when, in one line
 * @param error    only when failed or retrying: why, in one line
 */
@Schema(name = "Projection")
@JsonPropertyOrder({"name", "kind", "status", "position", "lag", "progress", "waiting_for", "error"})
public record ProjectionResponse(
        @Schema(example = "group-tree") String name,
        @Schema(allowableValues = {ProjectionState.SYNCHRONOUS, ProjectionState.STREAMING}) String kind,
        @Schema(allowableValues = {ProjectionState.LIVE, ProjectionState.REBUILDING, ProjectionState.WAITING,
                ProjectionState.RETRYING, ProjectionState.FAILED}) String status,
        @Schema(nullable = true) Long position,
        @Schema(nullable = true) Long lag,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        Progress progress,
        @JsonProperty("waiting_for") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                example = "segment 2 held by node-2 until its claim expires at 2026-12-06T09:14:05.120Z")
        String waitingFor,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String error) {

    /** @return the projection as the wire shows it */
    static ProjectionResponse of(ProjectionState state) {
        ProjectionState.Progress p = state.progress();
        return new ProjectionResponse(state.name(), state.kind(), state.status(), state.position(), state.lag(),
                p == null ? null : new Progress(p.done(), p.total(), p.eventsPerSecond(), p.etaSeconds()),
                state.waitingFor(), state.error());
    }

    /**
     * A running rebuild's progress.
     *
     * @param done            events replayed so far
     * @param total           events to replay
     * @param eventsPerSecond average rate since the start
     * @param etaSeconds      seconds left at that rate, or {@code null} (rendered) while no rate is known
     */
    @Schema(name = "ProjectionProgress")
    @JsonPropertyOrder({"done", "total", "events_per_second", "eta_seconds"})
    public record Progress(
            long done,
            long total,
            @JsonProperty("events_per_second") long eventsPerSecond,
            @JsonProperty("eta_seconds") @Schema(nullable = true) Long etaSeconds) {
    }
}
