package org.orggroups.app.web.offering;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.orggroups.api.offering.ClearPlanGroups;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdatePlanGroups;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.offering.FindOffering;
import org.orggroups.api.query.offering.FindPlan;
import org.orggroups.api.query.offering.ListPlans;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.app.web.OrganizationGroupsRequest;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ApiSchema;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/marketplace-plans/}: Waldur's provider plans, members of their offering's aggregate (API.md section
 * 12, E6 to E10). Access as for {@link OfferingController}. Commands to a plan go to its offering, found with
 * {@link FindPlan}.
 */
@RestController
@Tag(name = "marketplace-plans")
public class PlanController {

    private static final String LIST = "/api/marketplace-plans";
    private static final String DETAIL = LIST + "/{uuid}";
    private static final String UPDATE_GROUPS = DETAIL + "/update_organization_groups";
    private static final String DELETE_GROUPS = DETAIL + "/delete_organization_groups";

    private final Messaging messaging;

    public PlanController(Messaging messaging) {
        this.messaging = messaging;
    }

    /**
     * E7: plans of live offerings, one page; a user who is not staff gets an empty list.
     *
     * @throws ApiException 400 {@code {"offering_uuid": ["Enter a valid UUID."]}} (or {@code offering}); 404 for a
     *                      bad page
     */
    @Operation(operationId = "marketplace_plans_list", summary = "List plans")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @PagingParameters
    @ApiResponsesFor(headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, errors = {400, 401, 404})
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<ProviderPlanDetails>> list(@ParameterObject PlanListParameters parameters) {
        Page<PlanSummary> page = staff() && !parameters.matchesNothing()
                ? messaging.page(new ListPlans(parameters.offering(), parameters.page()), PlanSummary.class)
                : parameters.page().slice(List.of());
        String base = Hyperlinks.base();
        return Paging.respond(page, parameters.page().size(),
                page.items().stream().map(p -> OfferingRepresentations.providerPlan(base, p)).toList());
    }

    /** E7's HEAD: the status and headers of {@link #list}, no body (Waldur's "count" operation). */
    @Operation(operationId = "marketplace_plans_count", summary = "Count plans",
            description = "Get number of items in the collection matching the request parameters.")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @PagingParameters
    @ApiResponsesFor(headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, noBody = true,
            errors = {400, 401, 404})
    @RequestMapping(method = RequestMethod.HEAD, path = {LIST, LIST + "/"})
    public ResponseEntity<List<ProviderPlanDetails>> count(@ParameterObject PlanListParameters parameters) {
        return list(parameters);
    }

