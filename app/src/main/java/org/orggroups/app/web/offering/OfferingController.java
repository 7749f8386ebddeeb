package org.orggroups.app.web.offering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.ClearOfferingGroups;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.NewPlan;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdateOfferingGroups;
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.AllowedCustomer;
import org.orggroups.api.query.offering.CheckOrder;
import org.orggroups.api.query.offering.FindOffering;
import org.orggroups.api.query.offering.FindPlan;
import org.orggroups.api.query.offering.ListAllowedCustomers;
import org.orggroups.api.query.offering.ListOfferings;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.OrderCheck;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.app.auth.AuthenticatedUser;
import org.orggroups.app.web.OrganizationGroupsRequest;
import org.orggroups.app.web.binding.FilterParameters;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ApiSchema;
import org.orggroups.app.web.schema.ErrorBody;
import org.orggroups.app.web.schema.Refusal;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Uuids;
import org.orggroups.command.MemberGroupNotFoundException;
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
 * {@code /api/marketplace-provider-offerings/}: Waldur's provider offerings restricted to organization groups
 * (API.md section 12, E1 to E5, and our E15, E16). Writes, {@code allowed_customers} and {@code order_check} are
 * for staff (the security layer refuses everyone else before any lookup); reads need a token, and a user who is not
 * staff owns no provider here, so sees no offering. Operation ids are Waldur's.
 */
@RestController
@Tag(name = "marketplace-provider-offerings")
public class OfferingController {

    private static final String LIST = "/api/marketplace-provider-offerings";
    private static final String DETAIL = LIST + "/{uuid}";
    private static final String UPDATE_GROUPS = DETAIL + "/update_organization_groups";
    private static final String DELETE_GROUPS = DETAIL + "/delete_organization_groups";
    private static final String ALLOWED_CUSTOMERS = DETAIL + "/allowed_customers";
    private static final String ORDER_CHECK = DETAIL + "/order_check";
    private static final String CUSTOMER_UUID = "customer_uuid";
    private static final String PLAN_UUID = "plan_uuid";
    /** Waldur's text for an order of a plan with another offering. */
    private static final String PLAN_OF_OTHER_OFFERING = "This plan is not available for selected offering.";

    private final Messaging messaging;

    public OfferingController(Messaging messaging) {
        this.messaging = messaging;
    }

    /**
     * E2: offerings with all their plans, one page with {@code X-Result-Count} and {@code Link}; a user who is not
     * staff gets an empty list (the filters are still checked).
     *
     * @throws ApiException see {@link OfferingListParameters#from}; 404 for a page past the end
     */
    @Operation(operationId = "marketplace_provider_offerings_list", summary = "List provider offerings")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @PagingParameters
    @ApiResponsesFor(headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, errors = {400, 401, 404})
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<ProviderOfferingDetails>> list(@ParameterObject OfferingListParameters parameters) {
        Page<OfferingSummary> page = staff()
                ? messaging.page(new ListOfferings(parameters.filter(), parameters.page()), OfferingSummary.class)
                : parameters.page().slice(List.of());
        String base = Hyperlinks.base();
        return Paging.respond(page, parameters.page().size(),
                page.items().stream().map(o -> OfferingRepresentations.provider(base, o)).toList());
    }

    /** E2's HEAD: the status and headers of {@link #list}, no body (Waldur's "count" operation). */
    @Operation(operationId = "marketplace_provider_offerings_count", summary = "Count provider offerings",
            description = "Get number of items in the collection matching the request parameters.")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @PagingParameters
    @ApiResponsesFor(headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, noBody = true,
            errors = {400, 401, 404})
    @RequestMapping(method = RequestMethod.HEAD, path = {LIST, LIST + "/"})
    public ResponseEntity<List<ProviderOfferingDetails>> count(
            @ParameterObject OfferingListParameters parameters) {
        return list(parameters);
    }

