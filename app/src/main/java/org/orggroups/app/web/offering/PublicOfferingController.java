package org.orggroups.app.web.offering;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.offering.FindPublicOffering;
import org.orggroups.api.query.offering.ListPublicOfferings;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.api.query.offering.Viewer;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Uuids;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/marketplace-public-offerings/}: what a customer may order (API.md section 12.5, E11 to E14), open to
 * anonymous callers as Waldur's catalogue is by default. Anonymous callers and users who are not staff see shared
 * offerings and open plans; staff see private offerings with a plan too, and every plan; {@code
 * allowed_customer_uuid} narrows both to what that customer may order.
 */
@RestController
@Tag(name = "marketplace-public-offerings")
public class PublicOfferingController {

    private static final String LIST = "/api/marketplace-public-offerings";
    private static final String DETAIL = LIST + "/{uuid}";
    private static final String PLANS = DETAIL + "/plans";
    private static final String PLAN = PLANS + "/{plan_uuid}";
    private static final String ALLOWED_CUSTOMER = "allowed_customer_uuid";

    private final Messaging messaging;

    public PublicOfferingController(Messaging messaging) {
        this.messaging = messaging;
    }

    /**
     * E11: the catalogue, one page with {@code X-Result-Count} and {@code Link}.
     *
     * @throws ApiException see {@link OfferingListParameters#from}; 404 for a page past the end
     */
    @Operation(operationId = "marketplace_public_offerings_list", summary = "List public offerings")
    @PagingParameters
    @ApiResponsesFor(headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, errors = {400, 401, 404})
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<PublicOfferingDetails>> list(@ParameterObject OfferingListParameters parameters) {
        Page<OfferingSummary> page = messaging.page(
                new ListPublicOfferings(viewer(), parameters.filter(), parameters.page()), OfferingSummary.class);
        String base = Hyperlinks.base();
        return Paging.respond(page, parameters.page().size(),
                page.items().stream().map(o -> OfferingRepresentations.publicOffering(base, o)).toList());
    }

    /** E11's HEAD: the status and headers of {@link #list}, no body (Waldur's "count" operation). */
    @Operation(operationId = "marketplace_public_offerings_count", summary = "Count public offerings",
            description = "Get number of items in the collection matching the request parameters.")
    @PagingParameters
    @ApiResponsesFor(headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, noBody = true,
            errors = {400, 401, 404})
    @RequestMapping(method = RequestMethod.HEAD, path = {LIST, LIST + "/"})
    public ResponseEntity<List<PublicOfferingDetails>> count(
            @ParameterObject OfferingListParameters parameters) {
        return list(parameters);
    }

    /**
     * E12: one offering of the caller's catalogue.
     *
     * @throws ApiException 400 for a malformed {@code allowed_customer_uuid} (the list's filters run first, as in
     *                      Waldur); 404 when the offering is not in the caller's list
     */
    @Operation(operationId = "marketplace_public_offerings_retrieve", summary = "Retrieve a public offering")
    @AllowedCustomerParameter
    @ApiResponsesFor(errors = {400, 401, 404})
    @GetMapping({DETAIL, DETAIL + "/"})
    public PublicOfferingDetails retrieve(@UuidPathParameter OfferingId id, HttpServletRequest request) {
        return OfferingRepresentations.publicOffering(Hyperlinks.base(), find(id, request));
    }

    /**
     * E13: the plans of one offering that the caller (or {@code allowed_customer_uuid}) may see: a plain array, not
     * paged, as Waldur answers it.
     *
     * @throws ApiException 400 for a malformed {@code allowed_customer_uuid}; 404 when the offering is not in the
     *                      caller's list, whatever the customer; an unknown or deleted customer gives {@code []}
     */
    @Operation(operationId = "marketplace_public_offerings_plans_list", summary = "List the plans of a public offering")
    @AllowedCustomerParameter
    @ApiResponsesFor(errors = {400, 401, 404})
    @GetMapping({PLANS, PLANS + "/"})
    public List<BasePublicPlan> plans(@UuidPathParameter OfferingId id, HttpServletRequest request) {
        String base = Hyperlinks.base();
        return plansFor(id, request).stream().map(p -> OfferingRepresentations.publicPlan(base, p)).toList();
    }

    /**
     * E14: one plan of E13's list.
     *
     * @throws ApiException 404 when the offering or the plan is not in the caller's lists, or a uuid is malformed
     */
    @Operation(operationId = "marketplace_public_offerings_plans_retrieve",
            summary = "Retrieve a plan of a public offering")
    @AllowedCustomerParameter
    @Parameter(name = "plan_uuid", in = ParameterIn.PATH, required = true,
            description = "Dashed or undashed, any letter case; a malformed uuid is 404",
            schema = @Schema(type = "string", format = "uuid"))
    @ApiResponsesFor(errors = {400, 401, 404})
    @GetMapping({PLAN, PLAN + "/"})
    public BasePublicPlan plan(@UuidPathParameter OfferingId id,
                               @Parameter(hidden = true) @PathVariable("plan_uuid") String planUuid,
                               HttpServletRequest request) {
        UUID plan = Uuids.parse(planUuid).orElseThrow(ApiException::notFound);
        return plansFor(id, request).stream().filter(p -> p.planId().uuid().equals(plan)).findFirst()
                .map(p -> OfferingRepresentations.publicPlan(Hyperlinks.base(), p))
                .orElseThrow(ApiException::notFound);
    }

    /**
     * The plans of E13 and E14: the offering must be in the caller's list, and {@code allowed_customer_uuid} then
     * narrows only the plans (Waldur's {@code plans} action does not filter the offering), to none when the customer
     * is unknown or may not order the offering at all.
     *
     * @throws ApiException 400 for a malformed {@code allowed_customer_uuid}; 404 when the offering is not in the
     *                      caller's list
     */
    private List<PlanSummary> plansFor(OfferingId id, HttpServletRequest request) {
        CustomerId allowed = Paging.uuidFilter(request, ALLOWED_CUSTOMER).map(CustomerId::new).orElse(null);
        OfferingSummary visible = messaging.find(new FindPublicOffering(id, viewer(), null), OfferingSummary.class)
                .orElseThrow(ApiException::notFound);
        if (allowed == null) {
            return visible.plans();
        }
        return messaging.find(new FindPublicOffering(id, viewer(), allowed), OfferingSummary.class)
                .map(OfferingSummary::plans).orElse(List.of());
    }

    private OfferingSummary find(OfferingId id, HttpServletRequest request) {
        CustomerId allowed = Paging.uuidFilter(request, ALLOWED_CUSTOMER).map(CustomerId::new).orElse(null);
        return messaging.find(new FindPublicOffering(id, viewer(), allowed), OfferingSummary.class)
                .orElseThrow(ApiException::notFound);
    }

    private static Viewer viewer() {
        return OfferingController.staff() ? Viewer.STAFF : Viewer.PUBLIC;
    }

    /** The {@code allowed_customer_uuid} parameter of E12 to E14, described once. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @Parameter(name = ALLOWED_CUSTOMER, in = ParameterIn.QUERY, description = "Only what this customer may order; "
            + "an unknown or deleted customer sees nothing.", schema = @Schema(type = "string", format = "uuid"))
    @interface AllowedCustomerParameter {
    }
}