    /**
     * E6: adds a plan to a live offering: 201 with the plan as E8 renders it and {@code Location}.
     *
     * @throws ApiException 400 with every field's error: {@code name}; {@code offering} (another route: "Invalid
     *                      hyperlink - Incorrect URL match."; unknown or deleted, also when found deleted by the
     *                      command: "Invalid hyperlink - Object does not exist."); {@code organization_groups} and
     *                      {@code include_descendant_groups} as on E1
     */
    @Operation(operationId = "marketplace_plans_create", summary = "Create a plan")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProviderPlanDetailsRequest.class)))
    @ApiResponsesFor(status = 201, headers = ResponseHeader.LOCATION, errors = {400, 401, 403, 409, 413})
    @PostMapping({LIST, LIST + "/"})
    public ResponseEntity<ProviderPlanDetails> create(@Parameter(hidden = true) ProviderPlanDetailsRequest body) {
        Map<String, Object> errors = new LinkedHashMap<>();
        String name = OfferingBodies.name(body.name(), errors);
        UUID offering = OfferingBodies.link("offering", body.offering(), Hyperlinks::parseOffering, errors);
        List<GroupSummary> live = OfferingBodies.groups(messaging, body.organizationGroups(), true, errors);
        Boolean descendants = OfferingBodies.bool(OfferingBodies.DESCENDANTS, body.includeDescendantGroups(), false,
                true, errors);
        if (offering != null
                && messaging.find(new FindOffering(new OfferingId(offering)), OfferingSummary.class).isEmpty()) {
            errors.put("offering", List.of(Hyperlinks.OBJECT_DOES_NOT_EXIST));
        }
        OfferingBodies.failIfAny(errors);

        CreatePlan command = new CreatePlan(new OfferingId(offering), PlanId.random(), name,
                OfferingBodies.ids(live), descendants);
        try {
            messaging.send(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // the offering was deleted (with its provider) after the check above
            throw ApiException.field("offering", Hyperlinks.OBJECT_DOES_NOT_EXIST);
        }
        String base = Hyperlinks.base();
        // as on E1: an offering deleted right after the write must not turn the acknowledged write into a 404
        PlanSummary created = messaging.find(new FindPlan(command.planId()), PlanSummary.class)
                .orElseGet(() -> new PlanSummary(command.planId(), command.offeringId(), command.name(),
                        !command.groupIds().isEmpty(), command.includeDescendantGroups(),
                        live.stream().sorted(Comparator.comparing(GroupSummary::name)
                                .thenComparing(g -> g.groupId().toString())).toList(), 0));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, Hyperlinks.plan(base, command.planId().uuid()))
                .body(OfferingRepresentations.providerPlan(base, created));
    }

    /**
     * E8: one plan of a live offering.
     *
     * @throws ApiException 404 for an unknown, deleted or malformed uuid, and for every user who is not staff
     */
    @Operation(operationId = "marketplace_plans_retrieve", summary = "Retrieve a plan")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(errors = {401, 404})
    @GetMapping({DETAIL, DETAIL + "/"})
    public ProviderPlanDetails retrieve(@UuidPathParameter PlanId id) {
        if (!staff()) {
            throw ApiException.notFound();
        }
        return OfferingRepresentations.providerPlan(Hyperlinks.base(), findOrFail(id));
    }

    /**
     * E9: replaces the plan's restriction, as E4 does the offering's: 200 with an empty body.
     *
     * @throws ApiException as {@link OfferingController#updateOrganizationGroups}
     */
    @Operation(operationId = "marketplace_plans_update_organization_groups",
            summary = "Update organization groups for a plan")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(noBody = true, errors = {400, 401, 403, 404, 409, 413})
    @PostMapping({UPDATE_GROUPS, UPDATE_GROUPS + "/"})
    public ResponseEntity<Void> updateOrganizationGroups(
            @UuidPathParameter PlanId id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) OrganizationGroupsRequest body) {
        PlanSummary plan = findOrFail(id); // DRF looks the plan up before it validates
        OfferingController.Restriction restriction = OfferingController.restriction(messaging, body);
        messaging.send(new UpdatePlanGroups(plan.offeringId(), id, restriction.groups(),
                restriction.includeDescendantGroups()));
        return ResponseEntity.ok().build();
    }

    /**
     * E10: opens the plan; the body is ignored. 204; recorded only when it was restricted.
     *
     * @throws ApiException 404 for an unknown plan
     */
    @Operation(operationId = "marketplace_plans_delete_organization_groups",
            summary = "Remove all organization groups from a plan")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 204, noBody = true, errors = {401, 403, 404, 409})
    @PostMapping({DELETE_GROUPS, DELETE_GROUPS + "/"})
    public ResponseEntity<Void> deleteOrganizationGroups(@UuidPathParameter PlanId id) {
        PlanSummary plan = findOrFail(id);
        messaging.send(new ClearPlanGroups(plan.offeringId(), id));
        return ResponseEntity.noContent().build();
    }

    private static boolean staff() {
        return OfferingController.staff();
    }

    private PlanSummary findOrFail(PlanId id) {
        return messaging.find(new FindPlan(id), PlanSummary.class).orElseThrow(ApiException::notFound);
    }
}