    /**
     * E1: creates an offering of a provider, with its nested plans and its restriction, in one transaction: 201 with
     * the offering as E3 renders it and {@code Location}.
     *
     * @throws ApiException 400 with every field's error: {@code name}, {@code customer} (a deleted provider:
     *                      "Invalid hyperlink - Object does not exist."), {@code shared}, {@code plans} (one object
     *                      per item: its {@code name}, {@code organization_groups}, {@code include_descendant_groups},
     *                      API.md 12.11), {@code organization_groups} (section 12.4's rules; absent means open),
     *                      {@code include_descendant_groups}; a group deleted before the command, as
     *                      {@link #deadGroup}
     */
    @Operation(operationId = "marketplace_provider_offerings_create", summary = "Create a provider offering")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = OfferingCreateRequest.class)))
    @ApiResponsesFor(status = 201, headers = ResponseHeader.LOCATION, errors = {401, 403, 409, 413},
            refusals = @Refusal(status = 400, body = ErrorBody.NESTED_FIELDS, description = "Field errors, every "
                    + "field at once; plans: one object of field errors per item"))
    @PostMapping({LIST, LIST + "/"})
    public ResponseEntity<ProviderOfferingDetails> create(@Parameter(hidden = true) OfferingCreateRequest body) {
        Map<String, Object> errors = new LinkedHashMap<>();
        String name = OfferingBodies.name(body.name(), errors);
        UUID provider = OfferingBodies.link("customer", body.customer(), Hyperlinks::parseCustomer, errors);
        Boolean shared = OfferingBodies.bool("shared", body.shared(), true, false, errors);
        List<OfferingBodies.PlanItem> plans = OfferingBodies.plans(messaging, body.plans(), errors);
        List<GroupSummary> live = OfferingBodies.groups(messaging, body.organizationGroups(), true, errors);
        Boolean descendants = OfferingBodies.bool(OfferingBodies.DESCENDANTS, body.includeDescendantGroups(), false,
                true, errors);
        Optional<CustomerSummary> customer = provider == null ? Optional.empty()
                : messaging.find(new FindCustomer(new CustomerId(provider)), CustomerSummary.class);
        if (provider != null && customer.isEmpty()) {
            errors.put("customer", List.of(Hyperlinks.OBJECT_DOES_NOT_EXIST));
        }
        OfferingBodies.failIfAny(errors);

        CreateOffering command = new CreateOffering(OfferingId.random(), new CustomerId(provider), name, shared,
                OfferingBodies.ids(live), descendants, plans.stream().map(p -> new NewPlan(PlanId.random(), p.name(),
                        OfferingBodies.ids(p.groups()), p.includeDescendantGroups())).toList());
        try {
            messaging.send(command);
        } catch (MemberGroupNotFoundException e) {
            throw deadGroup(e, command);
        }
        String base = Hyperlinks.base();
        // A provider deleted right after the write takes the offering with it; the write was still acknowledged,
        // so the answer is built from what was written rather than becoming a 404.
        OfferingSummary created = messaging.find(new FindOffering(command.offeringId()), OfferingSummary.class)
                .orElseGet(() -> asWritten(command, customer.get(), live, plans));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, Hyperlinks.offering(base, command.offeringId().uuid()))
                .body(OfferingRepresentations.provider(base, created));
    }

    /**
     * A group found live by the edge but deleted before the command locked it (API.md 12.11): reported where the
     * validation would now report it, under the offering's {@code organization_groups} when the offering names it,
     * and under {@code organization_groups} of every {@code plans} item that names it
     * ({@code {"plans": [{}, {"organization_groups": ["Invalid hyperlink - Object does not exist."]}]}}). Only the
     * group the command found first (uuid order over all the groups) is reported.
     */
    static ApiException deadGroup(MemberGroupNotFoundException e, CreateOffering command) {
        Map<String, Object> errors = new LinkedHashMap<>();
        List<Map<String, Object>> itemErrors = command.plans().stream()
                .map(p -> p.groupIds().contains(e.groupId())
                        ? Map.<String, Object>of(OfferingBodies.GROUPS, List.of(Hyperlinks.OBJECT_DOES_NOT_EXIST))
                        : Map.<String, Object>of())
                .toList();
        if (itemErrors.stream().anyMatch(m -> !m.isEmpty())) {
            errors.put("plans", itemErrors);
        }
        if (command.groupIds().contains(e.groupId()) || errors.isEmpty()) {
            errors.put(OfferingBodies.GROUPS, List.of(Hyperlinks.OBJECT_DOES_NOT_EXIST));
        }
        return new ApiException(HttpStatus.BAD_REQUEST, errors, new HttpHeaders());
    }

    private static OfferingSummary asWritten(CreateOffering command, CustomerSummary provider,
                                             List<GroupSummary> groups, List<OfferingBodies.PlanItem> items) {
        List<GroupSummary> byName = byName(groups);
        List<PlanSummary> plans = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NewPlan p = command.plans().get(i);
            boolean restricted = !p.groupIds().isEmpty();
            plans.add(new PlanSummary(p.planId(), command.offeringId(), p.name(), restricted,
                    restricted && p.includeDescendantGroups(), byName(items.get(i).groups()), 0));
        }
        plans.sort(Comparator.comparing(PlanSummary::name).thenComparing(p -> p.planId().toString()));
        return new OfferingSummary(command.offeringId(), command.name(), command.providerId(), provider.name(),
                command.shared(), !command.groupIds().isEmpty(), command.includeDescendantGroups(), byName, plans, 0);
    }

    private static List<GroupSummary> byName(List<GroupSummary> groups) {
        return groups.stream().sorted(Comparator.comparing(GroupSummary::name)
                .thenComparing(g -> g.groupId().toString())).toList();
    }

    /**
     * E3: one offering with all its plans.
     *
     * @throws ApiException 404 for an unknown, deleted or malformed uuid, and for every user who is not staff
     */
    @Operation(operationId = "marketplace_provider_offerings_retrieve", summary = "Retrieve a provider offering")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(errors = {401, 404})
    @GetMapping({DETAIL, DETAIL + "/"})
    public ProviderOfferingDetails retrieve(@UuidPathParameter OfferingId id) {
        if (!staff()) {
            throw ApiException.notFound();
        }
        return OfferingRepresentations.provider(Hyperlinks.base(), findOrFail(id));
    }

    /**
     * E4: replaces the offering's restriction with {@code {"organization_groups": [...],
     * "include_descendant_groups": bool}}; {@code []} opens it. 200 with an empty body; nothing is recorded when the
     * set and the flag are unchanged.
     *
     * @throws ApiException 404 before 400; 400 under {@code organization_groups} by the rules of section 12.4 (first
     *                      failing item only), under {@code include_descendant_groups} "Must be a valid boolean."
     */
    @Operation(operationId = "marketplace_provider_offerings_update_organization_groups",
            summary = "Update organization groups for an offering")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(noBody = true, errors = {400, 401, 403, 404, 409, 413})
    @PostMapping({UPDATE_GROUPS, UPDATE_GROUPS + "/"})
    public ResponseEntity<Void> updateOrganizationGroups(
            @UuidPathParameter OfferingId id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) OrganizationGroupsRequest body) {
        findOrFail(id); // DRF looks the offering up before it validates
        Restriction restriction = restriction(messaging, body);
        messaging.send(new UpdateOfferingGroups(id, restriction.groups(), restriction.includeDescendantGroups()));
        return ResponseEntity.ok().build();
    }

    /**
     * E5: opens the offering to every customer; the body is ignored. 204; recorded only when it was restricted.
     *
     * @throws ApiException 404 for an unknown offering
     */
    @Operation(operationId = "marketplace_provider_offerings_delete_organization_groups",
            summary = "Remove all organization groups from an offering")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 204, noBody = true, errors = {401, 403, 404, 409})
    @PostMapping({DELETE_GROUPS, DELETE_GROUPS + "/"})
    public ResponseEntity<Void> deleteOrganizationGroups(@UuidPathParameter OfferingId id) {
        findOrFail(id);
        messaging.send(new ClearOfferingGroups(id));
        return ResponseEntity.noContent().build();
    }

    /**
     * E15: every customer that {@link #orderCheck} would allow, with the groups it qualifies through; one page,
     * ordered by name, then uuid.
     *
     * @throws ApiException 404 for an unknown offering, before 400 {@code {"plan_uuid": [...]}} as in E16; 404 for a
     *                      page past the end
     */
    @Operation(operationId = "marketplace_provider_offerings_allowed_customers_list",
            summary = "Customers that may order an offering")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @Parameter(name = PLAN_UUID, in = ParameterIn.QUERY, description = "Also the plan's restriction.",
            schema = @Schema(type = "string", format = "uuid"))
    @FilterParameters.Name
    @PagingParameters
    @ApiResponsesFor(headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, errors = {401, 403, 404},
            refusals = @Refusal(status = 400, body = ErrorBody.VALIDATION_ERROR, description = "plan_uuid malformed "
                    + "([\"Enter a valid UUID.\"]), unknown ([\"Object with uuid=<hex> does not exist.\"]) or of "
                    + "another offering ([\"This plan is not available for selected offering.\"]); a NUL character"))
    @GetMapping({ALLOWED_CUSTOMERS, ALLOWED_CUSTOMERS + "/"})
    public ResponseEntity<List<OfferingAllowedCustomer>> allowedCustomers(@UuidPathParameter OfferingId id,
                                                                          HttpServletRequest request) {
        findOrFail(id);
        Map<String, Object> errors = new LinkedHashMap<>();
        Optional<UUID> plan = uuidParameter(request, PLAN_UUID, false, errors);
        plan.ifPresent(p -> planOfOffering(id, new PlanId(p), errors));
        OfferingBodies.failIfAny(errors);
        PageRequest pageRequest = Paging.pageRequest(request);
        Page<AllowedCustomer> page = messaging.page(new ListAllowedCustomers(id, plan.map(PlanId::new).orElse(null),
                Paging.textFilter(request, "name"), pageRequest), AllowedCustomer.class);
        String base = Hyperlinks.base();
        return Paging.respond(page, pageRequest.size(),
                page.items().stream().map(c -> OfferingRepresentations.allowedCustomer(base, c)).toList());
    }

    /**
     * E16: whether a customer may order the offering, and a plan of it; allowed and denied both 200. Reads the
     * synchronous views, so it sees every write already acknowledged on any node.
     *
     * @throws ApiException 404 for an unknown offering; then 400 with the errors of {@code customer_uuid} and
     *                      {@code plan_uuid} together (section 12.7)
     */
    @Operation(operationId = "marketplace_provider_offerings_order_check_retrieve",
            summary = "Whether a customer may order an offering and plan")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @Parameter(name = CUSTOMER_UUID, in = ParameterIn.QUERY, required = true, description = "The customer.",
            schema = @Schema(type = "string", format = "uuid"))
    @Parameter(name = PLAN_UUID, in = ParameterIn.QUERY, description = "A plan of the offering; without it only the "
            + "offering is checked.", schema = @Schema(type = "string", format = "uuid"))
    @ApiResponsesFor(errors = {401, 403, 404}, refusals = @Refusal(status = 400, body = ErrorBody.VALIDATION_ERROR,
            description = "customer_uuid missing, malformed or unknown; plan_uuid malformed, unknown or of another "
                    + "offering; reported together"))
    @GetMapping({ORDER_CHECK, ORDER_CHECK + "/"})
    public OfferingOrderCheck orderCheck(@UuidPathParameter OfferingId id, HttpServletRequest request) {
        OfferingSummary offering = findOrFail(id);
        Map<String, Object> errors = new LinkedHashMap<>();
        Optional<UUID> customer = uuidParameter(request, CUSTOMER_UUID, true, errors);
        Optional<UUID> plan = uuidParameter(request, PLAN_UUID, false, errors);
        if (!errors.isEmpty()) {
            // the other parameter's own error is reported too, as DRF validates every field
            customer.ifPresent(c -> liveCustomer(new CustomerId(c), errors));
            plan.ifPresent(p -> planOfOffering(id, new PlanId(p), errors));
            OfferingBodies.failIfAny(errors);
        }
        PlanId planId = plan.map(PlanId::new).orElse(null);
        OrderCheck check = messaging.find(new CheckOrder(id, new CustomerId(customer.orElseThrow()), planId),
                OrderCheck.class).orElseThrow(ApiException::notFound);
        if (!check.customerKnown()) {
            errors.put(CUSTOMER_UUID, List.of(doesNotExist(customer.get())));
        }
        if (!check.planKnown()) {
            errors.put(PLAN_UUID, List.of(doesNotExist(plan.orElseThrow())));
        } else if (!check.planOfOffering()) {
            errors.put(PLAN_UUID, List.of(PLAN_OF_OTHER_OFFERING));
        }
        OfferingBodies.failIfAny(errors);
        return OfferingRepresentations.orderCheck(Hyperlinks.base(), check, offering, Uuids.hex(customer.get()),
                plan.map(Uuids::hex).orElse(null));
    }

    private static String doesNotExist(UUID uuid) {
        return "Object with uuid=" + Uuids.hex(uuid) + " does not exist.";
    }

    /**
     * Reads a uuid query parameter (its last value) into {@code errors}: "This field is required." when required and
     * absent or empty, "Enter a valid UUID." when malformed.
     */
    private static Optional<UUID> uuidParameter(HttpServletRequest request, String name, boolean required,
                                                Map<String, Object> errors) {
        String text = Paging.last(request, name);
        if (text == null || text.isEmpty()) {
            if (required) {
                errors.put(name, List.of(ErrorBodies.REQUIRED));
            }
            return Optional.empty();
        }
        Optional<UUID> uuid = Uuids.parse(text.strip());
        if (uuid.isEmpty()) {
            errors.put(name, List.of("Enter a valid UUID."));
        }
        return uuid;
    }

    private void liveCustomer(CustomerId customer, Map<String, Object> errors) {
        if (messaging.find(new FindCustomer(customer), CustomerSummary.class).isEmpty()) {
            errors.put(CUSTOMER_UUID, List.of(doesNotExist(customer.uuid())));
        }
    }

    private void planOfOffering(OfferingId offering, PlanId plan, Map<String, Object> errors) {
        Optional<PlanSummary> found = messaging.find(new FindPlan(plan), PlanSummary.class);
        if (found.isEmpty()) {
            errors.put(PLAN_UUID, List.of(doesNotExist(plan.uuid())));
        } else if (!found.get().offeringId().equals(offering)) {
            errors.put(PLAN_UUID, List.of(PLAN_OF_OTHER_OFFERING));
        }
    }

    /**
     * A checked body of {@code update_organization_groups}.
     *
     * @param groups                  the new set, duplicates collapsed; empty opens
     * @param includeDescendantGroups the new flag, {@code null} to keep the current one
     */
    record Restriction(Set<GroupId> groups, Boolean includeDescendantGroups) {
    }

    /**
     * Checks a body of {@code update_organization_groups} (section 12.4), for offerings and plans.
     *
     * @throws ApiException 400 with the errors of both keys
     */
    static Restriction restriction(Messaging messaging, OrganizationGroupsRequest body) {
        Map<String, Object> errors = new LinkedHashMap<>();
        List<GroupSummary> groups = OfferingBodies.groups(messaging, body.organizationGroups(), false, errors);
        Boolean descendants = OfferingBodies.bool(OfferingBodies.DESCENDANTS, body.includeDescendantGroups(), null,
                true, errors);
        OfferingBodies.failIfAny(errors);
        return new Restriction(OfferingBodies.ids(groups), descendants);
    }

    /** @return whether the caller is a staff user (Waldur's provider views show non-staff users nothing here) */
    static boolean staff() {
        return AuthenticatedUser.current().map(AuthenticatedUser::staff).orElse(false);
    }

    private OfferingSummary findOrFail(OfferingId id) {
        return messaging.find(new FindOffering(id), OfferingSummary.class).orElseThrow(ApiException::notFound);
    }
}
